/**
 * A hostile page controls nothing: its scripts (page.evaluate runs in the page's own world) press the
 * extension's in-page controls with `.click()` and synthetic events, and nothing happens: a hidden
 * abusive comment stays hidden, the lockdown stays as she set it, a blurred image stays blurred, no help
 * tab opens, and a synthetic right-click on another comment does not retarget her "abusive, hide this".
 * Her own clicks and keys (Playwright's, which the browser marks trusted) still work, and even they open
 * one help tab at a time.
 *
 * Run: npx wxt build && npx vitest run -c vitest.e2e.config.ts tests/e2e/hostile-controls.e2e.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { closedRoot, shieldText } from './closed-shadow';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1hostile/un_fil/';
const THREAD_KEY = THREAD_URL.replace(/\/$/, '');
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/protect/reddit-thread.html'), 'utf8');

let h: Harness;
let page: Page;

function add(c: { author: string; text: string; image?: boolean }): Promise<string> {
  return page.evaluate((arg) => (window as unknown as { addComment(a: unknown): string }).addComment(arg), c);
}
const item = (id: string) => page.locator(`shreddit-comment[thingid="${id}"]`);
const text = (id: string) => item(id).locator(':scope > [slot="comment"]');
const hiddenText = (id: string) => text(id).evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)' || getComputedStyle(el).display === 'none');
async function settled(ids: string[]): Promise<void> {
  await waitForVerdicts(page, ids.map((id) => `shreddit-comment[thingid="${id}"]`).join(','), 30_000);
}
const lockdowns = () =>
  h.serviceWorker.evaluate(async () => ((await chrome.storage.local.get('protect')).protect as { lockdowns?: Record<string, number> } | undefined)?.lockdowns ?? {});

/**
 * Page script: press a control of ours every way a script can. Our shadow roots are closed, so it
 * cannot find the button itself (returns how many it reached: 0); it clicks and keys at the host
 * instead, and at whatever is at the button's place on screen.
 */
function pressFromPage(hostSelector: string, buttonSelector: string, times = 1): Promise<number> {
  return page.evaluate(
    ({ hostSelector, buttonSelector, times }) => {
      let reached = 0;
      const press = (t: Element) => {
        for (let i = 0; i < times; i++) {
          (t as HTMLElement).click();
          t.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
          t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        }
      };
      for (const host of document.querySelectorAll(hostSelector)) {
        const b = host.shadowRoot?.querySelector<HTMLElement>(buttonSelector);
        if (b) reached++;
        press(b ?? host);
        const r = host.getBoundingClientRect();
        const under = document.elementFromPoint(r.right - 10, r.top + 10);
        if (under) press(under);
      }
      return reached;
    },
    { hostSelector, buttonSelector, times },
  );
}

beforeAll(async () => {
  h = await launchExtension();
  // She locked this thread down earlier: the banner offers to lift it.
  await h.serviceWorker.evaluate(async (key) => {
    await chrome.storage.local.set({ protect: { lockdowns: { [key]: Date.now() } } });
  }, THREAD_KEY);
  page = await h.openFixture(THREAD_URL, THREAD_HTML);
  await waitForVerdicts(page, 'shreddit-comment');
});

afterAll(async () => {
  await h?.close();
});

describe('a page script pressing the extension controls', () => {
  it("cannot lift her lockdown from the banner; her click can", async () => {
    const banner = page.locator('[data-bouclier-ui="banner"]');
    await expect.poll(() => banner.getAttribute('data-state')).toBe('locked');
    const before = await lockdowns();
    expect(Object.keys(before)).toEqual([THREAD_KEY]);
    expect(await pressFromPage('[data-bouclier-ui="banner"]', 'button[data-action="lift"]', 5)).toBe(0);
    expect(await pressFromPage('[data-bouclier-ui="banner"]', 'button[data-action="dismiss"]')).toBe(0);
    await page.waitForTimeout(500);
    expect(await lockdowns()).toEqual(before);
    expect(await banner.getAttribute('data-state')).toBe('locked');
    await (await closedRoot(banner)).click('button[data-action="lift"]');
    await expect.poll(lockdowns).toEqual({});
  });

  it('cannot show a hidden abusive comment; her click and her keyboard can', async () => {
    const id = await add({ author: 'harceleur', text: 'Ferme ta gueule sale pute, personne ne veut lire tes conneries.' });
    await settled([id]);
    expect(await item(id).getAttribute('data-bouclier')).toBe('flagged');
    const sel = `shreddit-comment[thingid="${id}"] [data-bouclier-ui="shield"]`;
    const shield = await closedRoot(page.locator(sel).first());
    expect(await pressFromPage(sel, 'button', 3)).toBe(0);
    await page.waitForTimeout(200);
    expect(await item(id).getAttribute('data-bouclier')).toBe('flagged');
    expect(await hiddenText(id)).toBe(true);
    await shield.click('button');
    await expect.poll(() => item(id).getAttribute('data-bouclier')).toBe('revealed');
    await shield.press('button', 'Enter');
    await expect.poll(() => item(id).getAttribute('data-bouclier')).toBe('flagged');
  });

  it('cannot reveal a blurred image; her click can', async () => {
    const id = await add({ author: 'harceleur_2', text: 'What a dumb slut, you should be ashamed of yourself.', image: true });
    await settled([id]);
    const img = item(id).locator('img');
    await expect.poll(() => img.getAttribute('data-bouclier-media')).toBe('blurred');
    await img.evaluate((el) => {
      (el as HTMLElement).click();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    });
    await page.waitForTimeout(200);
    expect(await img.getAttribute('data-bouclier-media')).toBe('blurred');
    await img.click();
    expect(await img.getAttribute('data-bouclier-media')).toBe('revealed');
  });

  it('opens no tab with 15 clicks on "keep as evidence"; her clicks open one help tab at a time', async () => {
    const id = await add({ author: 'menaceur', text: 'Je sais où tu habites, je vais venir te tuer.' });
    await settled([id]);
    await expect.poll(() => shieldText(item(id))).toMatch(/possible threat/);
    const sel = `shreddit-comment[thingid="${id}"] [data-bouclier-ui="shield"]`;
    const shield = await closedRoot(page.locator(sel).first());
    await expect.poll(() => shield.count('[data-testid="threat-evidence"]')).toBe(1);
    const pagesBefore = h.context.pages().length;
    expect(await pressFromPage(sel, '[data-testid="threat-evidence"]', 15)).toBe(0);
    await page.waitForTimeout(1500);
    expect(h.context.pages().length).toBe(pagesBefore);

    // Her own clicks, several in a row: one help tab.
    const helpOpened = h.context.waitForEvent('page');
    for (let i = 0; i < 4; i++) await shield.click('[data-testid="threat-evidence"]');
    const help = await helpOpened;
    await page.waitForTimeout(1500);
    expect(help.url()).toContain('/options.html#help');
    expect(h.context.pages().length).toBe(pagesBefore + 1);
    await help.close();
  });

  it('cannot retarget her "abusive, hide this" with a synthetic right-click on another comment', async () => {
    // Readable to the model; she finds it abusive here.
    const TARGET_TEXT = "Je ne suis pas d'accord avec l'article, mais merci pour le travail.";
    const target = await add({ author: 'sournois', text: TARGET_TEXT });
    const friend = await add({ author: 'amie', text: 'Bravo pour ton travail, continue comme ça.' });
    await settled([target, friend]);
    // The model leaves both readable: only her correction hides one.
    expect(await item(target).getAttribute('data-bouclier')).toBe('clean');
    const friendState = await item(friend).getAttribute('data-bouclier');
    const rightClickFriendFromPage = () =>
      text(friend)
        .locator('p')
        .evaluate((el) => el.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true, button: 2 })));
    await rightClickFriendFromPage();
    await text(target).locator('p').click({ button: 'right' }); // hers
    await page.keyboard.press('Escape');
    await rightClickFriendFromPage(); // after hers: must not take her target away either
    // Her choice in the context menu: the background sends "mark-abusive" to this tab, as the menu does.
    const answer = await h.serviceWorker.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({ url }))[0]!;
      return chrome.tabs.sendMessage(tab.id!, { type: 'mark-abusive' }, { frameId: 0 });
    }, THREAD_URL);
    expect(answer).toEqual({ ok: true, text: TARGET_TEXT });
    await expect.poll(() => item(target).getAttribute('data-bouclier')).toBe('flagged');
    expect(await item(friend).getAttribute('data-bouclier')).toBe(friendState);
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});
