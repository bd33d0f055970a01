/**
 * Failure modes she must never be left in the dark about: the model cannot load (missing or
 * corrupt file, WASM blocked) → the page and popup say protection is degraded, her own rules keep
 * working, and she can choose to keep unknown accounts' replies blurred; the classifier host
 * restarting mid-flight → items are re-queued, none stays pending forever.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, launchExtension, waitForVerdicts, type Harness } from './harness';
import { closedRoot, shieldText } from './closed-shadow';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');

/** A copy of the built extension whose model file is corrupt. */
function brokenModelBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-broken-'));
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'models/bouclier.onnx'), 'not a model');
  return dir;
}

const opened: Harness[] = [];
afterAll(async () => {
  for (const h of opened) await h.close();
});

describe('when the model cannot load', () => {
  it('says so on the page and in the popup, keeps her muted words working, and can withhold replies', async () => {
    const h = await launchExtension({ extensionDir: brokenModelBuild() });
    opened.push(h);
    await h.serviceWorker.evaluate(() =>
      chrome.storage.local.set({ lists: { schemaVersion: 1, trustedAccounts: [{ value: 'lea_b', platform: null, addedAt: 1 }], mutedAccounts: [], mutedWords: [{ value: 'pute', platform: null, addedAt: 1 }] } }),
    );
    const page = await h.openFixture(THREAD_URL, THREAD_HTML);
    // The muted word (written as-is here) is hidden without the model; the trusted account is clean.
    const muted = page.locator('shreddit-comment[author="throwaway_8812"]');
    await expect.poll(() => muted.getAttribute('data-bouclier'), { timeout: 15_000 }).toBe('flagged');
    await expect.poll(() => shieldText(muted)).toMatch(/your muted words/);
    expect(await page.locator('shreddit-comment[author="lea_b"]').getAttribute('data-bouclier')).toBe('clean');
    // Everything else waits for a model that is not there, and she is told.
    expect(await page.locator('shreddit-comment[author="sam_reads"]').getAttribute('data-bouclier')).toBe('pending');
    const notice = page.locator('[data-bouclier-ui="notice"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.evaluate((el) => el.shadowRoot)).toBeNull(); // closed: the page cannot read or press it
    const noticeRoot = await closedRoot(notice);
    expect(await noticeRoot.text()).toMatch(/unavailable/);

    const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL);
    const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/not available.*muted words/s);
    await popup.close();

    // Pending replies are readable until she asks to withhold them; then they are blurred.
    const pendingText = page.locator('shreddit-comment[author="sam_reads"] > [slot="comment"]');
    expect(await pendingText.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).not.toBe('rgba(0, 0, 0, 0)');
    // Her own click (a trusted event): the page cannot press the notice's buttons for her.
    await noticeRoot.click('button.primary');
    await expect.poll(() => pendingText.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).toBe('rgba(0, 0, 0, 0)');
    expect(await page.locator('shreddit-comment[author="lea_b"] > [slot="comment"]').evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).not.toBe('rgba(0, 0, 0, 0)');
    h.assertNoExternalRequests();
  });
});

describe('when the classifier host restarts', () => {
  it('re-queues in-flight items so none stays pending', async () => {
    const h = await launchExtension();
    opened.push(h);
    const page = await h.openFixture(THREAD_URL, THREAD_HTML);
    await waitForVerdicts(page, 'shreddit-comment');
    // Kill the offscreen document (as Chrome may), then new comments arrive at once.
    await h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) {
        const el = document.createElement('shreddit-comment');
        el.setAttribute('author', `late_${i}`);
        const body = document.createElement('div');
        body.setAttribute('slot', 'comment');
        body.textContent = `Nouveau commentaire numéro ${i} après le redémarrage.`;
        el.append(body);
        document.getElementById('comment-tree')!.append(el);
      }
    });
    await waitForVerdicts(page, 'shreddit-comment', 30_000);
    h.assertNoExternalRequests();
  });
});
