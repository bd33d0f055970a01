/**
 * The element every piece of our in-page UI hangs from (the label on a hidden item, the notice, the
 * pile-on banner, the toast). Built so the page cannot reach or disguise what is inside:
 *  - a built-in element, never a custom element name: a page that defines that name first could reach
 *    our closed shadow root through ElementInternals, or attach its own root first so ours fails;
 *  - a closed shadow root, reachable only through the reference this script keeps;
 *  - its look pinned by inline !important declarations, which no page stylesheet can override, and put
 *    back if a page script edits them: the page cannot make our buttons invisible or move them under
 *    its own (it can still hide them, which takes controls away from her but never acts for her).
 * The host carries data-bouclier-ui="shield|notice|banner|toast" so our own DOM watcher can skip it.
 */

import { timed } from '../scanner/busy';

export type UiKind = 'shield' | 'notice' | 'banner' | 'toast';

/**
 * Declarations every host starts with: nothing of the page's CSS reaches it (`all: initial`), and it
 * cannot be made invisible while still taking clicks. The host's own layout follows (later wins).
 */
const PINNED = 'all: initial !important; opacity: 1 !important; visibility: visible !important; filter: none !important; transform: none !important; clip-path: none !important; mask: none !important; mix-blend-mode: normal !important; pointer-events: auto !important;';

/** `display: block; margin: 0` → the same with !important on each declaration. */
function important(style: string): string {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => `${d.replace(/\s*!important$/, '')} !important;`)
    .join(' ');
}

const pinned = new WeakMap<HTMLElement, string>();
let watcher: MutationObserver | null = null;

/** Put back the host's pinned declarations if the page changed them (no-op for anything not ours). */
export function restorePinnedStyle(el: Element): void {
  const want = pinned.get(el as HTMLElement);
  if (want !== undefined && el.getAttribute('style') !== want) el.setAttribute('style', want);
}

function watch(host: HTMLElement): void {
  watcher ??= new MutationObserver((records) =>
    timed('ui guard', () => {
      for (const r of records) restorePinnedStyle(r.target as Element);
    }),
  );
  watcher.observe(host, { attributes: true, attributeFilter: ['style'] });
}

/**
 * One host of each kind and layout, cloned for every new host: a clone copies its pinned declarations
 * without parsing them again (a thread has hundreds of labels).
 */
const prototypes = new Map<string, HTMLElement>();

/**
 * A host element with its closed shadow root; `style` adds the host's own layout (display, position…),
 * `flag` an attribute its shadow CSS reads (`:host([data-overlay])`). `guarded`: the caller puts the host
 * where the shield guard's observer already sees every style change (guard.ts `guardUiHost`), so it is
 * not watched once more on its own (a thread has hundreds of labels).
 */
export function createUiHost(
  kind: UiKind,
  tag: 'span' | 'div',
  style: string,
  flag?: string,
  guarded = false,
): { host: HTMLElement; root: ShadowRoot } {
  const key = `${kind}|${tag}|${style}|${flag}`;
  let proto = prototypes.get(key);
  if (!proto) {
    proto = document.createElement(tag);
    proto.setAttribute('data-bouclier-ui', kind);
    if (flag) proto.setAttribute(flag, '');
    proto.setAttribute('style', pinnedCss(style));
    prototypes.set(key, proto);
  }
  const host = proto.cloneNode(false) as HTMLElement;
  pinned.set(host, pinnedCss(style));
  if (!guarded) watch(host);
  return { host, root: host.attachShadow({ mode: 'closed' }) };
}

const pinnedCssOf = new Map<string, string>();
function pinnedCss(style: string): string {
  let css = pinnedCssOf.get(style);
  if (css === undefined) {
    css = `${PINNED} ${important(style)}`;
    pinnedCssOf.set(style, css);
  }
  return css;
}

/** Change a host's own layout (the label floating over blurred text, or on its own line). */
export function setUiHostStyle(host: HTMLElement, style: string): void {
  const css = pinnedCss(style);
  if (pinned.get(host) === css) return;
  pinned.set(host, css);
  host.setAttribute('style', css);
}

/** Is this node one of our UI hosts? (Our own insertions need no reading.) */
export function isUiHost(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && (node as Element).hasAttribute('data-bouclier-ui');
}

/**
 * Words on a label's button, drawn as generated content (a page's window.find() cannot find them, so
 * the threat's extra button does not point at threats) and given to assistive tech as its name.
 */
export function setCaption(el: HTMLElement, text: string): void {
  el.style.setProperty('--caption', cssString(text));
  el.setAttribute('aria-label', text);
}

/** A string as a CSS string literal (for text shown through generated content). */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;
}
