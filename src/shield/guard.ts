/**
 * The page must not be able to un-shield an item. Every attribute the shield manages is written
 * through `setGuarded`, which remembers the intended value; one attribute observer restores any
 * change the page makes (and strips inline styles that would undo a blur or collapse). Our own
 * writes match the remembered value, so they never loop.
 */
import { adoptPageCss } from './shadow-css';
import { restorePinnedStyle } from './ui-host';
import { passMemo, timed } from '../scanner/busy';

const GUARDED = [
  'data-bouclier',
  'data-bouclier-unchecked',
  'data-bouclier-hide',
  'aria-hidden',
  // protections (src/protect): media blur, lockdown
  'data-bouclier-media',
  'data-bouclier-lock',
  'data-bouclier-lockdown',
  // on <html>: pending items withheld (strict mode, model down) and a burst being withheld
  'data-bouclier-withhold',
  'data-bouclier-burst',
] as const;
export type GuardedAttr = (typeof GUARDED)[number];

const expected = new WeakMap<Element, Map<string, string | null>>();
/** Inline style properties a page could use to make hidden text readable again. */
const UNHIDING_PROPS = ['filter', 'display', 'visibility', 'opacity', 'content-visibility', 'transform', '-webkit-text-fill-color', 'text-shadow'];

/** The media an item's verdict applies to (blurred with its text, shielded by the protections). */
export const MEDIA = 'img, video, picture';
const MEDIA_TAGS = new Set(MEDIA.split(', '));
/** Set once any media element gets one of our marks (see mediaToClear). */
let mediaMarked = false;

export function setGuarded(el: Element, name: GuardedAttr, value: string | null): void {
  if (value !== null && !mediaMarked && MEDIA_TAGS.has(el.localName)) mediaMarked = true;
  let m = expected.get(el);
  // Clearing what was never set (most text elements of clean comments): nothing to remember or write.
  if (!m && value === null && !el.hasAttribute(name)) return;
  if (!m) {
    m = new Map();
    expected.set(el, m);
    coverShadowRootOf(el);
  }
  // An element becoming (or ceasing to be) an item of ours changes whose media is whose (itemOf).
  if (name === 'data-bouclier' && (value === null) !== ((m.get(name) ?? null) === null)) mediaOf.clear();
  m.set(name, value);
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * What Bouclier last wrote for `name` on `el` (null: nothing, or removed). Our own record, in the content
 * script's memory: every decision reads state from here, never from the page, which may have set any
 * value itself (a comment inserted with data-bouclier="revealed" already on it is not revealed).
 */
export function written(el: Element, name: GuardedAttr): string | null {
  return expected.get(el)?.get(name) ?? null;
}

function restore(el: Element, attr: string): void {
  const want = expected.get(el)?.get(attr);
  if (want === undefined) return; // not ours
  const have = el.getAttribute(attr);
  if (have === want) return;
  if (want === null) el.removeAttribute(attr);
  else el.setAttribute(attr, want);
}

/** Is this element currently meant to be hidden or blurred by Bouclier? */
function meantHidden(el: Element): boolean {
  const want = expected.get(el);
  if (!want) return false;
  const hide = want.get('data-bouclier-hide');
  return hide === 'blur' || hide === 'collapse' || hide === 'remove' || hide === 'unchecked' || want.get('data-bouclier-media') === 'blurred' || want.get('data-bouclier-lock') === '';
}

function stripUnhidingStyle(el: Element): void {
  if (!meantHidden(el)) return;
  const style = (el as HTMLElement).style;
  if (!style) return;
  for (const p of UNHIDING_PROPS) if (style.getPropertyValue(p)) style.removeProperty(p);
}

let observer: MutationObserver | null = null;
const OBSERVE = { subtree: true, attributes: true, attributeFilter: [...GUARDED, 'style'] };
/** Shadow roots holding our marks: they get the page CSS, and the guard watches them like the document. */
const shadowRoots = new Set<ShadowRoot>();
const watchedRoots = new WeakSet<ShadowRoot>();

function coverShadowRootOf(el: Element): void {
  const root = el.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  adoptPageCss(root);
  if (watchedRoots.has(root)) return;
  watchedRoots.add(root);
  if (observer) observer.observe(root, OBSERVE);
  else shadowRoots.add(root); // watched once the guard starts
}

/**
 * A UI host just put in the page (a label, ui-host.ts) beside `sibling`: its pinned style is watched by
 * this guard's observer, which sees every style change in the document and in the shadow roots holding
 * our marks, rather than by an observer registration of its own.
 */
export function guardUiHost(host: Element, sibling: Element | undefined): void {
  // A sibling carrying our marks (the hidden text) is in a root watched already.
  if (!sibling || !expected.has(sibling)) coverShadowRootOf(host);
}

/**
 * The item an element belongs to: its nearest ancestor we marked as an item (data-bouclier written by us:
 * a page-set one would let the page take media out of an item), through shadow roots to their hosts.
 */
export function itemOf(node: Element): Element | null {
  const start = node.getRootNode();
  let at: Element | null = node.parentElement ?? (start instanceof ShadowRoot ? start.host : null);
  while (at) {
    let owner = at.closest('[data-bouclier]');
    while (owner && written(owner, 'data-bouclier') === null) owner = owner.parentElement?.closest('[data-bouclier]') ?? null;
    if (owner) return owner;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** The element's own media (not a nested item's, which is its own item), in its own shadow root too. */
export function ownMedia(el: Element): readonly HTMLElement[] {
  return mediaOf.get(el, () => {
    const media = [...el.querySelectorAll<HTMLElement>(MEDIA)];
    if (el.shadowRoot) media.push(...el.shadowRoot.querySelectorAll<HTMLElement>(MEDIA));
    return media.filter((m) => itemOf(m) === el);
  });
}
/** Each item's own media, found once per callback of ours: rendering a verdict asks for them several times. */
const mediaOf = passMemo<Element, readonly HTMLElement[]>();

/**
 * The item's own media that may carry marks to clear: none until we have marked any media on this page.
 * Clearing runs for every item at every render (pending, then clean), so a thread without a blurred
 * image does not search each comment for media again and again.
 */
export function mediaToClear(el: Element): readonly HTMLElement[] {
  return mediaMarked ? ownMedia(el) : [];
}

/** Start watching (once per page). Returns how many restorations it made, for tests/diagnostics. */
export function startShieldGuard(root: Node = document): { restored: () => number } {
  let restored = 0;
  if (!observer) {
    observer = new MutationObserver((mutations) => timed('guard', () => {
      for (const m of mutations) {
        const el = m.target as Element;
        if (!m.attributeName) continue;
        if (!expected.has(el)) {
          // A label's host (guardUiHost): its pinned look put back.
          if (m.attributeName === 'style') restorePinnedStyle(el);
          continue;
        }
        if (m.attributeName === 'style') {
          stripUnhidingStyle(el);
        } else if (el.getAttribute(m.attributeName) !== expected.get(el)?.get(m.attributeName)) {
          restore(el, m.attributeName);
          restored++;
        }
      }
    }));
    observer.observe(root, OBSERVE);
    for (const r of shadowRoots) observer.observe(r, OBSERVE);
    shadowRoots.clear();
  }
  return { restored: () => restored };
}
