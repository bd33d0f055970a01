/**
 * The review page's connection to the log (IndexedDB of the extension origin) and to what changes it,
 * without polling: the first read (the newest page at once, then everything), then only what other
 * contexts announce (log-changes.ts: the records named, or everything after a bulk change), her
 * corrections, retention and pile-on records through storage.onChanged. When the database is closed
 * under the page (erase everything, a newer version elsewhere), it reopens and reads it all again.
 */
import { browser } from 'wxt/browser';
import { allEntries, getEntries, newestEntries, openLog, type LogDB } from '../log';
import { watchLogChanges } from '../log-changes';
import { CORRECTIONS_KEY, loadCorrections } from '../corrections';
import { loadRaidEvents, RAID_EVENTS_KEY } from '@/src/protect/events';
import { parseReviewPrefs, REVIEW_PREFS_KEY } from '../types';
import { setReview, upsertEntries, useReview } from './store';

const FIRST_PAGE = 40;
let dbPromise: Promise<LogDB> | null = null;

export function logDb(): Promise<LogDB> {
  dbPromise ??= openLog(undefined, () => {
    dbPromise = null;
    // Closed under us: the log was erased (Privacy & data) or the browser closed it. Show what is there now.
    setTimeout(() => void loadAll(), 250);
  }).catch((e: unknown) => {
    dbPromise = null;
    throw e;
  });
  return dbPromise;
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export async function loadAll(): Promise<void> {
  try {
    const db = await logDb();
    if (useReview.getState().entries === null) {
      // 50,000 records take a while: show the newest page at once.
      const first = await newestEntries(db, FIRST_PAGE);
      setReview({ partial: true, entries: useReview.getState().entries ?? first });
    }
    const t0 = performance.now();
    const all = await allEntries(db);
    document.documentElement.setAttribute('data-review-load-ms', String(Math.round(performance.now() - t0)));
    setReview({ entries: all, partial: false, dbError: null });
  } catch (e) {
    dbPromise = null;
    setReview({ dbError: errorText(e), entries: useReview.getState().entries ?? [], partial: false });
  }
}

/** Read these records again (after a change here or elsewhere); those no longer in the log leave the list. */
export async function refresh(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await getEntries(await logDb(), ids);
  const present = new Set(found.map((e) => e.id));
  upsertEntries(found, ids.filter((id) => !present.has(id)));
}

const countRaids = () => void loadRaidEvents().then((e) => setReview({ raidCount: e.length }), () => undefined);
const readCorrections = () => void loadCorrections().then((corrections) => setReview({ corrections }), () => undefined);

/** Start following the log and her data; returns a function that stops. */
export function startLogSource(): () => void {
  void loadAll();
  countRaids();
  readCorrections();
  void browser.storage.local.get(REVIEW_PREFS_KEY).then((v) => setReview({ prefs: parseReviewPrefs(v[REVIEW_PREFS_KEY]) }));
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (changes[CORRECTIONS_KEY]) readCorrections();
    if (changes[REVIEW_PREFS_KEY]) setReview({ prefs: parseReviewPrefs(changes[REVIEW_PREFS_KEY].newValue) });
    if (changes[RAID_EVENTS_KEY]) countRaids();
  };
  browser.storage.onChanged.addListener(onStorage);
  const stopWatching = watchLogChanges((change) => {
    if ('all' in change) void loadAll();
    else void refresh(change.ids).catch(() => loadAll());
  });
  return () => {
    browser.storage.onChanged.removeListener(onStorage);
    stopWatching();
  };
}
