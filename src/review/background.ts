/**
 * Review log, background side (called once from entrypoints/background.ts):
 * - receives flagged entries from content scripts ("review-log"), validated (schema, sizes, sender
 *   is one of our content scripts in a top-level http(s) page), and writes them to IndexedDB in
 *   batches through writer.ts;
 * - prunes by retention at startup and at most once a day after (checked on each write, so no
 *   `alarms` permission is needed), the log and the pile-on records (src/protect/events.ts) alike;
 * - publishes write health (error, unsaved count) in storage.session for the popup and review page;
 * - owns the "Bouclier: abusive, hide this" context-menu item; a click asks the tab's content
 *   script to mark the item she right-clicked (same message the e2e test sends: "mark-abusive");
 * - lets erase-everything (src/store/erase.ts) drop what is queued and close the log first.
 */
import { browser } from 'wxt/browser';
import { SUPPORTED_HOST_PERMISSIONS } from '../platforms/hosts';
import { DAY_MS, mergeEntries, openLog, pruneBefore, retentionCutoff, type LogDB } from './log';
import { pruneRaidEventsBefore } from '../protect/events';
import { parseReviewRequest } from './messages';
import { createLogWriter } from './writer';
import { sessionArea } from './status';
import { parseEntry } from './messages';
import { REVIEW_PREFS_KEY, REVIEW_STATUS_KEY, parseReviewPrefs, type EntryInput, type ReviewStatus } from './types';

export const MENU_ID = 'bouclier-mark-abusive';
const UNSAVED_KEY = 'reviewUnsaved';


export interface ReviewBackground {
  /** Drop queued entries and close the log, so that it can be erased (nothing is written after). */
  discardAndClose(): Promise<void>;
}

export function registerReviewBackground(): ReviewBackground {
  let dbPromise: Promise<LogDB> | null = null;
  const db = (): Promise<LogDB> => {
    dbPromise ??= openLog(undefined, () => {
      dbPromise = null;
    }).catch((e: unknown) => {
      dbPromise = null;
      throw e;
    });
    return dbPromise;
  };

  async function pruneIfDue(force: boolean): Promise<void> {
    const stored = await browser.storage.local.get(REVIEW_PREFS_KEY);
    const prefs = parseReviewPrefs(stored[REVIEW_PREFS_KEY]);
    const now = Date.now();
    if (!force && now - prefs.lastPrunedAt < DAY_MS) return;
    const cutoff = retentionCutoff(prefs.retentionDays, now);
    if (cutoff !== null) {
      await pruneBefore(await db(), cutoff);
      await pruneRaidEventsBefore(cutoff);
    }
    await browser.storage.local.set({ [REVIEW_PREFS_KEY]: { ...prefs, lastPrunedAt: now } });
  }

  const writer = createLogWriter({
    async write(batch: EntryInput[]) {
      await mergeEntries(await db(), batch);
      void pruneIfDue(false).catch(() => undefined);
    },
    async persistUnsaved(entries: EntryInput[]) {
      await sessionArea().set({ [UNSAVED_KEY]: entries });
    },
    publishStatus(status: ReviewStatus) {
      void sessionArea().set({ [REVIEW_STATUS_KEY]: status }).catch(() => undefined);
    },
  });

  // Entries a previous life of this worker could not write.
  void sessionArea()
    .get(UNSAVED_KEY)
    .then((stored) => {
      const raw = stored[UNSAVED_KEY];
      if (!Array.isArray(raw) || raw.length === 0) return;
      const entries = raw.map(parseEntry).filter((e): e is EntryInput => e !== null);
      void sessionArea().set({ [UNSAVED_KEY]: [] });
      writer.add(entries);
    })
    .catch(() => undefined);

  // The worker wakes often: prune when due (daily); a browser start forces it (listener below).
  void pruneIfDue(false).catch(() => undefined);
  browser.runtime.onStartup?.addListener(() => void pruneIfDue(true).catch(() => undefined));

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    const type = (raw as { type?: unknown } | null)?.type;
    if (type === 'review-retry') {
      // From the review page after she freed space or deleted the log.
      if (sender.tab && !sender.url?.startsWith(browser.runtime.getURL('/' as never))) return false;
      writer.retryNow().then(() => sendResponse(writer.status()));
      return true;
    }
    const msg = parseReviewRequest(raw);
    if (!msg) return false;
    if (msg.type === 'review-status') {
      sendResponse(writer.status());
      return false;
    }
    // review-log: only from our content scripts in a top-level web page.
    if (!sender.tab || sender.frameId !== 0 || !/^https?:\/\//.test(sender.url ?? '')) return false;
    writer.add(msg.entries);
    sendResponse({ ok: true, accepted: msg.entries.length });
    return false;
  });

  // Context menu: created on install/update and at every startup (removeAll first: idempotent).
  const menus = (browser as unknown as { contextMenus?: typeof chrome.contextMenus }).contextMenus;
  if (menus) {
    const create = () => {
      menus.removeAll(() => {
        menus.create({
          id: MENU_ID,
          title: browser.i18n.getMessage('menu_mark_abusive' as never) || 'Bouclier: abusive, hide this',
          contexts: ['page', 'selection', 'link', 'image'],
          documentUrlPatterns: SUPPORTED_HOST_PERMISSIONS,
        });
      });
    };
    browser.runtime.onInstalled.addListener(create);
    browser.runtime.onStartup?.addListener(create);
    menus.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
      void browser.tabs.sendMessage(tab.id, { type: 'mark-abusive' }, { frameId: info.frameId ?? 0 }).catch(() => undefined);
    });
  }

  return {
    async discardAndClose() {
      await writer.discard();
      await sessionArea().set({ [UNSAVED_KEY]: [] }).catch(() => undefined);
      const open = dbPromise;
      dbPromise = null;
      if (open) (await open.catch(() => null))?.close();
    },
  };
}
