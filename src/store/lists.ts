/**
 * Her lists: trusted accounts (never filtered), muted accounts (always hidden) and muted
 * words/phrases (with * wildcards). Each entry is global or limited to one platform. Kept in
 * browser.storage.local (lists can outgrow sync's per-item quota, and they describe her contacts).
 */
import { createPersistedStore, type PersistedState } from './persisted';

export const LISTS_SCHEMA_VERSION = 1;
export const LISTS_KEY = 'lists';
export const LIST_KINDS = ['trustedAccounts', 'mutedAccounts', 'mutedWords'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const MAX_ENTRY_CHARS = 200;
export const MAX_ENTRIES = 5000;

export interface ListEntry {
  value: string;
  /** Platform id (e.g. "x", "reddit") or null for everywhere. */
  platform: string | null;
  addedAt: number;
}

export type Lists = { schemaVersion: number } & Record<ListKind, ListEntry[]>;

export const DEFAULT_LISTS: Lists = { schemaVersion: LISTS_SCHEMA_VERSION, trustedAccounts: [], mutedAccounts: [], mutedWords: [] };

/** Account handles compare without "@", case-insensitively. */
export function normaliseHandle(h: string): string {
  return h.trim().replace(/^@+/, '').toLowerCase();
}

function repairEntries(raw: unknown): ListEntry[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: ListEntry[] = [];
  for (const e of raw.slice(0, MAX_ENTRIES)) {
    if (typeof e !== 'object' || e === null) continue;
    const r = e as Record<string, unknown>;
    if (typeof r.value !== 'string') continue;
    const value = r.value.trim().slice(0, MAX_ENTRY_CHARS);
    if (!value) continue;
    const platform = typeof r.platform === 'string' && r.platform ? r.platform : null;
    const key = `${platform ?? '*'}\u0000${value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ value, platform, addedAt: typeof r.addedAt === 'number' ? r.addedAt : 0 });
  }
  return out;
}

export function migrateLists(raw: unknown): Lists {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    schemaVersion: LISTS_SCHEMA_VERSION,
    trustedAccounts: repairEntries(r.trustedAccounts),
    mutedAccounts: repairEntries(r.mutedAccounts),
    mutedWords: repairEntries(r.mutedWords),
  };
}

const persisted = createPersistedStore<Lists>({ key: LISTS_KEY, area: 'local', defaults: DEFAULT_LISTS, migrate: migrateLists });
export const listsStore = persisted.store;
export type ListsState = PersistedState<Lists>;
export const startListsSync = (): Promise<void> => persisted.start();

/** The lists with `author` added to (or removed from) one account list, for this platform. */
export function withAccount(lists: Lists, kind: 'trustedAccounts' | 'mutedAccounts', author: string, platform: string, listed: boolean): Lists {
  const a = normaliseHandle(author);
  const rest = lists[kind].filter((e) => !(normaliseHandle(e.value) === a && (e.platform === null || e.platform === platform)));
  const entries = listed ? [...rest, { value: author.replace(/^@+/, ''), platform, addedAt: Date.now() }] : rest;
  return { ...lists, [kind]: entries };
}

/** Is this author on the given account list, for this platform (or globally)? */
export function accountListed(entries: ListEntry[], author: string | null, platform: string): boolean {
  if (!author || entries.length === 0) return false;
  const a = normaliseHandle(author);
  return entries.some((e) => (e.platform === null || e.platform === platform) && normaliseHandle(e.value) === a);
}
