/**
 * What she does on the review page, written to the log and her corrections (actions.ts, the same code
 * the background serves to the in-page menu), then shown: the records touched are read again and a
 * notice says what happened. Other open pages hear of it through log-changes.ts.
 */
import { askBackground } from '@/src/messaging/background-protocol';
import { t } from '@/src/ui/i18n';
import { download } from '@/src/ui/download';
import { deleteAllUnpinned, deleteEntries, pruneBefore, retentionCutoff } from '../log';
import { announceLogChange } from '../log-changes';
import { markNotAbusive as markAllowed, pinEntries, undoFeedback } from '../actions';
import { clearCorrections } from '../corrections';
import { deleteRaidEvents, pruneRaidEventsBefore } from '@/src/protect/events';
import { parseReviewPrefs, type LogEntry } from '../types';
import { reviewPrefs } from '@/src/store/review-keys';
import { getScreenshots, screenshotDataUrl } from '../screenshots';
import { toCsv, toJson, toPrintableHtml, type ExportContext } from '../evidence';
import { exportText } from './exportText';
import { loadAll, logDb, refresh } from './logSource';
import { setReview, useReview } from './store';

const ids = (list: LogEntry[]) => list.map((e) => e.id);
const notice = (key: string, subs: (string | number)[] = []) => setReview({ notice: t(key, subs.map(String)) });

export async function markNotAbusive(list: LogEntry[]): Promise<void> {
  if (list.length === 0) return;
  await markAllowed(await logDb(), list, useReview.getState().trustAuthor);
  await refresh(ids(list));
  notice('review_notice_not_abusive', [list.length]);
}

export async function undo(list: LogEntry[]): Promise<void> {
  if (list.length === 0) return;
  await undoFeedback(await logDb(), list);
  await refresh(ids(list));
  notice('review_notice_undone', [list.length]);
}

/** Keep as evidence (or stop): the notice is her confirmation of what that protects against. */
export async function keep(list: LogEntry[], pinned: boolean): Promise<void> {
  if (list.length === 0) return;
  const changed = await pinEntries(await logDb(), ids(list), pinned);
  await refresh(ids(list));
  notice(pinned ? 'review_notice_kept' : 'review_notice_unkept', [changed.length]);
}

export async function removeSelected(): Promise<void> {
  const selected = [...useReview.getState().selected];
  if (selected.length === 0) return;
  const { deleted, pinned } = await deleteEntries(await logDb(), selected);
  announceLogChange({ ids: deleted });
  setReview({ selected: new Set(pinned) });
  await refresh(deleted);
  notice('review_notice_deleted', [deleted.length, pinned.length]);
}

const stamp = (d: Date): string => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
const safe = (s: string): string => s.replace(/[^\p{L}\p{N}_.-]+/gu, '_').slice(0, 60);

export type ExportKind = 'csv' | 'json' | 'html';

/** Export these records (the selection, the items shown or a dossier) in the language she chose. */
export async function exportRecords(kind: ExportKind, list: LogEntry[]): Promise<void> {
  if (list.length === 0) return;
  const started = performance.now();
  const s = useReview.getState();
  const dossier = s.dossier ? { platform: list[0]!.platform, author: list[0]!.author } : null;
  const shotIds = kind === 'html' ? list.flatMap((e) => (e.screenshot ? [e.screenshot] : [])) : [];
  const shots = shotIds.length ? await getScreenshots(await logDb(), shotIds) : new Map();
  const ctx: ExportContext = {
    now: new Date(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    text: await exportText(s.exportLang),
    includeNotAbusive: s.includeNotAbusive,
    dossier,
    screenshots: new Map([...shots].map(([id, shot]) => [id, screenshotDataUrl(shot)])),
  };
  const base = dossier ? `bouclier-dossier-${safe(dossier.author ?? dossier.platform)}-${s.exportLang}` : `bouclier-${s.exportLang}`;
  const fileName = `${base}-${stamp(ctx.now)}.${kind}`;
  const made =
    kind === 'csv'
      ? await toCsv(list, ctx).then((o) => ({ body: o.csv, finalHash: o.finalHash, count: o.count, mime: 'text/csv;charset=utf-8' }))
      : kind === 'json'
        ? await toJson(list, ctx).then((o) => ({ body: o.json, finalHash: o.finalHash, count: o.count, mime: 'application/json' }))
        : await toPrintableHtml(list, ctx).then((o) => ({ body: o.html, finalHash: o.finalHash, count: o.count, mime: 'text/html;charset=utf-8' }));
  const url = download(fileName, made.mime, made.body);
  if (kind === 'html') window.open(url, '_blank', 'noopener');
  document.documentElement.setAttribute('data-review-export-ms', String(Math.round(performance.now() - started)));
  // The hash is worth something as evidence only once it is recorded outside this device: ask now.
  setReview({
    notice: t('review_notice_exported', [String(made.count)]),
    exported: { finalHash: made.finalHash, count: made.count, fileName, exportedAtUtc: ctx.now.toISOString() },
  });
}

export async function changeRetention(days: number): Promise<void> {
  const next = parseReviewPrefs({ ...useReview.getState().prefs, retentionDays: days });
  await reviewPrefs.write(next);
  setReview({ prefs: next });
  const cutoff = retentionCutoff(next.retentionDays);
  if (cutoff === null) return;
  // What she keeps as evidence is skipped (log.ts).
  const n = await pruneBefore(await logDb(), cutoff);
  const raids = await pruneRaidEventsBefore(cutoff);
  if (n > 0) announceLogChange({ all: true });
  if (n + raids > 0) notice('review_notice_pruned', [n, raids]);
  await loadAll();
}

/** "Delete everything": the log except what she keeps as evidence, the pile-on records, her corrections. */
export async function clearEverything(): Promise<void> {
  const db = await logDb();
  const kept = await deleteAllUnpinned(db);
  await clearCorrections();
  await deleteRaidEvents();
  announceLogChange({ all: true });
  setReview({ confirmClear: false, selected: new Set(), revealed: new Set(), detailId: null });
  await loadAll();
  notice(kept > 0 ? 'review_notice_cleared_kept' : 'review_notice_cleared', kept > 0 ? [kept] : []);
  void askBackground({ type: 'review-retry' });
}
