import { useEffect } from 'react';
import { useStore } from 'zustand';
import { settingsStore, startSettingsSync, type SettingsState } from '../store/settings';

/** React view of the shared settings store (live-updated from browser.storage). */
export function useSettings<T>(selector: (s: SettingsState) => T): T {
  useEffect(() => {
    void startSettingsSync();
  }, []);
  return useStore(settingsStore, selector);
}
