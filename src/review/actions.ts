/**
 * What she does to a record, in one place for the review page and the background (which serves the
 * same actions to the in-page menu through messages.ts):
 * - keep as evidence (pin) / stop keeping: see log.ts for what a pin protects against;
 * - "not abusive": an allow correction (corrections.ts: applied at once in every open tab) and her
 *   feedback on the record, with its time; undo removes both.
 * Each announces the change to open review pages (log-changes.ts).
 */
import { normalize } from '../classifier/normalize';
import { addCorrections, loadCorrections, removeCorrections, type Correction } from './corrections';
import { getEntries, setFeedback, setPinned, type LogDB } from './log';
import { announceLogChange } from './log-changes';
import type { LogEntry } from './types';

export async function pinEntries(db: LogDB, ids: string[], pinned: boolean, now = Date.now()): Promise<LogEntry[]> {
  const changed = await setPinned(db, ids, pinned, now);
  announceLogChange({ ids: changed.map((e) => e.id) });
  return changed;
}

type Item = Pick<LogEntry, 'id' | 'text' | 'platform' | 'author' | 'labels'>;

export async function markNotAbusive(db: LogDB, items: Item[], trustAuthor: boolean, now = Date.now()): Promise<void> {
  if (items.length === 0) return;
  await addCorrections(
    items.map((e) => ({
      verdict: 'allow' as const,
      text: e.text,
      platform: e.platform,
      author: e.author,
      trustAuthor: trustAuthor && !!e.author,
      label: (e.labels[0] ?? 'misogyny') as Correction['label'],
      entryId: e.id,
    })),
  );
  await setFeedback(db, items.map((e) => e.id), 'not_abusive', now);
  announceLogChange({ ids: items.map((e) => e.id) });
}

/** Undo her feedback: the corrections made from these records (or on the same text) go, the filter decides again. */
export async function undoFeedback(db: LogDB, items: Pick<LogEntry, 'id' | 'text'>[]): Promise<void> {
  if (items.length === 0) return;
  const ids = new Set(items.map((e) => e.id));
  const keys = new Set(items.map((e) => normalize(e.text)));
  const drop = (await loadCorrections()).filter((c) => (c.entryId && ids.has(c.entryId)) || keys.has(normalize(c.text))).map((c) => c.id);
  await removeCorrections(drop);
  await setFeedback(db, [...ids], null);
  announceLogChange({ ids: [...ids] });
}

/** The record as it stands after an action, for the reply to a page. */
export async function recordState(db: LogDB, id: string): Promise<{ pinnedAt: number | null; feedback: LogEntry['feedback'] } | null> {
  const [e] = await getEntries(db, [id]);
  return e ? { pinnedAt: e.pinnedAt ?? null, feedback: e.feedback } : null;
}
