/**
 * The review log: IndexedDB of the extension origin (database "bouclier-review", store "entries"),
 * opened with `idb`. The background writes to it (content scripts send entries by message); the
 * review page (options.html#review, same origin) reads it, records her feedback and deletes.
 *
 * De-duplication: one record per item, keyed by `entryId`: platform + permalink when the adapter
 * gives one, else platform + author + normalised text (src/classifier/normalize.ts), so a re-render,
 * a reload or the same spam text re-posted by the same account never creates a second record. Seeing
 * it again updates lastSeen / seenCount and keeps the first text, labels and time (the evidence).
 *
 * Retention: records whose firstSeen is older than the retention period are deleted (on startup and
 * at most daily after, see background.ts; pile-on records follow the same rule); 0 days = keep forever.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { normalize } from '../classifier/normalize';
import { detectLanguage } from './lang';
import type { EntryInput, Feedback, LogEntry } from './types';

export { DAY_MS, retentionCutoff } from './types';

export const DB_NAME = 'bouclier-review';
export const DB_VERSION = 1;

interface ReviewDB extends DBSchema {
  entries: { key: string; value: LogEntry; indexes: { firstSeen: number } };
}
export type LogDB = IDBPDatabase<ReviewDB>;

export function entryId(e: Pick<EntryInput, 'platform' | 'permalink' | 'author' | 'text'>): string {
  if (e.permalink) return `${e.platform}|p|${e.permalink.split('#')[0]}`;
  return `${e.platform}|t|${(e.author ?? '').toLowerCase()}|${normalize(e.text)}`;
}

/**
 * Open (or create) the log. `onGone` runs when this connection is closed under us: another context
 * needs a newer version (we close at once rather than block it) or the browser terminated it; the
 * caller then drops its cached connection and reopens on next use.
 */
export function openLog(name = DB_NAME, onGone?: () => void): Promise<LogDB> {
  return openDB<ReviewDB>(name, DB_VERSION, {
    upgrade(db) {
      const store = db.createObjectStore('entries', { keyPath: 'id' });
      store.createIndex('firstSeen', 'firstSeen');
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      onGone?.();
    },
    terminated() {
      onGone?.();
    },
  });
}

export function toEntry(input: EntryInput, now = Date.now()): LogEntry {
  const firstSeen = Math.min(input.seenAt, now);
  return { ...input, id: entryId(input), lang: detectLanguage(input.text), firstSeen, lastSeen: firstSeen, seenCount: 1, feedback: null };
}

/** Insert new records, update known ones (lastSeen, seenCount) in one transaction. */
export async function mergeEntries(db: LogDB, inputs: EntryInput[], now = Date.now()): Promise<{ added: number; updated: number }> {
  const tx = db.transaction('entries', 'readwrite');
  let added = 0;
  let updated = 0;
  // Merge duplicates inside the batch first.
  const byId = new Map<string, LogEntry>();
  for (const input of inputs) {
    const e = toEntry(input, now);
    const prev = byId.get(e.id);
    if (prev) {
      prev.lastSeen = Math.max(prev.lastSeen, e.lastSeen);
      prev.seenCount++;
    } else byId.set(e.id, e);
  }
  await Promise.all(
    [...byId.values()].map(async (e) => {
      const old = await tx.store.get(e.id);
      if (old) {
        old.lastSeen = Math.max(old.lastSeen, e.lastSeen);
        old.seenCount += e.seenCount;
        // A missed item she marked herself upgrades a record the model had not labelled.
        if (e.source === 'correction' && old.source === 'model' && old.feedback === 'not_abusive') old.feedback = null;
        await tx.store.put(old);
        updated++;
      } else {
        await tx.store.put(e);
        added++;
      }
    }),
  );
  await tx.done;
  return { added, updated };
}

/** Delete records first seen before `cutoff`. Returns how many were deleted. */
export async function pruneBefore(db: LogDB, cutoff: number): Promise<number> {
  const tx = db.transaction('entries', 'readwrite');
  let n = 0;
  let cursor = await tx.store.index('firstSeen').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    await cursor.delete();
    n++;
    cursor = await cursor.continue();
  }
  await tx.done;
  return n;
}

export async function allEntries(db: LogDB): Promise<LogEntry[]> {
  return db.getAll('entries');
}

/** The `n` most recently first-seen records (newest first): a quick first page before the full load. */
export async function newestEntries(db: LogDB, n: number): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  let cursor = await db.transaction('entries').store.index('firstSeen').openCursor(null, 'prev');
  while (cursor && out.length < n) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function countEntries(db: LogDB): Promise<number> {
  return db.count('entries');
}

export async function setFeedback(db: LogDB, ids: string[], feedback: Feedback): Promise<void> {
  const tx = db.transaction('entries', 'readwrite');
  await Promise.all(
    ids.map(async (id) => {
      const e = await tx.store.get(id);
      if (e) await tx.store.put({ ...e, feedback });
    }),
  );
  await tx.done;
}

export async function deleteEntries(db: LogDB, ids: string[]): Promise<void> {
  const tx = db.transaction('entries', 'readwrite');
  await Promise.all(ids.map((id) => tx.store.delete(id)));
  await tx.done;
}

export async function clearLog(db: LogDB): Promise<void> {
  await db.clear('entries');
}
