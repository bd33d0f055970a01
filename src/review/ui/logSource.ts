/**
 * The review page's connection to the log (IndexedDB of the extension origin) and to what changes it,
 * without polling: the first read (the newest page at once, then everything), then only what other
 * contexts announce (log-changes.ts: the records named, or everything after a bulk change), her
 * corrections, retention and pile-on records as their stored values change (src/store/persisted.ts). When the database is closed
 * under the page (erase everything, a newer version elsewhere), it reopens and reads it all again.
 */
import { allEntries, getEntries, newestEntries, openLog, type LogDB } from '../log';
import { watchLogChanges } from '../log-changes';
import { loadCorrections, watchCorrections } from '../corrections';
import { loadRaidEvents, watchRaidEvents } from '@/src/protect/events';
import { reviewPrefs } from '@/src/store/review-keys';
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
  void reviewPrefs.read().then((prefs) => setReview({ prefs }));
  const stops = [
    watchCorrections((corrections) => setReview({ corrections })),
    reviewPrefs.watch((prefs) => setReview({ prefs })),
    watchRaidEvents((events) => setReview({ raidCount: events.length })),
    watchLogChanges((change) => {
      if ('all' in change) void loadAll();
      else void refresh(change.ids).catch(() => loadAll());
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
