/**
 * Issue 5, in the real browser: her controls change what is shielded in an open tab without a
 * reload; trusted accounts are never filtered; muted words catch disguised spellings; a bad import
 * changes nothing; the UI follows the browser language; no serious accessibility violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { closedRoot, shieldText } from './closed-shadow';
import { checkA11y } from './a11y';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

let h: Harness;
let page: Page;
let tabId: number;

async function flaggedAuthors(p: Page): Promise<string[]> {
  return p.$$eval('shreddit-comment[data-bouclier="flagged"]', (els) => els.map((e) => e.getAttribute('author')!).sort());
}

async function openPopup(): Promise<Page> {
  const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewportSize({ width: 340, height: 640 });
  await popup.getByRole('group').first().waitFor();
  return popup;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  h = await launchExtension({ locale: 'en' });
  page = await h.openFixture(THREAD_URL, THREAD_HTML);
  await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17);
  await waitForVerdicts(page, 'shreddit-comment');
  tabId = (await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL))!;
});

afterAll(async () => {
  await h?.close();
});

describe('settings change what is shielded, live', () => {
  it('the sensitivity dial in the popup re-decides the open tab without reload', async () => {
    const popup = await openPopup();
    const { thresholds, scores } = (await h.serviceWorker.evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'get-page-scores' }),
      tabId,
    )) as { thresholds: Record<string, Record<string, number>>; scores: Record<string, number>[] };
    const cats = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'];
    for (const level of ['strict', 'relaxed', 'balanced'] as const) {
      await popup.getByRole('button', { name: new RegExp(`^${level}$`, 'i') }).click();
      const expected = scores.filter((s) => cats.some((c) => s[c]! >= thresholds[level]![c]!)).length;
      await expect.poll(() => page.locator('shreddit-comment[data-bouclier="flagged"]').count()).toBe(expected);
    }
    await popup.close();
  });

  it('a category action chosen in the options page applies at once', async () => {
    const options = await h.openExtensionPage('options.html');
    for (const c of ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack']) {
      await options.locator(`select[data-category="${c}"]`).selectOption('collapse');
    }
    const first = page.locator('shreddit-comment[data-bouclier="flagged"]').first();
    await expect.poll(() => first.locator(':scope > [slot="comment"]').getAttribute('data-bouclier-hide')).toBe('collapse');
    expect(await first.locator(':scope > [slot="comment"]').isVisible()).toBe(false);
    for (const c of ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack']) {
      await options.locator(`select[data-category="${c}"]`).selectOption('blur');
    }
    await expect.poll(() => first.locator(':scope > [slot="comment"]').getAttribute('data-bouclier-hide')).toBe('blur');
    await options.close();
  });

  it("a trusted account's abusive reply stays visible", async () => {
    const author = (await flaggedAuthors(page))[0]!;
    const options = await h.openExtensionPage('options.html');
    const trusted = options.locator('[data-list="trustedAccounts"]');
    await trusted.locator('input').fill(`@${author}`);
    await trusted.getByRole('button', { name: /add/i }).click();
    const item = page.locator(`shreddit-comment[author="${author}"]`);
    await expect.poll(() => item.getAttribute('data-bouclier')).toBe('clean');
    // Polled: the un-blur is a short CSS transition.
    await expect.poll(() => item.locator(':scope > [slot="comment"]').evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).not.toBe('rgba(0, 0, 0, 0)');
    await trusted.getByRole('button', { name: /remove/i }).click();
    await expect.poll(() => item.getAttribute('data-bouclier')).toBe('flagged');
    await options.close();
  });

  it('a muted word hides an item written with obfuscation', async () => {
    await page.evaluate(() => {
      const el = document.createElement('shreddit-comment');
      el.setAttribute('author', 'concert_fan');
      el.setAttribute('permalink', '/r/france/comments/1demo42/x/muted1/');
      const body = document.createElement('div');
      body.setAttribute('slot', 'comment');
      body.textContent = 'Le c0nc3rt d’hier soir était vraiment génial !';
      el.append(body);
      document.getElementById('comment-tree')!.append(el);
    });
    const item = page.locator('shreddit-comment[author="concert_fan"]');
    await expect.poll(() => item.getAttribute('data-bouclier')).toMatch(/^(clean|flagged)$/);
    expect(await shieldText(item)).not.toMatch(/muted/);
    const options = await h.openExtensionPage('options.html');
    const muted = options.locator('[data-list="mutedWords"]');
    // An entry that could only hide lone letters is refused, with the reason, and nothing is added.
    await muted.locator('input').fill('zzz');
    await muted.getByRole('button', { name: /add/i }).click();
    await expect.poll(() => muted.getByRole('alert').textContent()).toMatch(/cannot be muted/);
    expect(await h.serviceWorker.evaluate(async () => ((await chrome.storage.local.get('lists')).lists as { mutedWords?: unknown[] } | undefined)?.mutedWords?.length ?? 0)).toBe(0);
    await muted.locator('input').fill('concert');
    await muted.getByRole('button', { name: /add/i }).click();
    await expect.poll(() => item.getAttribute('data-bouclier')).toBe('flagged');
    await expect.poll(() => shieldText(item)).toMatch(/your muted words/);
    await options.close();
  });

  it('a malformed import shows an error and changes nothing', async () => {
    const options = await h.openExtensionPage('options.html');
    const before = await h.serviceWorker.evaluate(() => chrome.storage.sync.get(null));
    const beforeLists = await h.serviceWorker.evaluate(() => chrome.storage.local.get('lists'));
    for (const [name, body] of [
      ['broken.json', '{"format": "bouclier-settings", "version": 1, "settings": {'],
      ['foreign.json', '{"theme": "dark"}'],
      ['damaged.json', '{"format": "bouclier-settings", "version": 1, "settings": {"enabled": "yes"}, "lists": {}}'],
    ]) {
      await options.locator('[data-testid="import-file"]').setInputFiles({ name: name!, mimeType: 'application/json', buffer: Buffer.from(body!) });
      await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/Nothing was changed/);
    }
    expect(await h.serviceWorker.evaluate(() => chrome.storage.sync.get(null))).toEqual(before);
    expect(await h.serviceWorker.evaluate(() => chrome.storage.local.get('lists'))).toEqual(beforeLists);
    await options.close();
  });

  it('has no serious or critical accessibility violations (popup, options, shielded page)', async () => {
    const popup = await openPopup();
    await popup.locator('details.advanced summary').click().catch(() => undefined);
    await popup.screenshot({ path: path.join(SHOTS, 'popup-en.png') });
    expect(await checkA11y(popup)).toEqual([]);
    const options = await h.openExtensionPage('options.html');
    await options.getByRole('heading', { level: 1 }).waitFor();
    await options.screenshot({ path: path.join(SHOTS, 'options-en.png'), fullPage: true });
    expect(await checkA11y(options)).toEqual([]);
    expect(await checkA11y(page, 'shreddit-comment-tree')).toEqual([]);
    await popup.close();
    await options.close();
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});

describe('in French', () => {
  it('shows the popup, options and shield in French when the browser language is French', async () => {
    const fr = await launchExtension({ locale: 'fr' });
    try {
      const thread = await fr.openFixture(THREAD_URL, THREAD_HTML);
      await waitForVerdicts(thread, 'shreddit-comment');
      const shield = thread.locator('[data-bouclier-ui="shield"]').first();
      await expect.poll(async () => (await closedRoot(shield)).text()).toMatch(/Masqué|Attention/);
      const id = await fr.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL);
      const popup = await fr.openExtensionPage(`popup.html?tab=${id}`);
      await popup.setViewportSize({ width: 340, height: 640 });
      await popup.getByText('Sensibilité').waitFor();
      await popup.screenshot({ path: path.join(SHOTS, 'popup-fr.png') });
      const options = await fr.openExtensionPage('options.html');
      await options.getByText('Réglages de Bouclier').waitFor();
      await options.screenshot({ path: path.join(SHOTS, 'options-fr.png'), fullPage: true });
      expect(await checkA11y(options)).toEqual([]);
      fr.assertNoExternalRequests();
    } finally {
      await fr.close();
    }
  });
});
