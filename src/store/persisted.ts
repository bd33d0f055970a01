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

/**
 * One key of a storage area read and written through `parse` (repairs anything stored; never throws),
 * for values kept as they are (a list, a small record) rather than as a store: pile-on records,
 * corrections, review preferences, the log's write health. Writes to a key are serialised within a
 * context, so two quick read-modify-writes never lose one another.
 */
export interface StoredValue<T> {
  readonly key: string;
  read(): Promise<T>;
  write(next: T): Promise<void>;
  /** Read, compute, write; `next` returning `prev` itself writes nothing. Resolves to the value now stored. */
  update(next: (prev: T) => T | Promise<T>): Promise<T>;
  remove(): Promise<void>;
  /** Every change made anywhere (a cleared area included, read as `parse(undefined)`); returns a function that stops. */
  watch(cb: (value: T) => void): () => void;
}

export type AreaName = 'sync' | 'local' | 'session';

type StorageArea = Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'>;

/** `session` (memory, trusted contexts only) falls back to `local` where a browser has none. */
function storageArea(name: AreaName): { area: StorageArea; name: AreaName } {
  if (name !== 'session') return { area: browser.storage[name], name };
  const session: StorageArea | undefined = Reflect.get(browser.storage, 'session');
  return session ? { area: session, name } : { area: browser.storage.local, name: 'local' };
}

const chains = new Map<string, Promise<unknown>>();
function serialised<R>(id: string, job: () => Promise<R>): Promise<R> {
  const run = (chains.get(id) ?? Promise.resolve()).then(job);
  chains.set(id, run.catch(() => undefined));
  return run;
}

export function createStoredValue<T>(opts: { key: string; area: AreaName; parse(raw: unknown): T }): StoredValue<T> {
  const { key, parse } = opts;
  const id = `${opts.area}:${key}`;
  const read = async (): Promise<T> => parse((await storageArea(opts.area).area.get(key))[key]);
  const put = (next: T): Promise<void> => storageArea(opts.area).area.set({ [key]: next });
  return {
    key,
    read,
    write: (next) => serialised(id, () => put(next)),
    update: (next) =>
      serialised(id, async () => {
        const prev = await read();
        const value = await next(prev);
        if (value !== prev) await put(value);
        return value;
      }),
    remove: () => serialised(id, () => storageArea(opts.area).area.remove(key)),
    watch(cb) {
      const { name } = storageArea(opts.area);
      const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea === name && changes[key]) cb(parse(changes[key].newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
