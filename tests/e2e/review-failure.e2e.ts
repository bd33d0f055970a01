/**
 * The review log's database fails (here: another context upgraded it to a version this build cannot
 * open, so every open fails with VersionError, as after a downgrade or a corrupted profile):
 * shielding keeps working, the popup and the review page tell her the log is not being saved and
 * how many items wait, and once the database is usable again (deleted here) the waiting items are
 * written — none was dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');

let h: Harness;
let page: Page;
let tab: number;

beforeAll(async () => {
  h = await launchExtension();
  // Break the database before any item is logged: bump it past this build's version from an extension page.
  const breaker = await h.openExtensionPage('popup.html');
  await breaker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open('bouclier-review', 99);
        r.onsuccess = () => {
          r.result.close();
          resolve();
        };
        r.onerror = () => reject(r.error);
      }),
  );
  await breaker.close();
  page = await h.openFixture(THREAD_URL, THREAD_HTML);
  await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17);
  await waitForVerdicts(page, 'shreddit-comment');
  tab = (await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL))!;
});

afterAll(async () => {
  await h?.close();
});

describe('review log storage failure', () => {
  let waiting = 0;

  it('keeps shielding, and the popup says how many items are not saved', async () => {
    // Make sure there is something to log whatever the model flagged: mark one comment abusive.
    const clean = await page.$$eval('shreddit-comment[data-bouclier="clean"]', (els) => els.map((e) => e.getAttribute('thingid')));
    if (clean[0]) {
      await page.click(`shreddit-comment[thingid="${clean[0]}"] > [slot="comment"]`, { button: 'right' });
      await h.serviceWorker.evaluate(async (id) => chrome.tabs.sendMessage(id, { type: 'mark-abusive' }), tab);
      await expect.poll(() => page.locator(`shreddit-comment[thingid="${clean[0]}"]`).getAttribute('data-bouclier')).toBe('flagged');
    }
    const flagged = await page.locator('shreddit-comment[data-bouclier="flagged"]').count();
    expect(flagged).toBeGreaterThan(0);

    const popup = await h.openExtensionPage(`popup.html?tab=${tab}`);
    const note = popup.locator('[data-testid="review-status"]');
    await note.waitFor({ timeout: 20_000 });
    await expect.poll(async () => Number(/(\d+)/.exec((await note.textContent()) ?? '')?.[1]), { timeout: 10_000 }).toBe(flagged);
    expect(await note.textContent()).toMatch(/VersionError/);
    waiting = flagged;
    await popup.close();
  });

  it('the review page shows the error too, and after recovery every waiting item is in the log', async () => {
    const review = await h.openExtensionPage('options.html#review');
    await review.locator('[data-testid="review-db-error"]').waitFor();
    await review.locator('[data-testid="review-status"]').waitFor();
    // She fixes it (here: the broken database is deleted), then asks to save again.
    await review.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.deleteDatabase('bouclier-review');
          r.onsuccess = () => resolve();
          r.onerror = () => reject(r.error);
        }),
    );
    // The background also retries on its own (back-off), so the note may already be gone.
    await review.locator('[data-testid="review-status"] button').click({ timeout: 2_000 }).catch(() => undefined);
    await review.locator('[data-testid="review-status"]').waitFor({ state: 'detached', timeout: 20_000 });
    await review.reload();
    await review.waitForSelector('html[data-review-ready]');
    expect(Number(await review.locator('html').getAttribute('data-review-ready'))).toBe(waiting);
    h.assertNoExternalRequests();
  });
});
