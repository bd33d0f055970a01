/**
 * The page must not be able to un-shield an item. Every attribute the shield manages is written
 * through `setGuarded`, which remembers the intended value; one attribute observer restores any
 * change the page makes (and strips inline styles that would undo a blur or collapse). Our own
 * writes match the remembered value, so they never loop.
 */
const GUARDED = [
  'data-bouclier',
  'data-bouclier-labels',
  'data-bouclier-action',
  'data-bouclier-hide',
  'aria-hidden',
  // protections (src/protect): media blur, lockdown
  'data-bouclier-media',
  'data-bouclier-lock',
  'data-bouclier-lockdown',
] as const;
export type GuardedAttr = (typeof GUARDED)[number];

const expected = new WeakMap<Element, Map<string, string | null>>();
/** Inline style properties a page could use to make hidden text readable again. */
const UNHIDING_PROPS = ['filter', 'display', 'visibility', 'opacity', 'content-visibility', 'transform', '-webkit-text-fill-color', 'text-shadow'];

export function setGuarded(el: Element, name: GuardedAttr, value: string | null): void {
  let m = expected.get(el);
  // Clearing what was never set (most text elements of clean comments): nothing to remember or write.
  if (!m && value === null && !el.hasAttribute(name)) return;
  if (!m) {
    m = new Map();
    expected.set(el, m);
  }
  m.set(name, value);
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
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
  return hide === 'blur' || hide === 'collapse' || want.get('data-bouclier-media') === 'blurred' || want.get('data-bouclier-lock') === '';
}

function stripUnhidingStyle(el: Element): void {
  if (!meantHidden(el)) return;
  const style = (el as HTMLElement).style;
  if (!style) return;
  for (const p of UNHIDING_PROPS) if (style.getPropertyValue(p)) style.removeProperty(p);
}

let observer: MutationObserver | null = null;

/** Start watching (once per page). Returns how many restorations it made, for tests/diagnostics. */
/** The element's own media (not a nested item's, which is its own item). */
export function ownMedia(el: Element): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>('img, video, picture')].filter((m) => m.parentElement?.closest('[data-bouclier]') === el);
}

export function startShieldGuard(root: Node = document): { restored: () => number } {
  let restored = 0;
  if (!observer) {
    observer = new MutationObserver((mutations) => {
      for (const m of mutations) {
        const el = m.target as Element;
        if (!m.attributeName || !expected.has(el)) continue;
        if (m.attributeName === 'style') {
          stripUnhidingStyle(el);
        } else if (el.getAttribute(m.attributeName) !== expected.get(el)?.get(m.attributeName)) {
          restore(el, m.attributeName);
          restored++;
        }
      }
    });
    observer.observe(root, { subtree: true, attributes: true, attributeFilter: [...GUARDED, 'style'] });
  }
  return { restored: () => restored };
}
