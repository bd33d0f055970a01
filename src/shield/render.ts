/**
 * Applying a decision to one item on the page. Text is only ever set with textContent (never as
 * HTML). Only the text (and media) of the item is hidden: the platform's own reply / report / block
 * buttons stay reachable. The page can see one thing per item, which it could see anyway (the item is
 * hidden or not), through the attributes the CSS needs:
 *   data-bouclier = pending | clean | flagged | revealed, data-bouclier-hide on what is hidden,
 *   data-bouclier-unchecked on a pending item the model could not check (markUnchecked).
 * Why an item is hidden (its labels, its action, its reason) stays in this script's memory
 * (verdictOf), and the label she reads sits in a closed shadow root: a page script cannot test which
 * words or names make Bouclier react. State is read back from what we wrote (guard.ts: written), never
 * from the page's attributes.
 */
import type { Category } from '../verdict/categories';
import { mainReason, type Decision } from '../verdict/decide';
import { guardUiHost, mediaToClear, ownMedia, setGuarded, written } from './guard';
import { timed } from '../scanner/busy';
import type { MenuEntry } from './item-menu';
import { buildLabel, placeLabel, updateLabel, type ShownVerdict } from './label';



/**
 * Set by the content script: shields of items far from the screen are built later (see Deferred below).
 * Off by default, so a caller that renders one item gets its shield at once.
 */
export const options: {
  deferShields: boolean;
  /** What her label's menu offers for an item (set by the content script; no menu when unset). */
  menuFor: ((item: ShieldTarget) => MenuEntry[]) | null;
} = { deferShields: false, menuFor: null };

export interface ShieldTarget {
  el: HTMLElement;
  textEls: HTMLElement[];
}

/** Mark what the CSS hides; '' removes the mark (clean or revealed). */
function markHidden(item: ShieldTarget, how: '' | 'blur' | 'collapse' | 'pending' | 'unchecked'): void {
  // Clearing looks at the item's media even when it never marked them itself: a parent item judged
  // before this nested reply was known may have claimed (and blurred) them.
  const hidden = how === 'blur' || how === 'collapse' ? 'true' : null;
  for (const el of item.textEls) markOne(el, how || null, hidden);
  for (const el of how ? ownMedia(item.el) : mediaToClear(item.el)) markOne(el, how || null, hidden);
}

function markOne(el: HTMLElement, how: string | null, hidden: 'true' | null): void {
  setGuarded(el, 'data-bouclier-hide', how);
  setGuarded(el, 'aria-hidden', hidden);
}

/**
 * A new item waiting for its verdict. Its own text and media are marked for withholding only when
 * she withholds until the verdict (strict mode, or the model is down): by default the first sight of
 * 2,000 comments costs one attribute each. Switching withholding on marks the pending items again.
 */
export function markPending(item: ShieldTarget, withhold: boolean): void {
  setGuarded(item.el, 'data-bouclier', 'pending');
  clearUnchecked(item.el);
  markHidden(item, withhold ? 'pending' : '');
}

/**
 * An item the model could not check (its text failed alone, or is longer than the classifier reads)
 * and no rule of hers hides: it stays pending for good, as items do while the model is down, marked
 * data-bouclier-unchecked. Withheld when she keeps unchecked replies blurred (strict mode, or "if the
 * filter model is unavailable…"): blurred as pending text is, whether or not the rest of the page is.
 */
export function markUnchecked(item: ShieldTarget, withhold: boolean): void {
  setGuarded(item.el, 'data-bouclier', 'pending');
  setGuarded(item.el, 'data-bouclier-unchecked', '');
  markHidden(item, withhold ? 'unchecked' : '');
}

function clearUnchecked(el: HTMLElement): void {
  if (written(el, 'data-bouclier-unchecked') !== null) setGuarded(el, 'data-bouclier-unchecked', null);
}

function applyVisibility(item: ShieldTarget): void {
  const state = written(item.el, 'data-bouclier');
  const action = verdicts.get(item.el)?.action ?? null;
  const hidden = state === 'flagged' ? action : null;
  markHidden(item, hidden === 'blur' || hidden === 'collapse' ? hidden : '');
  // Removed: the whole item goes (the platform's own buttons with it), until she shows all.
  if (hidden === 'remove') setGuarded(item.el, 'data-bouclier-hide', 'remove');
  else if (written(item.el, 'data-bouclier-hide') === 'remove') setGuarded(item.el, 'data-bouclier-hide', null);
  // The label floats over blurred text; collapsed or revealed, it takes its own line.
  const shield = shieldOf(item);
  if (shield) placeLabel(shield, state === 'flagged' && action === 'blur');
}

/** What the shield decided for each item it shows: never written into the page. */
const verdicts = new WeakMap<Element, ShownVerdict>();

/** Why the item is hidden (labels, action, main reason), or null when it is not. */
export function verdictOf(el: Element): ShownVerdict | null {
  return verdicts.get(el) ?? null;
}

/** Each item's shield, to find it again (and drop it) when the page re-renders the item's text. */
const shields = new WeakMap<HTMLElement, HTMLElement>();

/** The item's shield, if it still stands just before the item's text; a stray one (text re-rendered) is removed. */
function shieldOf(item: ShieldTarget): HTMLElement | null {
  const shield = shields.get(item.el);
  if (!shield) return null;
  if (shield.isConnected && shield.nextElementSibling === item.textEls[0]) return shield;
  shield.remove();
  shields.delete(item.el);
  return null;
}

/** A new shield saying what the item's verdict says now, inserted just before its text. */
function buildShield(item: ShieldTarget): HTMLElement {
  const menuFor = options.menuFor;
  const state = written(item.el, 'data-bouclier');
  const verdict = verdicts.get(item.el);
  const host = buildLabel(
    () => {
      const revealed = written(item.el, 'data-bouclier') === 'revealed';
      setGuarded(item.el, 'data-bouclier', revealed ? 'flagged' : 'revealed');
      applyVisibility(item);
      updateShieldText(host, item);
    },
    menuFor ? () => menuFor(item) : null,
    { verdict, revealed: state === 'revealed', overText: state === 'flagged' && verdict?.action === 'blur' },
  );
  item.textEls[0]?.before(host);
  guardUiHost(host, item.textEls[0]);
  shields.set(item.el, host);
  return host;
}

function updateShieldText(host: HTMLElement, item: ShieldTarget): void {
  updateLabel(host, verdicts.get(item.el), written(item.el, 'data-bouclier') === 'revealed');
}

/**
 * Shields of items far from the screen are built later. Hiding does not need the shield (the CSS
 * hides what the item's attributes mark), so a flagged comment 300 screens down gets its state and
 * hidden text at once and its label (shadow root, button, words) when it comes within a screen of
 * view, or when the page is idle, whichever comes first: a burst of thousands of comments does not build
 * hundreds of labels before the verdicts of the rest can be shown.
 */
interface Deferred {
  item: ShieldTarget;
  /** run once the shield exists (the threat-evidence button) */
  onBuilt?: (shield: HTMLElement) => void;
}
const deferred = new Map<HTMLElement, Deferred>();
/** Labels built later so far (bench:page). */
let built = 0;
export const deferredShieldsBuilt = (): number => built;

/** The item's shield is wanted now: build it if it is still flagged (or revealed) and has none. */
function buildDeferred(el: HTMLElement): void {
  const d = deferred.get(el);
  undefer(el);
  if (!d) return;
  const state = written(el, 'data-bouclier');
  if ((state !== 'flagged' && state !== 'revealed') || shieldOf(d.item)) return;
  // What it hides was marked with its verdict (renderDecision): only the label is missing.
  const shield = buildShield(d.item);
  d.onBuilt?.(shield);
  built++;
}

/**
 * No longer deferred. Left observed (its entries are ignored) until none is left: one disconnect instead
 * of an unobserve per label, most of them built in the same idle slice.
 */
function undefer(el: HTMLElement): void {
  if (deferred.delete(el) && deferred.size === 0) nearScreen?.disconnect();
}

/** Budget of one building slice: labels are cosmetic next to hiding, which is already done. */
const BUILD_SLICE_MS = 6;
/** Deferred items that came near the screen, built first (in animation frames). */
let wanted: HTMLElement[] = [];

/** Build from `els` until the slice's budget is spent; returns how many were taken. */
function buildSome(els: Iterable<HTMLElement>, start: number, budgetMs: number): number {
  let n = 0;
  for (const el of els) {
    if (performance.now() - start >= budgetMs) break;
    buildDeferred(el);
    n++;
  }
  return n;
}

const nearScreen =
  typeof IntersectionObserver === 'undefined'
    ? null
    : new IntersectionObserver(
        (entries) =>
          timed('labels', () => {
            for (const e of entries) if (e.isIntersecting && deferred.has(e.target as HTMLElement)) wanted.push(e.target as HTMLElement);
            buildWanted();
          }),
        // One screen above and below: built before she scrolls to it.
        { rootMargin: '100% 0px' },
      );

let frameScheduled = false;
function buildWanted(): void {
  if (frameScheduled || wanted.length === 0) return;
  frameScheduled = true;
  requestAnimationFrame(() =>
    timed('labels', () => {
      frameScheduled = false;
      const taken = buildSome(wanted, performance.now(), BUILD_SLICE_MS);
      wanted = wanted.slice(taken);
      buildWanted();
    }),
  );
}

/**
 * An idle slice may take most of the idle period (≤ 50 ms by definition): each slice that inserts labels
 * costs the page one layout of its whole thread in the next frame, so a few long slices should cost less
 * than many short ones. (bench:page shows no difference between short and long slices within its noise.)
 */
const IDLE_SLICE_MS = 35;
let idleScheduled = false;
/** The rest are built in idle time, so every flagged item ends up with its label. */
function buildWhenIdle(): void {
  if (idleScheduled || deferred.size === 0) return;
  idleScheduled = true;
  const step = (deadline?: IdleDeadline): void =>
    timed('labels', () => {
      idleScheduled = false;
      buildSome(deferred.keys(), performance.now(), Math.min(IDLE_SLICE_MS, deadline?.timeRemaining() ?? BUILD_SLICE_MS));
      buildWhenIdle();
    });
  if (typeof requestIdleCallback === 'function') requestIdleCallback(step, { timeout: 2000 });
  else setTimeout(step, 50);
}

/**
 * Run `fn` with the item's shield: now if it exists, or once a deferred shield is built (protect adds
 * the threat-evidence button this way).
 */
export function withShield(item: ShieldTarget, fn: (shield: HTMLElement) => void): void {
  const shield = shieldOf(item);
  if (shield) fn(shield);
  else {
    const d = deferred.get(item.el);
    if (d) d.onBuilt = fn;
  }
}

/** Apply (or re-apply after a settings change) a decision to an item. */
export function renderDecision(item: ShieldTarget, decision: Decision & { reason?: Category | null }): void {
  const el = item.el;
  const existing = shieldOf(item);
  clearUnchecked(el);
  if (!decision.action) {
    setGuarded(el, 'data-bouclier', 'clean');
    verdicts.delete(el);
    markHidden(item, '');
    if (written(el, 'data-bouclier-hide') === 'remove') setGuarded(el, 'data-bouclier-hide', null);
    existing?.remove();
    shields.delete(el);
    undefer(el);
    return;
  }
  // Only a reveal of hers counts: a page that inserts an item already marked "revealed" has it hidden.
  const wasRevealed = written(el, 'data-bouclier') === 'revealed';
  setGuarded(el, 'data-bouclier', wasRevealed ? 'revealed' : 'flagged');
  verdicts.set(el, { labels: decision.labels, action: decision.action, reason: decision.reason ?? mainReason(decision.labels, null) });
  if (existing) {
    applyVisibility(item);
    updateShieldText(existing, item);
  } else if (nearScreen && options.deferShields) {
    applyVisibility(item);
    const d = deferred.get(el);
    if (d) d.item = item;
    else {
      deferred.set(el, { item });
      nearScreen.observe(el);
      buildWhenIdle();
    }
  } else {
    applyVisibility(item);
    buildShield(item);
  }
}

/** "Show all on this page": reveal every flagged item (undoable with hideAll). */
export function setRevealed(item: ShieldTarget, revealed: boolean): void {
  const state = written(item.el, 'data-bouclier');
  if (state !== 'flagged' && state !== 'revealed') return;
  setGuarded(item.el, 'data-bouclier', revealed ? 'revealed' : 'flagged');
  applyVisibility(item);
  const shield = shieldOf(item);
  if (shield) updateShieldText(shield, item);
}
