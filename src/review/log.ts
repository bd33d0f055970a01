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
 * A record she kept as evidence (pinned) is never deleted by retention nor by "delete": only by
 * unpinning it first, or by "erase everything Bouclier keeps" (clearLog).
 *
 * Screenshots (store "screenshots", key = SHA-256 of the image) belong to the records that name them
 * and go when the last such record goes (screenshots.ts).
 */
import { openDB } from 'idb';
import { normalize } from '../classifier/normalize';
import { detectLanguage } from './lang';
import { isPinned, type EntryInput, type Feedback, type LogEntry } from './types';
import { DB_NAME, DB_VERSION, type LogDB, type ReviewDB } from './log-schema';

export { DAY_MS, retentionCutoff } from './types';
// Deleting (retention, "delete", erase) lives in log-delete.ts, which never touches a kept record unless erasing.
export { clearLog, deleteAllUnpinned, deleteEntries, pruneBefore } from './log-delete';

export { DB_NAME, DB_VERSION, type LogDB, type ReviewDB } from './log-schema';

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
    upgrade(db, oldVersion, _newVersion, tx) {
      // v1: the records. v2: screenshots, and which record names one (records without are not indexed).
      const entries = oldVersion < 1 ? db.createObjectStore('entries', { keyPath: 'id' }) : tx.objectStore('entries');
      if (oldVersion < 1) entries.createIndex('firstSeen', 'firstSeen');
      if (oldVersion < 2) {
        entries.createIndex('screenshot', 'screenshot');
        db.createObjectStore('screenshots', { keyPath: 'id' });
      }
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

const EVIDENCE_FIELDS = ['postedAt', 'parent', 'target', 'screenshot'] as const;

/** Evidence the first sighting lacked (post time, parent, target, screenshot) is added by a later one; nothing is replaced. */
function addMissingEvidence(old: LogEntry, seen: EntryInput): void {
  for (const k of EVIDENCE_FIELDS) {
    if ((old[k] === undefined || old[k] === null) && seen[k] !== undefined && seen[k] !== null) (old as unknown as Record<string, unknown>)[k] = seen[k];
  }
}

/** Insert new records, update known ones (lastSeen, seenCount) in one transaction. */
export async function mergeEntries(db: LogDB, inputs: EntryInput[], now = Date.now()): Promise<{ added: number; updated: number; ids: string[] }> {
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
      addMissingEvidence(prev, input);
    } else byId.set(e.id, e);
  }
  await Promise.all(
    [...byId.values()].map(async (e) => {
      const old = await tx.store.get(e.id);
      if (old) {
        old.lastSeen = Math.max(old.lastSeen, e.lastSeen);
        old.seenCount += e.seenCount;
        // A missed item she marked herself upgrades a record the model had not labelled.
        if (e.source === 'correction' && old.source === 'model' && old.feedback === 'not_abusive') {
          old.feedback = null;
          old.feedbackAt = null;
        }
        addMissingEvidence(old, e);
        await tx.store.put(old);
        updated++;
      } else {
        await tx.store.put(e);
        added++;
      }
    }),
  );
  await tx.done;
  return { added, updated, ids: [...byId.keys()] };
}

/**
 * Make sure these items are in the log (an item kept as evidence from the page before its batch was
 * written), without counting a sighting; evidence a record lacked is added. Returns their ids.
 */
export async function ensureEntries(db: LogDB, inputs: EntryInput[], now = Date.now()): Promise<string[]> {
  const tx = db.transaction('entries', 'readwrite');
  const ids = await Promise.all(
    inputs.map(async (input) => {
      const fresh = toEntry(input, now);
      const old = await tx.store.get(fresh.id);
      if (!old) await tx.store.put(fresh);
      else {
        addMissingEvidence(old, input);
        await tx.store.put(old);
      }
      return fresh.id;
    }),
  );
  await tx.done;
  return ids;
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

/** The records with these ids that exist (in the order given). */
export async function getEntries(db: LogDB, ids: string[]): Promise<LogEntry[]> {
  const tx = db.transaction('entries');
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  return found.filter((e): e is LogEntry => e !== undefined);
}

export async function setFeedback(db: LogDB, ids: string[], feedback: Feedback, now = Date.now()): Promise<void> {
  const tx = db.transaction('entries', 'readwrite');
  await Promise.all(
    ids.map(async (id) => {
      const e = await tx.store.get(id);
      if (e) await tx.store.put({ ...e, feedback, feedbackAt: feedback ? now : null });
    }),
  );
  await tx.done;
}

/** Keep as evidence (pinned) or release (unpinned). Pinning again keeps the first pin time. */
export async function setPinned(db: LogDB, ids: string[], pinned: boolean, now = Date.now()): Promise<LogEntry[]> {
  const tx = db.transaction('entries', 'readwrite');
  const changed: LogEntry[] = [];
  await Promise.all(
    ids.map(async (id) => {
      const e = await tx.store.get(id);
      if (!e || isPinned(e) === pinned) return;
      const next = { ...e, pinnedAt: pinned ? now : null };
      await tx.store.put(next);
      changed.push(next);
    }),
  );
  await tx.done;
  return changed;
}

