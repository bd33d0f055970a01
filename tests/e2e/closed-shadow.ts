/**
 * Bouclier's in-page UI (the label on a hidden item, the notice, the pile-on banner) sits in closed
 * shadow roots: page scripts cannot reach it, and neither can Playwright's selectors. A test reaches it
 * the way the browser's developer tools do (CDP, piercing closed roots), reads what she reads, and
 * presses buttons as she does: a real mouse click at the button's place on screen.
 */
import type { CDPSession, Locator, Page } from 'playwright-core';

export interface ClosedRoot {
  /** All the text inside (what she reads). */
  text(): Promise<string>;
  /** How many elements match inside. */
  count(selector: string): Promise<number>;
  attribute(selector: string, name: string): Promise<string | null>;
  /** The element's box on screen (scrolled into view first), or null when it is not there. */
  box(selector: string): Promise<{ x: number; y: number; width: number; height: number } | null>;
  /** Her click: a trusted mouse click at the centre of the element. */
  click(selector: string): Promise<void>;
  /** Her keyboard: focus the element (from inside, as Tab would) and press a key. */
  press(selector: string, key: string): Promise<void>;
}

let seq = 0;

async function rootObject(cdp: CDPSession, host: Locator): Promise<string> {
  const key = `__closedRootHost${seq++}`;
  await host.evaluate((el, k) => ((window as unknown as Record<string, Element>)[k] = el), key);
  const { result } = await cdp.send('Runtime.evaluate', { expression: `window.${key}` });
  await host.evaluate((_el, k) => delete (window as unknown as Record<string, Element>)[k], key);
  if (!result.objectId) throw new Error('shadow host not found');
  const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, pierce: true, depth: 1 });
  const shadow = node.shadowRoots?.[0];
  if (!shadow) throw new Error(`<${node.localName}> has no shadow root`);
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  if (!object.objectId) throw new Error('shadow root could not be resolved');
  return object.objectId;
}

/** The closed shadow root of `host` (waits for the host to exist). */
export async function closedRoot(host: Locator): Promise<ClosedRoot> {
  await host.waitFor({ state: 'attached' });
  const page = host.page();
  const cdp = await page.context().newCDPSession(page);
  const objectId = await rootObject(cdp, host);
  const call = async <T>(fn: string, ...args: unknown[]): Promise<T> => {
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  };
  const root: ClosedRoot = {
    // What she reads: text, and the words our UI draws as generated content (::before), not styles.
    text: () =>
      call<string>(`function () {
        const out = [];
        const walk = (n) => {
          if (n.nodeType === 3) return void out.push(n.data);
          if (n.nodeType === 1) {
            if (n.localName === 'style') return;
            const c = getComputedStyle(n, '::before').content;
            if (c && c !== 'none' && c !== 'normal') out.push(c.replace(/^"|"$/g, '').replace(/\\"/g, '"'));
          }
          for (const ch of n.childNodes) walk(ch);
        };
        walk(this);
        return out.join('');
      }`),
    count: (selector) => call<number>('function (s) { return this.querySelectorAll(s).length; }', selector),
    attribute: (selector, name) => call<string | null>('function (s, n) { const e = this.querySelector(s); return e ? e.getAttribute(n) : null; }', selector, name),
    box: (selector) =>
      call(
        `function (s) {
          const e = this.querySelector(s);
          if (!e) return null;
          e.scrollIntoView({ block: 'center' });
          const r = e.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }`,
        selector,
      ),
    async click(selector) {
      const b = await root.box(selector);
      if (!b) throw new Error(`nothing matches ${selector} in the closed shadow root`);
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    },
    async press(selector, key) {
      await call('function (s) { this.querySelector(s).focus(); }', selector);
      await page.keyboard.press(key);
    },
  };
  return root;
}

/** The label on a hidden item (its first shield: the item's own, before any nested reply's). */
export function shieldOf(item: Locator, hostSelector = '[data-bouclier-ui="shield"]'): Promise<ClosedRoot> {
  return closedRoot(item.locator(hostSelector).first());
}

/** What the label on a hidden item says ('' while it has none). */
export async function shieldText(item: Locator, hostSelector = '[data-bouclier-ui="shield"]'): Promise<string> {
  if ((await item.locator(hostSelector).count()) === 0) return '';
  return (await shieldOf(item, hostSelector)).text();
}

/** How many labels on the page warn of a threat (a threat is their main reason). */
export async function threatLabels(page: Page): Promise<number> {
  const hosts = page.locator('[data-bouclier-ui="shield"]');
  let n = 0;
  for (let i = 0; i < (await hosts.count()); i++) if (/possible threat/.test(await (await closedRoot(hosts.nth(i))).text())) n++;
  return n;
}
