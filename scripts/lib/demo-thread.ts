/**
 * The bundled FR/EN Reddit thread the demo and the screenshots open, served at its real URL, and the
 * steps both take with it: open it and wait for every verdict, find its tab, ask it what it hid, open
 * the popup for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { TabStats } from '../../src/messaging/tab-protocol';
import { waitForVerdicts, type Harness } from '../../tests/e2e/harness';

export const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
export const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/demo/reddit-thread.html'), 'utf8');
/** Comments in the thread (the post itself is not one). */
export const THREAD_COMMENTS = 17;

/** The thread, once every comment carries its verdict. */
export async function openDemoThread(h: Harness): Promise<Page> {
  const page = await h.openFixture(THREAD_URL, THREAD_HTML);
  await page.waitForFunction((n) => document.querySelectorAll('shreddit-comment').length === n, THREAD_COMMENTS, { timeout: 10_000 });
  await waitForVerdicts(page, 'shreddit-comment');
  return page;
}

/**
 * What the shield did on the thread, as the tab tells the popup (the page itself never learns why an
 * item is hidden): comments read, comments hidden, hidden comments per main reason (each counted once).
 */
export async function threadSummary(h: Harness, url = THREAD_URL): Promise<{ scanned: number; hidden: number; byReason: Record<string, number> }> {
  const tabId = await tabIdOf(h, url);
  const stats: TabStats = await h.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'get-page-stats' }), tabId);
  return { scanned: stats.scanned, hidden: stats.flagged, byReason: stats.byReason };
}

/** The browser's id of the tab showing `url`. */
export async function tabIdOf(h: Harness, url = THREAD_URL): Promise<number> {
  const id = await h.serviceWorker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The popup as it opens for that tab (in a tab of its own, `width` CSS pixels wide), its counts loaded. */
export async function openPopup(h: Harness, tabId: number, size: { width: number; height: number }): Promise<Page> {
  const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewportSize(size);
  await popup.locator('[data-testid="counts"]').waitFor({ timeout: 5_000 });
  return popup;
}
