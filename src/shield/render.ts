/**
 * Applying a decision to one item on the page. Text is only ever set with textContent (never as
 * HTML). Only the text (and media) of the item is hidden: the platform's own reply / report / block
 * buttons stay reachable. State is written to documented attributes:
 *   data-bouclier = pending | clean | flagged | revealed, data-bouclier-labels = "misogyny threat".
 */
import type { Category } from '../store/settings';
import type { Decision } from './decide';
import { SHIELD_LABEL_CSS } from './styles';
import { ownMedia, setGuarded } from './guard';
import { sharedStyles } from './shadow-css';
import { t } from '../ui/i18n';

export interface ShieldTarget {
  el: HTMLElement;
  textEls: HTMLElement[];
}

/** Mark what the CSS hides; '' removes the mark (clean or revealed). */
function markHidden(item: ShieldTarget, how: '' | 'blur' | 'collapse' | 'pending'): void {
  // Clearing looks at the item's media even when it never marked them itself: a parent item judged
  // before this nested reply was known may have claimed (and blurred) them.
  for (const el of [...item.textEls, ...ownMedia(item.el)]) {
    if (how) setGuarded(el, 'data-bouclier-hide', how);
    else setGuarded(el, 'data-bouclier-hide', null);
    if (how === 'blur' || how === 'collapse') setGuarded(el, 'aria-hidden', 'true');
    else setGuarded(el, 'aria-hidden', null);
  }
}

/**
 * A new item waiting for its verdict. Its own text and media are marked for withholding only when
 * she withholds until the verdict (strict mode, or the model is down): by default the first sight of
 * 2,000 comments costs one attribute each. Switching withholding on marks the pending items again.
 */
export function markPending(item: ShieldTarget, withhold: boolean): void {
  setGuarded(item.el, 'data-bouclier', 'pending');
  markHidden(item, withhold ? 'pending' : '');
}

function applyVisibility(item: ShieldTarget): void {
  const state = item.el.getAttribute('data-bouclier');
  const action = item.el.getAttribute('data-bouclier-action');
  markHidden(item, state === 'flagged' && (action === 'blur' || action === 'collapse') ? action : '');
  // The label floats over blurred text; collapsed or revealed, it takes its own line.
  shieldOf(item)?.toggleAttribute('data-overlay', state === 'flagged' && action === 'blur');
}

export function categoryName(c: Category): string {
  return t(`category_${c}`);
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

/** One stylesheet shared by every shield's shadow root. */
const labelStyles = sharedStyles(SHIELD_LABEL_CSS);

/** The label's markup, built once and cloned into each shield's shadow root. */
let shieldTemplate: DocumentFragment | null = null;
function shieldParts(): DocumentFragment {
  if (!shieldTemplate) {
    shieldTemplate = document.createDocumentFragment();
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'group');
    const icon = document.createElement('span');
    icon.className = 'icon';
    icon.setAttribute('aria-hidden', 'true');
    // Drawn by CSS (a shield, or a warning triangle for threats): emoji fonts are missing on many systems.
    const label = document.createElement('span');
    label.className = 'label';
    const button = document.createElement('button');
    button.type = 'button';
    bar.append(icon, label, button);
    shieldTemplate.append(bar);
  }
  return shieldTemplate.cloneNode(true) as DocumentFragment;
}

interface ShieldRefs {
  bar: HTMLElement;
  label: HTMLElement;
  button: HTMLButtonElement;
  /** what the label and button last said, so a re-render writes nothing when nothing changed */
  shown: string;
}
const refs = new WeakMap<HTMLElement, ShieldRefs>();

function buildShield(item: ShieldTarget): HTMLElement {
  const host = document.createElement('bouclier-shield');
  const root = host.attachShadow({ mode: 'open' });
  labelStyles.adopt(root);
  root.append(shieldParts());
  const bar = root.lastElementChild as HTMLElement;
  const button = bar.lastElementChild as HTMLButtonElement;
  refs.set(host, { bar, label: button.previousElementSibling as HTMLElement, button, shown: '' });
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation(); // the platform must not treat this as a click on the comment
    if (!e.isTrusted) return; // only her own click (mouse, keyboard, assistive tech) reveals; page script cannot
    const revealed = item.el.getAttribute('data-bouclier') === 'revealed';
    setGuarded(item.el, 'data-bouclier', revealed ? 'flagged' : 'revealed');
    applyVisibility(item);
    updateShieldText(host, item);
  });
  return host;
}

function updateShieldText(host: HTMLElement, item: ShieldTarget): void {
  const r = refs.get(host);
  if (!r) return;
  const labelsAttr = item.el.getAttribute('data-bouclier-labels') ?? '';
  const revealed = item.el.getAttribute('data-bouclier') === 'revealed';
  const shown = `${labelsAttr}|${revealed}`;
  if (r.shown === shown) return;
  r.shown = shown;
  const labels = labelsAttr.split(' ').filter(Boolean) as Category[];
  const names = labels.map(categoryName).join(', ');
  const isThreat = labels.includes('threat');
  const text = isThreat ? t('shield_threat', [names]) : t('shield_hidden', [names]);
  r.bar.classList.toggle('threat', isThreat);
  r.label.textContent = text;
  r.label.title = text;
  r.bar.setAttribute('aria-label', text);
  r.button.textContent = revealed ? t('shield_hide_again') : t('shield_show');
  r.button.setAttribute('aria-expanded', String(revealed));
}

/** Apply (or re-apply after a settings change) a decision to an item. */
export function renderDecision(item: ShieldTarget, decision: Decision): void {
  const el = item.el;
  const existing = shieldOf(item);
  if (!decision.action) {
    setGuarded(el, 'data-bouclier', 'clean');
    setGuarded(el, 'data-bouclier-labels', null);
    setGuarded(el, 'data-bouclier-action', null);
    markHidden(item, '');
    existing?.remove();
    shields.delete(el);
    return;
  }
  const wasRevealed = el.getAttribute('data-bouclier') === 'revealed';
  setGuarded(el, 'data-bouclier', wasRevealed ? 'revealed' : 'flagged');
  setGuarded(el, 'data-bouclier-labels', decision.labels.join(' '));
  setGuarded(el, 'data-bouclier-action', decision.action);
  const shield = existing ?? buildShield(item);
  if (!existing) {
    item.textEls[0]?.before(shield);
    shields.set(el, shield);
  }
  applyVisibility(item);
  updateShieldText(shield, item);
}

/** "Show all on this page": reveal every flagged item (undoable with hideAll). */
export function setRevealed(item: ShieldTarget, revealed: boolean): void {
  const state = item.el.getAttribute('data-bouclier');
  if (state !== 'flagged' && state !== 'revealed') return;
  setGuarded(item.el, 'data-bouclier', revealed ? 'revealed' : 'flagged');
  applyVisibility(item);
  const shield = shieldOf(item);
  if (shield) updateShieldText(shield, item);
}
