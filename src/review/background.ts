/**
 * Review log, background side (called once from entrypoints/background.ts):
 * - receives flagged entries from content scripts ("review-log"), validated (schema, sizes, sender
 *   is one of our content scripts in a top-level http(s) page), and writes them to IndexedDB in
 *   batches through writer.ts;
 * - prunes by retention at startup and at most once a day after (checked on each write, so no
 *   `alarms` permission is needed), the log and the pile-on records (src/protect/events.ts) alike;
 * - publishes write health (error, unsaved count) in storage.session for the popup and review page;
 * - serves "keep as evidence" (review-pin) and "not abusive" (review-not-abuse) to pages and to
 *   the in-page menu (actions.ts; messages.ts documents them), and tells open review pages what
 *   changed in the log (log-changes.ts), so they never poll;
 * - owns the "Bouclier: abusive, hide this" context-menu item; a click asks the tab's content
 *   script to mark the item she right-clicked (same message the e2e test sends: "mark-abusive");
 * - lets erase-everything (src/store/erase.ts) drop what is queued and close the log first.
 */
import { browser } from 'wxt/browser';
import { askTab } from '../messaging/tab-protocol';
import { SUPPORTED_HOST_PERMISSIONS } from '../platforms/hosts';
import { DAY_MS, ensureEntries, getEntries, mergeEntries, openLog, pruneBefore, retentionCutoff, type LogDB } from './log';
import { pruneRaidEventsBefore } from '../protect/events';
import { NOT_ABUSE_MESSAGE, PIN_MESSAGE, type NotAbuseRequest, type PinRequest, type ReviewActionReply } from './messages';
import { createLogWriter } from './writer';
import { fromExtensionPage, fromWebPage, type BackgroundRouter, type Sender } from '../messaging/background-router';
import { reviewPrefs, reviewStatus, reviewUnsaved } from '../store/review-keys';
import { announceLogChange } from './log-changes';
import { markNotAbusive, pinEntries, recordState, undoFeedback } from './actions';
import { screenshotRecord } from './capture';
import type { EntryInput, ReviewStatus } from './types';

export const MENU_ID = 'bouclier-mark-abusive';
/** "Keep as evidence" from the context menu: the click also lets the background take the picture (activeTab). */
export const MENU_KEEP_ID = 'bouclier-keep-evidence';
/** How long a pin's answer waits for its picture. */
const PICTURE_WAIT_MS = 4000;

export interface ReviewBackground {
  /** Drop queued entries and close the log, so that it can be erased (nothing is written after). */
  discardAndClose(): Promise<void>;
}

export function registerReviewBackground(router: BackgroundRouter): ReviewBackground {
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
    const prefs = await reviewPrefs.read();
    const now = Date.now();
    if (!force && now - prefs.lastPrunedAt < DAY_MS) return;
    const cutoff = retentionCutoff(prefs.retentionDays, now);
    if (cutoff !== null) {
      // Records kept as evidence are skipped (log.ts).
      if ((await pruneBefore(await db(), cutoff)) > 0) announceLogChange({ all: true });
      await pruneRaidEventsBefore(cutoff);
    }
    await reviewPrefs.write({ ...prefs, lastPrunedAt: now });
  }

  const writer = createLogWriter({
    async write(batch: EntryInput[]) {
      const { ids } = await mergeEntries(await db(), batch);
      announceLogChange({ ids });
      void pruneIfDue(false).catch(() => undefined);
    },
    async persistUnsaved(entries: EntryInput[]) {
      await reviewUnsaved.write(entries);
    },
    publishStatus(status: ReviewStatus) {
      void reviewStatus.write(status).catch(() => undefined);
    },
  });

  // Entries a previous life of this worker could not write.
  void reviewUnsaved
    .read()
    .then((entries) => {
      if (entries.length === 0) return;
      void reviewUnsaved.write([]);
      writer.add(entries);
    })
    .catch(() => undefined);

  // The worker wakes often: prune when due (daily); a browser start forces it (listener below).
  void pruneIfDue(false).catch(() => undefined);
  browser.runtime.onStartup?.addListener(() => void pruneIfDue(true).catch(() => undefined));

  /**
   * Keep as evidence / "not abusive", for an extension page (by id) or the in-page menu (by item). A pin
   * from a page's top frame with the item's box also takes its screenshot in `tab` (capture.ts).
   */
  async function act(msg: PinRequest | NotAbuseRequest, tab: { id: number; windowId: number } | null): Promise<ReviewActionReply> {
    const log = await db();
    const [id] = msg.entry ? await ensureEntries(log, [msg.entry]) : [msg.id];
    const [record] = await getEntries(log, [id!]);
    if (!record) return { ok: false, error: 'not-found' };
    if (msg.entry) announceLogChange({ ids: [record.id] });
    if (msg.type === PIN_MESSAGE) await pinEntries(log, [record.id], msg.pinned);
    else if (msg.undo) await undoFeedback(log, [record]);
    else await markNotAbusive(log, [record], msg.trustAuthor);
    const now = await recordState(log, record.id);
    if (!now) return { ok: false, error: 'not-found' };
    if (msg.type !== PIN_MESSAGE || !msg.pinned) return { ok: true, id: record.id, ...now };
    // The pin is written first: a capture that fails never loses it.
    // She waits for this answer: a capture that takes too long is given up (the pin stands, without a picture).
    const picture = Promise.race([screenshotRecord(log, record.id, tab, msg.rect), new Promise<boolean>((r) => setTimeout(() => r(false), PICTURE_WAIT_MS))]);
    return { ok: true, id: record.id, ...now, screenshot: await picture.catch(() => false) };
  }

  // From the review page after she freed space or deleted the log (an extension page, never a web page).
  router.on('review-retry', (_request, sender) => {
    if (sender.tab && !fromExtensionPage(sender)) return;
    return writer.retryNow().then(() => writer.status());
  });
  router.on('review-status', () => writer.status());
  // From an extension page, or our content script in a web page (any frame: chats live in iframes).
  const action = (msg: PinRequest | NotAbuseRequest, sender: Sender): Promise<ReviewActionReply> | undefined => {
    const fromPage = fromWebPage(sender);
    if (!fromPage && !fromExtensionPage(sender)) return;
    // A screenshot only of the tab she acts in, from its top frame (the box is in that frame's viewport).
    const t = sender.tab;
    const tab = fromPage && sender.frameId === 0 && t?.id !== undefined && t.windowId !== undefined ? { id: t.id, windowId: t.windowId } : null;
    return act(msg, tab).catch((e: unknown): ReviewActionReply => ({ ok: false, error: String(e) }));
  };
  router.on(PIN_MESSAGE, action);
  router.on(NOT_ABUSE_MESSAGE, action);
  // Only from our content scripts in a top-level web page.
  router.on('review-log', (msg, sender) => {
    if (!fromWebPage(sender, true)) return;
    writer.add(msg.entries);
    return { ok: true, accepted: msg.entries.length };
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
        menus.create({
          id: MENU_KEEP_ID,
          title: browser.i18n.getMessage('menu_keep_evidence' as never) || 'Bouclier: keep as evidence',
          contexts: ['page', 'selection', 'link', 'image'],
          documentUrlPatterns: SUPPORTED_HOST_PERMISSIONS,
        });
      });
    };
    browser.runtime.onInstalled.addListener(create);
    browser.runtime.onStartup?.addListener(create);
    menus.onClicked.addListener((info, tab) => {
      if (tab?.id === undefined) return;
      if (info.menuItemId === MENU_ID) void askTab(tab.id, { type: 'mark-abusive' }, info.frameId ?? 0);
      else if (info.menuItemId === MENU_KEEP_ID) void askTab(tab.id, { type: 'keep-evidence' }, info.frameId ?? 0);
    });
  }

  return {
    async discardAndClose() {
      await writer.discard();
      await reviewUnsaved.write([]).catch(() => undefined);
      const open = dbPromise;
      dbPromise = null;
      if (open) (await open.catch(() => null))?.close();
    },
  };
}
