/**
 * The privacy promise, end to end in real Chromium with the built extension:
 *  - every platform fixture is loaded at its real URL and judged, the popup, options, review and help pages
 *    are opened and the review exports made — and the browser never tried to reach the network;
 *  - the page cannot read her settings or talk to the extension: from the page's main world there is no
 *    `chrome.storage` / `browser.storage`, and `chrome.runtime.sendMessage(extensionId, …)` is refused
 *    (the manifest has no `externally_connectable`);
 *  - the page cannot un-shield an item: attribute or style changes made by page script are undone;
 *  - the page learns nothing of why an item is hidden: no label, reason or identifier hit is written into
 *    it, and the shield's own UI sits in closed shadow roots (the one bit it sees: hidden or not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PLATFORM_FIXTURES } from '../fixtures/platforms';
import { launchExtension, waitForVerdicts, type Harness } from './harness';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.join(FIXTURES, 'demo/reddit-thread.html'), 'utf8');

let h: Harness;
let thread: Page;

beforeAll(async () => {
  h = await launchExtension();
  thread = await h.openFixture(THREAD_URL, THREAD_HTML);
  await page17(thread);
});

afterAll(async () => {
  await h?.close();
});

async function page17(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17);
  await waitForVerdicts(page, 'shreddit-comment');
}

/** The n-th flagged demo comment (each test tampers with its own one). */
async function flaggedThing(n: number): Promise<string> {
  const ids = await thread.$$eval('shreddit-comment[data-bouclier="flagged"]', (els) => els.map((e) => e.getAttribute('thingid')!));
  expect(ids.length, 'the demo thread has enough flagged comments').toBeGreaterThan(n);
  return ids[n]!;
}

function shielded(thingid: string): Promise<{ state: string | null; hide: string | null; fill: string }> {
  return thread.evaluate((id) => {
    const item = document.querySelector(`shreddit-comment[thingid="${id}"]`)!;
    const text = item.querySelector<HTMLElement>(':scope > [slot="comment"]')!;
    return { state: item.getAttribute('data-bouclier'), hide: text.getAttribute('data-bouclier-hide'), fill: getComputedStyle(text).getPropertyValue('-webkit-text-fill-color') };
  }, thingid);
}

async function expectShieldedAgain(thingid: string): Promise<void> {
  await expect.poll(() => shielded(thingid), { timeout: 1_000 }).toMatchObject({ state: 'flagged', hide: 'blur' });
  expect((await shielded(thingid)).fill, 'text drawn transparent (only its blurred shadow shows)').toBe('rgba(0, 0, 0, 0)');
}

describe('the page cannot reach her data or the extension', () => {
  it('has no extension storage API in the main world', async () => {
    const seen = await thread.evaluate(() => {
      const w = window as unknown as { chrome?: { storage?: unknown }; browser?: { storage?: unknown } };
      return { chromeStorage: typeof w.chrome?.storage, browserStorage: typeof w.browser?.storage };
    });
    expect(seen).toEqual({ chromeStorage: 'undefined', browserStorage: 'undefined' });
  });

  it('cannot message the extension (no externally_connectable)', async () => {
    const outcome = await thread.evaluate(async (extensionId) => {
      const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome?.runtime;
      if (!runtime?.sendMessage) return 'refused: no chrome.runtime.sendMessage in the page';
      try {
        const answer = await Promise.race([
          runtime.sendMessage(extensionId, { type: 'host-status' }),
          new Promise((r) => setTimeout(() => r('timeout'), 2_000)),
        ]);
        return answer === undefined || answer === 'timeout' ? `refused: ${String(answer)}` : `answered: ${JSON.stringify(answer)}`;
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    }, h.extensionId);
    expect(outcome).toMatch(/^refused/);
  });

  it('cannot read the extension pages or their model from the page (no web-accessible resources)', async () => {
    const status = await thread.evaluate(async (id) => {
      try {
        const r = await fetch(`chrome-extension://${id}/models/model.json`);
        return `read ${r.status}`;
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    }, h.extensionId);
    expect(status).toMatch(/^refused/);
  });
});

describe('the page cannot un-shield an item', () => {
  it('re-shields an item whose data-bouclier-hide the page removed', async () => {
    const id = await flaggedThing(0);
    await thread.evaluate((thing) => {
      document.querySelector(`shreddit-comment[thingid="${thing}"] > [slot="comment"]`)!.removeAttribute('data-bouclier-hide');
    }, id);
    await expectShieldedAgain(id);
  });

  it('re-shields an item the page marked data-bouclier="clean"', async () => {
    const id = await flaggedThing(1);
    await thread.evaluate((thing) => {
      const item = document.querySelector(`shreddit-comment[thingid="${thing}"]`)!;
      item.setAttribute('data-bouclier', 'clean');
      item.querySelector(':scope > [slot="comment"]')!.removeAttribute('data-bouclier-hide');
    }, id);
    await expectShieldedAgain(id);
  });

  it('keeps the text blurred when the page sets an inline style or removes the shield label', async () => {
    const id = await flaggedThing(2);
    await thread.evaluate((thing) => {
      const item = document.querySelector(`shreddit-comment[thingid="${thing}"]`)!;
      const text = item.querySelector<HTMLElement>(':scope > [slot="comment"]')!;
      text.style.setProperty('-webkit-text-fill-color', 'black', 'important');
      text.style.setProperty('text-shadow', 'none', 'important');
      item.querySelector(':scope > [data-bouclier-ui="shield"]')?.remove();
    }, id);
    await expectShieldedAgain(id);
  });

  it('does not reveal on a click synthesised by page script (only her own click reveals)', async () => {
    const id = await flaggedThing(3);
    const clicked = await thread.evaluate((thing) => {
      const host = document.querySelector<HTMLElement>(`shreddit-comment[thingid="${thing}"] > [data-bouclier-ui="shield"]`);
      const button = host?.shadowRoot?.querySelector('button');
      // The shadow root is closed: the page cannot find the button, so it clicks the label itself.
      (button ?? host)?.click();
      host?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      return Boolean(host) && !button;
    }, id);
    expect(clicked, 'the label is there, its button out of the page\'s reach').toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    await expectShieldedAgain(id);
  });
});

describe('no network request, anywhere', () => {
  // Several fixture tabs at once (vitest's maxConcurrency, 5): each waits mostly on the page's own timers.
  for (const f of PLATFORM_FIXTURES.filter((x) => !x.e2eSkip)) {
    it.concurrent(`${f.file} at ${f.url}`, async () => {
      const page = await h.openFixture(f.url, fs.readFileSync(path.join(FIXTURES, 'platforms', f.file), 'utf8'));
      try {
        await page.waitForSelector('html[data-fixture-done]', { state: 'attached', timeout: 10_000 }).catch(() => undefined);
        await waitForVerdicts(page, '[data-expect]', 20_000);
      } finally {
        await page.close();
      }
      h.assertNoExternalRequests();
    });
  }

  it('popup, options, review (with exports) and help pages', async () => {
    const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL);
    const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.locator('[data-testid="counts"]').waitFor();
    await popup.close();

    const options = await h.openExtensionPage('options.html');
    await options.waitForLoadState('load');
    await options.locator('main, #root > *').first().waitFor();
    await options.close();

    const review = await h.openExtensionPage('options.html#review');
    const rows = review.locator('[data-testid="review-row"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await review.locator('[data-testid="review-select-all"]').click();
    for (const sel of ['export-json', 'export-csv', 'export-html']) {
      const [dl] = await Promise.all([review.waitForEvent('download', { timeout: 10_000 }), review.click(`[data-testid="${sel}"]`)]);
      expect(fs.statSync((await dl.path())!).size, sel).toBeGreaterThan(0);
    }
    await review.close();

    const help = await h.openExtensionPage('options.html#help');
    await help.waitForLoadState('load');
    await help.waitForTimeout(500);
    await help.close();

    h.assertNoExternalRequests();
  });
});

describe('the page learns nothing of why an item is hidden', () => {
  /** Every attribute Bouclier could have written, on an item and everything inside it (page view). */
  const pageView = (page: Page, id: string) =>
    page.evaluate((thing) => {
      const item = document.querySelector(`shreddit-comment[thingid="${thing}"]`)!;
      const seen: string[] = [];
      for (const el of [item, ...item.querySelectorAll('*')]) {
        for (const a of el.attributes) if (a.name.startsWith('data-bouclier') || a.name.startsWith('aria-') || a.name === 'title') seen.push(`${el.localName}[${a.name}=${a.value}]`);
        if (el.getAttribute('data-bouclier-ui') === 'shield') seen.push(`shadowRoot=${String((el as HTMLElement).shadowRoot)}`, `text=${el.textContent}`);
      }
      return seen.sort().join(' ');
    }, id);

  it('shows two comments hidden for different reasons (her identifier, an insult) identically to page script', async () => {
    // She keeps her son's name among her identifiers; the page writes comments to probe which names are hers.
    await h.serviceWorker.evaluate(async () => {
      const { protect } = await chrome.storage.local.get('protect');
      await chrome.storage.local.set({ protect: { ...(protect as object), ownIdentifiers: ['Lucas Dupont'] } });
    });
    const page = await h.openFixture(THREAD_URL, THREAD_HTML);
    await page17(page);
    // A page script recording every shadow root created after it runs (as an attacker would, before our UI).
    await page.evaluate(() => {
      const w = window as unknown as { captured: ShadowRoot[] };
      w.captured = [];
      const original = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = original.call(this, init);
        w.captured.push(root);
        return root;
      };
    });
    const add = (id: string, text: string) =>
      page.evaluate(
        ({ id, text }) => {
          const c = document.createElement('shreddit-comment');
          c.setAttribute('thingid', id);
          c.setAttribute('author', `probe_${id}`);
          const p = document.createElement('div');
          p.setAttribute('slot', 'comment');
          p.textContent = text;
          c.append(p);
          document.querySelector('shreddit-comment')!.parentElement!.append(c);
        },
        { id, text },
      );
    await add('t1_probe_1', "Tiens, le fils s'appelle Lucas Dupont, il va à l'école Jean Jaurès.");
    await add('t1_probe_2', "Ferme ta gueule sale pute, personne ne veut lire tes conneries.");
    await add('t1_probe_3', 'Merci pour cet article, très clair.');
    await waitForVerdicts(page, 'shreddit-comment[thingid^="t1_probe"]');
    const states = await page.evaluate(() => [...document.querySelectorAll('shreddit-comment[thingid^="t1_probe"]')].map((e) => e.getAttribute('data-bouclier')));
    expect(states).toEqual(['flagged', 'flagged', 'clean']);
    // Give the deferred labels time to be built, then look as the page does.
    await new Promise((r) => setTimeout(r, 500));
    const name = await pageView(page, 't1_probe_1');
    const insult = await pageView(page, 't1_probe_2');
    expect(name).toBe(insult);
    expect(name).toContain('shadowRoot=null');
    const everything = await page.evaluate(() => document.documentElement.outerHTML);
    for (const secret of ['doxxing', 'own_identifier', 'misogyny', 'insult"', 'data-bouclier-labels', 'data-bouclier-action', 'data-bouclier-doxxing', 'media-reason']) {
      expect(everything, secret).not.toContain(secret);
    }
    expect(await page.evaluate(() => (window as unknown as { captured: ShadowRoot[] }).captured.length), 'shadow roots the page caught').toBe(0);
    await page.close();
  });
});
