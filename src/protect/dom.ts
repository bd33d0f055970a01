/**
 * Page side of the protections: lockdown marks, media shielding (blur + click to reveal + no
 * autoplay), the posted time of an item, and the threat "keep as evidence" button. Page text is never
 * inserted as HTML: everything here sets attributes or textContent.
 *
 * Documented attributes (users and tests can rely on them):
 *   data-bouclier-lockdown="hidden"   on an item hidden by her lockdown (its own text and media get
 *                                     data-bouclier-lock; a leaf item is hidden whole)
 *   data-bouclier-media="blurred|revealed"  on images/videos/pictures shielded by Bouclier
 */
import type { MediaReason } from './policy';
import { itemOf, MEDIA, mediaToClear, ownMedia, setGuarded, written } from '../shield/guard';
import { onTrustedClick } from '../shield/trusted';
import { shieldRoot } from '../shield/label';
import { setCaption } from '../shield/ui-host';
import { passMemo } from '../scanner/busy';

export const PROTECT_CSS = `
[data-bouclier-lockdown="hidden"]:not(:has([data-bouclier])) { display: none !important; }
[data-bouclier-lock] { display: none !important; }
[data-bouclier-media="blurred"][data-bouclier-media] {
  filter: blur(24px) saturate(0.4) !important;
  clip-path: inset(0) !important; /* keep the blur inside the image's box */
  pointer-events: auto !important;
  cursor: pointer !important;
  user-select: none !important;
}
[data-bouclier-media="revealed"][data-bouclier-hide="blur"] { filter: none !important; pointer-events: auto !important; }
[data-bouclier-media="blurred"]:focus-visible { outline: 3px solid #1a73e8 !important; outline-offset: 2px !important; }
`;

// The page cannot undo a media blur or a lockdown: these attributes go through the shield's one guard
// (src/shield/guard.ts), which restores them and strips inline styles that would un-hide.
const setAttr = setGuarded;

export { MEDIA, ownMedia };

/** When the platform says the item was posted: its own <time datetime>, or a created-timestamp attribute. */
export function itemPostedAt(el: HTMLElement): number | null {
  // Asked twice per hidden item (the pile-on detector, the review log's evidence).
  return postedAt.get(el, () => readPostedAt(el));
}
const postedAt = passMemo<HTMLElement, number | null>();

function readPostedAt(el: HTMLElement): number | null {
  for (const attr of ['created-timestamp', 'data-timestamp', 'data-created']) {
    const v = el.getAttribute(attr);
    if (v) {
      const t = /^\d{10,13}$/.test(v) ? Number(v) * (v.length === 10 ? 1000 : 1) : Date.parse(v);
      if (Number.isFinite(t)) return t;
    }
  }
  // Most items show no time of their own: one look, without building a list for each.
  if (!el.querySelector('time[datetime]')) return null;
  for (const time of el.querySelectorAll('time[datetime]')) {
    if (itemOf(time) !== el) continue; // a nested reply's
    const t = Date.parse(time.getAttribute('datetime') ?? '');
    if (Number.isFinite(t)) return t;
  }
  return null;
}

/** Hide (or show again) an item for her lockdown: its own text and media, or all of it when it is a leaf. */
export function setLockdownHidden(el: HTMLElement, textEls: HTMLElement[], hidden: boolean): void {
  // Called for every item on every render: look for media only when there is something to change.
  if (hidden) {
    setAttr(el, 'data-bouclier-lockdown', 'hidden');
    for (const p of [...textEls, ...ownMedia(el)]) setAttr(p, 'data-bouclier-lock', '');
  } else if (el.hasAttribute('data-bouclier-lockdown')) {
    setAttr(el, 'data-bouclier-lockdown', null);
    for (const p of [...textEls, ...ownMedia(el)]) setAttr(p, 'data-bouclier-lock', null);
    for (const p of el.querySelectorAll('[data-bouclier-lock]')) {
      if (itemOf(p) === el) setAttr(p, 'data-bouclier-lock', null);
    }
  }
}

function stopVideo(v: HTMLVideoElement): void {
  v.autoplay = false;
  v.removeAttribute('autoplay');
  if (!v.paused) v.pause();
}

/** Blur (or un-blur) the item's own media. Media she revealed stays revealed until the item is clean again. */
export function shieldMedia(el: HTMLElement, reason: MediaReason | null, label: () => string): void {
  for (const m of reason ? ownMedia(el) : mediaToClear(el)) {
    // Ours only: an image the page inserts already marked "revealed" in an abusive comment is blurred.
    const state = written(m, 'data-bouclier-media');
    if (!reason) {
      if (state) {
        setAttr(m, 'data-bouclier-media', null);
        if (m.getAttribute('data-bouclier-media-tabindex') === 'added') m.removeAttribute('tabindex');
        m.removeAttribute('data-bouclier-media-tabindex');
        m.removeAttribute('aria-label');
        m.removeAttribute('role');
      }
      continue;
    }
    if (m instanceof HTMLVideoElement) stopVideo(m);
    for (const v of m.querySelectorAll('video')) stopVideo(v);
    if (state === 'revealed') continue;
    setAttr(m, 'data-bouclier-media', 'blurred');
    m.setAttribute('role', 'button');
    m.setAttribute('aria-label', label());
    if (!m.hasAttribute('tabindex')) {
      m.setAttribute('tabindex', '0');
      m.setAttribute('data-bouclier-media-tabindex', 'added');
    }
  }
}

function reveal(m: HTMLElement): void {
  setAttr(m, 'data-bouclier-media', 'revealed');
  m.removeAttribute('role');
  m.removeAttribute('aria-label');
}

let listenersInstalled = false;
/** Click / Enter on blurred media reveals it (and nothing else happens: no link, no lightbox); blurred videos never play. */
export function installMediaListeners(): void {
  if (listenersInstalled) return;
  listenersInstalled = true;
  const blurredTarget = (e: Event): HTMLElement | null => {
    // The real target, inside an open shadow root too (e.target is retargeted to its host out here).
    const t = e.composedPath()[0] ?? e.target;
    return t instanceof Element ? (t.closest('[data-bouclier-media="blurred"]') as HTMLElement | null) : null;
  };
  const onActivate = (e: Event) => {
    const m = blurredTarget(e);
    if (!m) return;
    if (e instanceof KeyboardEvent && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    // Only her own click or key reveals: a page script clicking the image (or `.click()`) cannot.
    if (e.isTrusted) reveal(m);
  };
  window.addEventListener('click', onActivate, true);
  window.addEventListener('keydown', onActivate, true);
  // Swallow the other pointer events platforms use to open a lightbox.
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'auxclick']) {
    window.addEventListener(
      type,
      (e) => {
        if (blurredTarget(e)) e.stopImmediatePropagation();
      },
      true,
    );
  }
  // Media events do not bubble but are seen in the capture phase: platforms start videos from script.
  document.addEventListener(
    'play',
    (e) => {
      const v = e.target;
      if (v instanceof HTMLVideoElement && (v.closest('[data-bouclier-media="blurred"]') || v.getAttribute('data-bouclier-media') === 'blurred')) v.pause();
    },
    true,
  );
}

/** The evidence button, prepared once per caption and cloned: a pile-on of threats gets hundreds. */
const evidenceButtons = new Map<string, HTMLButtonElement>();
function evidenceButton(text: string): HTMLButtonElement {
  let b = evidenceButtons.get(text);
  if (!b) {
    b = document.createElement('button');
    b.type = 'button';
    b.className = 'evidence';
    b.setAttribute('data-testid', 'threat-evidence');
    setCaption(b, text);
    evidenceButtons.set(text, b);
  }
  return b.cloneNode(true) as HTMLButtonElement;
}

/** The one action offered on a threat: keep it as evidence and open the reporting help. Added to the shield's bar. */
export function ensureThreatAction(shieldHost: HTMLElement | null, text: string, onClick: () => void): boolean {
  const bar = shieldRoot(shieldHost)?.querySelector('.bar');
  if (!bar) return false;
  if (bar.querySelector('button.evidence')) return true;
  const b = evidenceButton(text);
  // Her click only: a page script pressing it must not fill her evidence log or open tabs.
  onTrustedClick(b, () => onClick());
  bar.insertBefore(b, bar.querySelector(':scope > button.more'));
  return true;
}
