/**
 * The one storage layer for user state: a zustand vanilla store persisted under one key of
 * browser.storage (`sync` for small settings that may follow her across devices, `local` for lists
 * and anything private), live-updated from storage.onChanged in every context (popup, options,
 * all tabs). A failed write (quota, sync throttling) keeps the change in memory and exposes a
 * clear error instead of losing it silently.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';

export interface PersistedState<T> {
  value: T;
  loaded: boolean;
  /** Last write error (e.g. "QUOTA_BYTES quota exceeded"); null when the last write succeeded. */
  error: string | null;
  /** Merge a patch (or compute the next value), repair it with `migrate`, store it. */
  update(patch: Partial<T> | ((prev: T) => T)): Promise<void>;
  /** Replace the whole value (import, reset). */
  replace(next: T): Promise<void>;
}

export interface PersistedStore<T> {
  store: StoreApi<PersistedState<T>>;
  start(): Promise<void>;
}

export function createPersistedStore<T extends object>(opts: {
  key: string;
  area: 'sync' | 'local';
  defaults: T;
  /** Upgrade or repair anything read from storage or imported; must never throw. */
  migrate(raw: unknown): T;
}): PersistedStore<T> {
  const area = () => browser.storage[opts.area];
  const store = createStore<PersistedState<T>>()((set, get) => {
    async function write(next: T): Promise<void> {
      set({ value: next });
      try {
        await area().set({ [opts.key]: next });
        set({ error: null });
      } catch (e) {
        set({ error: e instanceof Error ? e.message : String(e) });
      }
    }
    return {
      value: opts.defaults,
      loaded: false,
      error: null,
      update: (patch) => {
        const prev = get().value;
        const merged = typeof patch === 'function' ? patch(prev) : { ...prev, ...patch };
        return write(opts.migrate(merged));
      },
      replace: (next) => write(opts.migrate(next)),
    };
  });

  let started: Promise<void> | null = null;
  return {
    store,
    start() {
      started ??= (async () => {
        browser.storage.onChanged.addListener((changes, changedArea) => {
          if (changedArea === opts.area && changes[opts.key]) {
            store.setState({ value: opts.migrate(changes[opts.key]!.newValue), loaded: true });
          }
        });
        try {
          const stored = await area().get(opts.key);
          store.setState({ value: opts.migrate(stored[opts.key]), loaded: true });
        } catch (e) {
          store.setState({ loaded: true, error: e instanceof Error ? e.message : String(e) });
        }
      })();
      return started;
    },
  };
}
