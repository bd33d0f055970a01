import { useEffect } from 'react';
import { useStore } from 'zustand';
import { protectStore, startProtectSync, type ProtectState } from '../protect/settings';

/** React view of her on-device protections (identifiers, own accounts, pile-ons, lockdowns), live from browser.storage.local. */
export function useProtect(): ProtectState {
  useEffect(() => {
    void startProtectSync();
  }, []);
  return useStore(protectStore);
}
