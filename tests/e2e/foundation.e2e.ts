/**
 * The foundation, end to end: the built extension's content script runs on a page served at a real
 * platform URL, the real classifier (offscreen document, onnxruntime-web WASM) judges every item,
 * abusive replies end up shielded and unreadable, ordinary ones stay readable, revealing works,
 * the popup reports what was hidden — and the browser made no network request at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { shieldOf, shieldText } from './closed-shadow';
import { loadModelDir } from '../../src/classifier/node-loader';

/** The categories the shield acts on (toxic alone is scored, never hidden). */
const SHIELD_CATEGORIES = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'] as const;

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');
const BURST_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/burst/reddit-burst.html'), 'utf8');

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await launchExtension();
  page = await h.openFixture(THREAD_URL, THREAD_HTML);
  // 15 comments at load + 2 added later by the page's own script.
  await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17);
  await waitForVerdicts(page, 'shreddit-comment');
});

afterAll(async () => {
  await h?.close();
});

describe('Bouclier on a Reddit thread served at its real URL', () => {
  it('gives every comment, including those added later, a final state', async () => {
    const states = await page.$$eval('shreddit-comment', (els) => els.map((e) => e.getAttribute('data-bouclier')));
    expect(states).toHaveLength(17);
    for (const s of states) expect(['clean', 'flagged']).toContain(s);
  });

  it('judges every comment exactly as the model does (same featurizer, runtime and thresholds as the CLI)', async () => {
    const rows = await page.$$eval('shreddit-comment', (els) =>
      els.map((e) => ({ text: e.querySelector(':scope > [slot="comment"]')!.textContent!.trim(), state: e.getAttribute('data-bouclier') })),
    );
    const { classifier, info } = await loadModelDir();
    const scores = await classifier.score(rows.map((r) => r.text));
    const t = info.thresholds[info.defaultLevel];
    const expected = scores.map((s) => (SHIELD_CATEGORIES.some((c) => s[c] >= t[c]) ? 'flagged' : 'clean'));
    expect(rows.map((r) => r.state)).toEqual(expected);
  });

  it('hides every plainly abusive comment (slurs, threats, sexual harassment, FR and EN)', async () => {
    const rows = await page.$$eval('shreddit-comment', (els) =>
      els.map((e) => ({ text: e.querySelector(':scope > [slot="comment"]')?.textContent?.trim(), expect: e.getAttribute('data-expect'), state: e.getAttribute('data-bouclier') })),
    );
    const missed = rows.filter((r) => r.expect === 'flagged' && r.state !== 'flagged');
    expect(missed, JSON.stringify(missed, null, 2)).toEqual([]);
    // Ordinary comments the model wrongly hides are the model's known weakness (see models/README.md and
    // `npm run eval`); they are reported here, not hidden from view.
    const overblocked = rows.filter((r) => r.expect === 'clean' && r.state !== 'clean');
    if (overblocked.length) console.warn(`Ordinary comments hidden by the current model: ${JSON.stringify(overblocked.map((r) => r.text))}`);
  });

  it('makes flagged text unreadable but keeps the reply and report buttons usable', async () => {
    const flagged = page.locator('shreddit-comment[data-bouclier="flagged"]').first();
    const text = flagged.locator(':scope > [slot="comment"]');
    expect(await text.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).toBe('rgba(0, 0, 0, 0)');
    await expect.poll(() => shieldText(flagged, ':scope > [data-bouclier-ui="shield"]')).toMatch(/^Hidden: \S/);
    const reply = flagged.locator(':scope > [slot="actionRow"] button').first();
    expect(await reply.isVisible()).toBe(true);
    expect(await reply.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).not.toBe('rgba(0, 0, 0, 0)');
    await reply.click({ trial: true }); // reachable: not covered by the shield
    // The label floats over the blurred text: it takes no room in the thread (nothing below moves when a
    // verdict lands) and sits on the text, not on the author line above it.
    const bar = (await (await shieldOf(flagged, ':scope > [data-bouclier-ui="shield"]')).box('.bar'))!;
    const place = await flagged.evaluate((el, barTop) => {
      const host = el.querySelector(':scope > [data-bouclier-ui="shield"]')!;
      const text = el.querySelector(':scope > [slot="comment"]')!.getBoundingClientRect();
      const above = host.previousElementSibling!.getBoundingClientRect();
      return { hostHeight: host.getBoundingClientRect().height, barTop, aboveBottom: above.bottom, textBottom: text.bottom };
    }, bar.y);
    expect(place.hostHeight).toBe(0);
    expect(place.barTop).toBeGreaterThanOrEqual(place.aboveBottom);
    expect(place.barTop).toBeLessThan(place.textBottom);
  });

  it('reveals a flagged comment with one click and hides it again', async () => {
    const flagged = page.locator('shreddit-comment[data-bouclier="flagged"]').first();
    const id = await flagged.getAttribute('thingid');
    const item = page.locator(`shreddit-comment[thingid="${id}"]`);
    const shield = await shieldOf(item, ':scope > [data-bouclier-ui="shield"]');
    await shield.click('button');
    await expect.poll(() => item.getAttribute('data-bouclier')).toBe('revealed');
    const text = item.locator(':scope > [slot="comment"]');
    await expect.poll(() => text.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).not.toBe('rgba(0, 0, 0, 0)');
    await shield.press('button', 'Enter');
    await expect.poll(() => item.getAttribute('data-bouclier')).toBe('flagged');
  });

  it('cannot be un-shielded by the page mutating attributes or styles', async () => {
    const id = await page.locator('shreddit-comment[data-bouclier="flagged"]').first().getAttribute('thingid');
    const item = page.locator(`shreddit-comment[thingid="${id}"]`);
    // The page's own main-world script attacks the shield.
    await page.evaluate((tid) => {
      const el = document.querySelector(`shreddit-comment[thingid="${tid}"]`)!;
      const text = el.querySelector(':scope > [slot="comment"]') as HTMLElement;
      el.setAttribute('data-bouclier', 'clean');
      text.removeAttribute('data-bouclier-hide');
      text.style.setProperty('-webkit-text-fill-color', 'black', 'important');
      text.style.setProperty('text-shadow', 'none', 'important');
      document.getElementById('bouclier-style')?.remove();
    }, id);
    await expect.poll(() => item.getAttribute('data-bouclier')).toBe('flagged');
    const text = item.locator(':scope > [slot="comment"]');
    await expect.poll(() => text.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).toBe('rgba(0, 0, 0, 0)');
  });

  it('reports what was hidden in the popup', async () => {
    const tabId = await h.serviceWorker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return tab?.id;
    }, THREAD_URL);
    expect(tabId).toBeTypeOf('number');
    const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
    const flaggedCount = await page.locator('shreddit-comment[data-bouclier="flagged"]').count();
    await popup.locator('[data-testid="counts"]').waitFor();
    const counted = await popup.locator('[data-testid="counts"] li strong').allTextContents();
    expect(counted.length).toBeGreaterThan(0);
    // Each hidden comment is counted once per category it was hidden for.
    expect(counted.reduce((a, n) => a + Number(n), 0)).toBeGreaterThanOrEqual(flaggedCount);
    await popup.close();
  });

  it('hides a flagged comment far down a long thread at once, and it has its label when she scrolls to it', async () => {
    // 120 ordinary comments, then abuse: far below the screen, where the label is built later (near the
    // screen or when idle) but the text must be hidden as soon as the verdict lands.
    const url = 'https://www.reddit.com/r/france/comments/1long/un_long_fil/';
    const comment = (i: number, text: string) =>
      `<shreddit-comment thingid="t1_${i}" author="user${i}"><div slot="commentMeta">u/user${i}</div><div slot="comment"><p>${text}</p></div></shreddit-comment>`;
    const ordinary = Array.from({ length: 120 }, (_, i) => comment(i, `Merci pour ce fil, remarque numéro ${i} sur le budget.`)).join('');
    const long = await h.openFixture(
      url,
      `<!doctype html><html lang="fr"><body><shreddit-comment-tree>${ordinary}${comment(999, 'Shut up you stupid bitch, nobody cares about your opinion.')}</shreddit-comment-tree></body></html>`,
    );
    const far = long.locator('shreddit-comment[thingid="t1_999"]');
    await expect.poll(() => far.getAttribute('data-bouclier'), { timeout: 15_000 }).toBe('flagged');
    const hidden = await far.locator('[slot="comment"]').evaluate((el) => ({
      fill: getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'),
      belowScreen: el.getBoundingClientRect().top > 2 * innerHeight,
    }));
    expect(hidden).toEqual({ fill: 'rgba(0, 0, 0, 0)', belowScreen: true });
    await far.scrollIntoViewIfNeeded();
    await (await shieldOf(far, ':scope > [data-bouclier-ui="shield"]')).click('button');
    await expect.poll(() => far.getAttribute('data-bouclier')).toBe('revealed');
    await long.close();
  });

  it('withholds a thread rendered all at once until each comment has its verdict, in the default mode', async () => {
    // The page renders 150 comments in one task (a SPA opening a long thread). Their verdicts take
    // more than a frame, so until each one's lands, the comments on screen must be unreadable in every
    // frame; afterwards ordinary ones are readable again and abusive ones shielded.
    const url = 'https://www.reddit.com/r/france/comments/1burst/un_fil_charge_d_un_coup/';
    const page2 = await h.openFixture(url, BURST_HTML);
    await page2.evaluate(() => (window as unknown as { __go: () => void }).__go());
    await waitForVerdicts(page2, 'shreddit-comment');
    await page2.waitForFunction(() => (window as unknown as { __frames: unknown[] }).__frames.length >= 90);
    const frames = await page2.evaluate(() => (window as unknown as { __frames: { id: string; state: string | null; fill: string }[][] }).__frames);
    const readable = frames.flat().filter((c) => c.fill !== 'rgba(0, 0, 0, 0)');
    expect(readable, 'comments readable on screen before their verdict').toEqual([]);
    const states = await page2.locator('shreddit-comment').evaluateAll((els) =>
      els.map((el) => {
        const p = el.querySelector('p')!;
        const hidden = getComputedStyle(p).getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)' || p.getClientRects().length === 0;
        return { state: el.getAttribute('data-bouclier'), hidden, abusive: /bitch|pute/.test(el.textContent ?? '') };
      }),
    );
    // The plainly ordinary and plainly abusive texts of this thread: readable, resp. hidden, once judged.
    expect(states.filter((s) => !s.abusive && s.state === 'clean').every((s) => !s.hidden)).toBe(true);
    expect(states.filter((s) => s.abusive).every((s) => s.state === 'flagged' && s.hidden)).toBe(true);
    expect(states.filter((s) => !s.abusive && s.state === 'clean').length).toBeGreaterThan(0);
    await page2.close();
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});
