/**
 * The hostile-page checks whose code path differs in Firefox (tests/e2e/hostile-page.e2e.ts has them all in
 * Chromium): how page script meets our closed shadow roots, and which events count as hers. On the Reddit
 * fixture at its real URL, a page script
 *  - presses the label of a hidden comment with .click(), synthetic mouse/key/contextmenu events and at
 *    elementFromPoint: the comment stays hidden; her real click (WebDriver BiDi input) shows it;
 *  - tries to read the label's words with window.find() (they are generated content, which it cannot
 *    search), and through ElementInternals after defining our old element names first (our hosts are
 *    built-in elements).
 *
 * Run: npx wxt build -b firefox && npx vitest run -c vitest.firefox.config.ts tests/e2e-firefox/hostile-page.e2e.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PLATFORM_FIXTURES } from '../fixtures/platforms/index';
import { launchFirefoxExtension, waitForVerdicts, type FirefoxHarness, type FirefoxTab } from './firefox-harness';


const REDDIT = PLATFORM_FIXTURES.find((f) => f.file === 'reddit.html')!;
const HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/platforms/reddit.html'), 'utf8');
const INSULT = 'Ferme ta gueule sale pute, personne ne veut lire tes conneries.';
const THREAT = 'Je sais où tu habites, je vais venir te tuer.';

let h: FirefoxHarness;

beforeAll(async () => {
  h = await launchFirefoxExtension();
});

afterAll(async () => {
  await h?.close();
});

/** The fixture at its real URL (a query string per tab), judged. */
async function open(query: string): Promise<FirefoxTab> {
  const tab = await h.openFixture(`${REDDIT.url}?${query}`, HTML);
  await tab.waitFor(() => document.documentElement.hasAttribute('data-fixture-done'));
  await waitForVerdicts(tab, '[data-expect]', undefined, 45_000);
  return tab;
}

/** Page script: copies of a plain reply, with these texts, marked data-probe=key; waits for their verdicts. */
async function probe(tab: FirefoxTab, texts: Record<string, string>): Promise<void> {
  await tab.evaluate((texts: Record<string, string>) => {
    const tpl = document.querySelector('shreddit-comment-tree > shreddit-comment[data-expect="clean"]:not(:has(shreddit-comment))')!;
    for (const [key, text] of Object.entries(texts)) {
      const c = tpl.cloneNode(true) as Element;
      c.querySelectorAll('[data-bouclier-ui="shield"]').forEach((s) => s.remove());
      for (const el of [c, ...c.querySelectorAll('*')]) for (const a of [...el.attributes]) if (a.name.startsWith('data-bouclier') || a.name === 'aria-hidden' || a.name === 'data-expect') el.removeAttribute(a.name);
      c.setAttribute('thingid', `t1_probe_${key}`);
      c.setAttribute('author', `probe_${key}`);
      c.setAttribute('data-probe', key);
      c.querySelector('[slot="comment"] p')!.textContent = text;
      tpl.parentElement!.append(c);
    }
  }, texts);
  await waitForVerdicts(tab, '[data-probe]', Object.keys(texts).length, 45_000);
}

const hidden = (tab: FirefoxTab, key: string) =>
  tab.evaluate((k: string) => {
    const el = document.querySelector(`[data-probe="${k}"]`)!;
    const text = el.querySelector('[slot="comment"]')!;
    return `${el.getAttribute('data-bouclier')}|${getComputedStyle(text).getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)'}`;
  }, key);

describe('a hostile page in Firefox', () => {
  let tab: FirefoxTab;

  it('cannot show a hidden comment with synthetic clicks, keys or right-clicks; her click can', async () => {
    tab = await open('controls');
    await probe(tab, { insult: INSULT });
    await tab.waitFor(() => document.querySelector('[data-probe="insult"] [data-bouclier-ui="shield"]'));
    expect(await hidden(tab, 'insult')).toBe('flagged|true');
    const reached = await tab.evaluate(() => {
      const host = document.querySelector('[data-probe="insult"] [data-bouclier-ui="shield"]') as HTMLElement;
      const press = (t: Element) => {
        (t as HTMLElement).click();
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'contextmenu']) t.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
        for (const key of ['Enter', ' ']) t.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
      };
      press(host);
      host.scrollIntoView({ block: 'center' });
      const r = host.getBoundingClientRect();
      for (let x = r.left + 2; x < r.right; x += 12) {
        const under = document.elementFromPoint(x, r.top + 10);
        if (under) press(under);
      }
      return host.shadowRoot?.querySelectorAll('button').length ?? 0;
    });
    expect(reached, 'buttons the page reached in the closed shadow root').toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await hidden(tab, 'insult')).toBe('flagged|true');
    await tab.clickInShadow(() => document.querySelector('[data-probe="insult"] [data-bouclier-ui="shield"]'), [], 'button');
    await tab.waitFor(() => document.querySelector('[data-probe="insult"]')?.getAttribute('data-bouclier') === 'revealed');
  });

  // Our labels' words and captions are generated content, which window.find() cannot search.
  it("cannot read the label's words with window.find()", async () => {
    await probe(tab, { threat: THREAT });
    await new Promise((r) => setTimeout(r, 1_500));
    const found = await tab.evaluate(() => {
      const hits: Record<string, string | null> = {};
      for (const words of ['possible threat', 'Hidden: insult', 'Hidden:']) {
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        const ok = (window as unknown as { find(s: string, c?: boolean, b?: boolean, w?: boolean): boolean }).find(words, false, false, true);
        const node = sel.anchorNode;
        const root = node?.getRootNode();
        // Where the selection landed: inside our shadow root itself (its text), or on the item.
        hits[words] = !ok ? null : root instanceof ShadowRoot ? `shadow root: ${root.textContent}` : ((node instanceof Element ? node : node?.parentElement)?.closest('[data-probe]')?.getAttribute('data-probe') ?? 'found');
      }
      return hits;
    });
    expect(found).toEqual({ 'possible threat': null, 'Hidden: insult': null, 'Hidden:': null });
  });

  // Our hosts are built-in elements: no custom element constructor, no ElementInternals to reach our roots.
  it('cannot read our closed shadow roots through ElementInternals', async () => {
    const page = await open('internals');
    await page.evaluate(() => {
      const w = window as unknown as { internals: ElementInternals[] };
      w.internals = [];
      customElements.define(
        'bouclier-shield',
        class extends HTMLElement {
          constructor() {
            super();
            w.internals.push(this.attachInternals());
          }
        },
      );
    });
    await probe(page, { threat: THREAT, insult: INSULT });
    await new Promise((r) => setTimeout(r, 1_500));
    const read = await page.evaluate(() => (window as unknown as { internals: ElementInternals[] }).internals.map((i) => i.shadowRoot?.textContent ?? null).filter((t) => t !== null));
    await page.close();
    // Seen: ["Warning — possible threat. Hidden for you; you can keep it as evidence.ShowKeep as evidence…", "Hidden: insultShow⋯"]
    expect(read).toEqual([]);
  });

  it('made no network request', async () => {
    await tab?.close();
    h.assertNoExternalRequests();
  });
});
