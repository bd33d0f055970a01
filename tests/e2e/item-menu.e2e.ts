/**
 * Corrections in one click where she reads, in real Chromium with the built extension: the menu on a
 * hidden item's label — Not abuse, Trust this account, Mute this account, Keep as evidence — each
 * applied at once in every open tab of the thread, each undoable from its confirmation; an item she
 * marked "not abusive" is left out of the evidence export; one she keeps is marked kept in review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { closedRoot, shieldOf } from './closed-shadow';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');

let h: Harness;
let a: Page;
let b: Page;

beforeAll(async () => {
  h = await launchExtension();
  a = await h.openFixture(THREAD_URL, THREAD_HTML);
  await waitForVerdicts(a, 'shreddit-comment');
  b = await h.openFixture(THREAD_URL, THREAD_HTML);
  await waitForVerdicts(b, 'shreddit-comment');
  await a.bringToFront();
});

afterAll(async () => {
  await h?.close();
});

/** The n-th hidden comment of the thread, and its author (one per test: each changes its own). */
async function flagged(n: number): Promise<{ id: string; author: string }> {
  return a.evaluate((i) => {
    const el = [...document.querySelectorAll('shreddit-comment[data-bouclier="flagged"]')][i]!;
    return { id: el.getAttribute('thingid')!, author: el.getAttribute('author')! };
  }, n);
}
const item = (page: Page, id: string): Locator => page.locator(`shreddit-comment[thingid="${id}"]`);
const state = (page: Page, id: string) => item(page, id).getAttribute('data-bouclier');

/** Her clicks: the label's "⋯", then the menu entry (at her pace: menu actions are limited to a few a second). */
async function choose(id: string, action: string): Promise<void> {
  await a.waitForTimeout(1_000);
  const label = await shieldOf(item(a, id), ':scope > [data-bouclier-ui="shield"]');
  await label.click('button.more');
  expect(await label.attribute('button.more', 'aria-expanded')).toBe('true');
  await label.click(`.menu [data-action="${action}"]`);
}

/** The confirmation now on screen (a new one replaces the last). */
async function toast(): Promise<Awaited<ReturnType<typeof closedRoot>>> {
  return closedRoot(a.locator('[data-bouclier-ui="toast"]').last());
}

describe("the label's menu", () => {
  it('offers the four actions, by keyboard too, and a page script cannot open it', async () => {
    const { id } = await flagged(0);
    const label = await shieldOf(item(a, id), ':scope > [data-bouclier-ui="shield"]');
    await label.press('button.more', 'Enter');
    expect(await label.count('.menu [role="menuitem"]')).toBe(4);
    expect(await label.text()).toMatch(/Not abuse.*Trust this account.*Mute this account.*Keep as evidence/);
    await a.keyboard.press('Escape');
    expect(await label.attribute('.menu', 'hidden')).not.toBeNull();
    // The page sees an empty host: nothing to press.
    expect(await item(a, id).locator(':scope > [data-bouclier-ui="shield"]').evaluate((el) => el.shadowRoot)).toBeNull();
  });

  it('"Not abuse" shows the item in every tab, Undo hides it again, and the export leaves it out', async () => {
    const { id } = await flagged(0);
    await choose(id, 'not-abuse');
    await expect.poll(() => state(a, id)).toBe('clean');
    await expect.poll(() => state(b, id)).toBe('clean');
    const t = await toast();
    expect(await t.text()).toMatch(/not abusive/);
    await t.click('button');
    await expect.poll(() => state(a, id)).toBe('flagged');
    await expect.poll(() => state(b, id)).toBe('flagged');

    // Marked again, and left so: the evidence export does not carry it.
    await choose(id, 'not-abuse');
    await expect.poll(() => state(a, id)).toBe('clean');
    const text = await item(a, id).locator(':scope > [slot="comment"]').textContent();
    const review = await h.openExtensionPage('options.html#review');
    await review.waitForSelector('html[data-review-ready]');
    const [dl] = await Promise.all([review.waitForEvent('download'), review.click('[data-testid="export-json"]')]);
    const exported = fs.readFileSync((await dl.path())!, 'utf8');
    expect(exported).not.toContain(JSON.stringify(text!.trim()).slice(1, 40));
    await review.check('[data-testid="export-include-not-abusive"]');
    const [dl2] = await Promise.all([review.waitForEvent('download'), review.click('[data-testid="export-json"]')]);
    expect(fs.readFileSync((await dl2.path())!, 'utf8')).toContain(JSON.stringify(text!.trim()).slice(1, 40));
    await review.close();
  });

  it('"Trust this account" shows all of its posts in every tab; Undo restores', async () => {
    const { id, author } = await flagged(1);
    await choose(id, 'trust');
    await expect.poll(() => state(a, id)).toBe('clean');
    await expect.poll(() => state(b, id)).toBe('clean');
    const trusted = await h.serviceWorker.evaluate(async () => ((await chrome.storage.local.get('lists')).lists as { trustedAccounts: { value: string }[] }).trustedAccounts.map((e) => e.value));
    expect(trusted).toContain(author);
    await (await toast()).click('button');
    await expect.poll(() => state(b, id)).toBe('flagged');
  });

  it('"Mute this account" hides every post of that account in every tab; Undo restores', async () => {
    const { id, author } = await flagged(1);
    await choose(id, 'mute');
    await expect
      .poll(() => h.serviceWorker.evaluate(async () => ((await chrome.storage.local.get('lists')).lists as { mutedAccounts: { value: string }[] }).mutedAccounts.map((e) => e.value)))
      .toContain(author);
    // A new post by that account, harmless in itself, is hidden at once in the other tab.
    await b.evaluate((who) => {
      const c = document.createElement('shreddit-comment');
      c.setAttribute('thingid', 't1_after_mute');
      c.setAttribute('author', who);
      const p = document.createElement('div');
      p.setAttribute('slot', 'comment');
      p.textContent = 'Merci pour ce fil, je le partage.';
      c.append(p);
      document.querySelector('shreddit-comment')!.parentElement!.append(c);
    }, author);
    await expect.poll(() => state(b, 't1_after_mute')).toBe('flagged');
    await (await toast()).click('button');
    await expect.poll(() => state(b, 't1_after_mute')).toBe('clean');
  });

  it('"Keep as evidence" pins the record, marked kept in review; Undo unpins', async () => {
    const { id } = await flagged(2);
    const pinned = async () => {
      const review = await h.openExtensionPage('options.html#review');
      await review.waitForSelector('html[data-review-ready]');
      await review.waitForSelector('[data-testid="review-row"]');
      const n = await review.locator('[data-testid="review-row"][data-pinned="true"]').count();
      await review.close();
      await a.bringToFront();
      return n;
    };
    await choose(id, 'keep');
    // Polled afresh: the previous test's confirmation is replaced by this one.
    await expect.poll(async () => (await toast()).text(), { timeout: 30_000 }).toMatch(/Kept as evidence/); // the reply waits for the picture attempt
    await (await toast()).click('button');
    await expect.poll(async () => (await toast()).text(), { timeout: 10_000 }).toMatch(/Undone/);
    expect(await pinned()).toBe(0);
    await choose(id, 'keep');
    await expect.poll(async () => (await toast()).text(), { timeout: 30_000 }).toMatch(/Kept as evidence/); // the reply waits for the picture attempt
    await expect.poll(pinned).toBe(1);
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});
