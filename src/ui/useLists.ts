import { useEffect } from 'react';
import { useStore } from 'zustand';
import { listsStore, startListsSync, type ListsState } from '../store/lists';

/** React view of her lists (live-updated from browser.storage.local). */
export function useLists<T>(selector: (s: ListsState) => T): T {
  useEffect(() => {
    void startListsSync();
  }, []);
  return useStore(listsStore, selector);
}
