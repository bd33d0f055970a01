/**
 * The label she reads on a hidden item: its words (the one main reason, a threat or her published
 * personal data drawn as a warning), its Show / Hide again button and its menu, in a closed shadow root
 * under a host the page cannot subvert (ui-host.ts). Words are generated content, never text.
 */
import type { Category } from '../verdict/categories';
import type { Decision } from '../verdict/decide';
import { SHIELD_LABEL_CSS } from './styles';
import { sharedStyles } from './shadow-css';
import { t } from '../ui/i18n';
import { onTrustedClickIn } from './trusted';
import { attachItemMenu, ITEM_MENU_CSS, moreButton, type MenuEntry } from './item-menu';
import { createUiHost, cssString, setCaption, setUiHostStyle } from './ui-host';

/** What the shield decided for an item it shows: never written into the page. */
export interface ShownVerdict extends Decision {
  reason: Category | null;
}

/** The label host's own layout (pinned inline, see ui-host.ts): on its own line, or over blurred text taking no room. */
const ON_ITS_LINE = 'display: block; margin: 4px 0';
const OVER_TEXT = 'display: block; margin: 0; font-size: 0; line-height: 0; overflow: visible';

export function categoryName(c: Category): string {
  return t(`category_${c}`);
}

/** One stylesheet shared by every shield's shadow root. */
const labelStyles = sharedStyles(SHIELD_LABEL_CSS + ITEM_MENU_CSS);

interface ShieldRefs {
  bar: HTMLElement;
  label: HTMLElement;
  button: HTMLButtonElement;
  /** what the label and button last said, so a re-render writes nothing when nothing changed */
  shown: string;
}
const refs = new WeakMap<HTMLElement, ShieldRefs>();
/** Each shield's shadow root: closed, so only this script can reach it. */
const roots = new WeakMap<HTMLElement, ShadowRoot>();

/** The shield's own root (its bar), for the protections that add a button to it. */
export function shieldRoot(host: HTMLElement | null): ShadowRoot | null {
  return host ? (roots.get(host) ?? null) : null;
}

/**
 * The label's markup for one wording (reason, shown or hidden again, with or without a menu), built once
 * and cloned into each shield's shadow root: a thread's hundreds of labels say the same few things, and
 * a clone copies its attributes and inline properties without building or parsing them again.
 */
const templates = new Map<string, HTMLElement>();
function barFor(verdict: ShownVerdict | undefined, revealed: boolean, withMenu: boolean): HTMLElement {
  const key = `${shownKey(verdict, revealed)}|${withMenu}`;
  let bar = templates.get(key);
  if (!bar) {
    bar = document.createElement('div');
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
    if (withMenu) bar.append(moreButton());
    say({ bar, label, button, shown: '' }, verdict, revealed);
    templates.set(key, bar);
  }
  return bar.cloneNode(true) as HTMLElement;
}

/**
 * A new label saying what `verdict` says (`revealed`: shown again), on its own line or over blurred
 * text: `onToggle` runs on her own click of its button (mouse, keyboard, assistive tech; never a page
 * script's, and never seen by the platform as a click on the comment); `menu` fills its menu.
 */
export function buildLabel(
  onToggle: () => void,
  menu: (() => MenuEntry[]) | null,
  shown: { verdict: ShownVerdict | undefined; revealed: boolean; overText: boolean },
): HTMLElement {
  // Its pinned style is watched by the shield guard once it is in the page (render.ts, guard.ts guardUiHost).
  const { host, root } = shown.overText ? createUiHost('shield', 'span', OVER_TEXT, 'data-overlay', true) : createUiHost('shield', 'span', ON_ITS_LINE, undefined, true);
  roots.set(host, root);
  labelStyles.adoptFresh(root);
  const bar = barFor(shown.verdict, shown.revealed, menu !== null);
  root.append(bar);
  // icon, label, button, more: as barFor builds them
  const label = bar.firstElementChild!.nextElementSibling as HTMLElement;
  const button = label.nextElementSibling as HTMLButtonElement;
  refs.set(host, { bar, label, button, shown: shownKey(shown.verdict, shown.revealed) });
  const more = menu ? (button.nextElementSibling as HTMLButtonElement) : null;
  const toggleMenu = more && menu ? attachItemMenu(bar, menu, more) : null;
  // One listener for the label's own buttons, her clicks only (the threat's evidence button and the
  // menu's entries listen for themselves).
  onTrustedClickIn(bar, (target) => (target === button ? onToggle : target === more ? toggleMenu : null));
  return host;
}

/** Float the label over blurred text, or give it its own line. */
export function placeLabel(host: HTMLElement, overText: boolean): void {
  host.toggleAttribute('data-overlay', overText);
  setUiHostStyle(host, overText ? OVER_TEXT : ON_ITS_LINE);
}

/**
 * The label's words for each main reason, looked up once (a thread shows the same few hundreds of
 * times). A threat, or her personal data published, is drawn as a warning: visibly distinct.
 */
const wording = new Map<string, { text: string; isThreat: boolean }>();
function shieldWording(shown: ShownVerdict | undefined): { text: string; isThreat: boolean } {
  const reason = shown?.reason ?? null;
  const isThreat = reason === 'threat' || reason === 'doxxing' || shown?.labels.includes('threat') === true;
  const key = `${reason}|${isThreat}`;
  let w = wording.get(key);
  if (!w) {
    w = { text: reason === 'threat' ? t('shield_threat') : t('shield_hidden', [reason ? categoryName(reason) : '']), isThreat };
    wording.set(key, w);
  }
  return w;
}

/** The button's two captions, looked up once: each lookup asks the browser, and a thread has 800 labels. */
const buttonCaptions = new Map<boolean, string>();
function buttonWords(revealed: boolean): string {
  let words = buttonCaptions.get(revealed);
  if (words === undefined) {
    words = revealed ? t('shield_hide_again') : t('shield_show');
    buttonCaptions.set(revealed, words);
  }
  return words;
}

const shownKey = (verdict: ShownVerdict | undefined, revealed: boolean): string => `${verdict?.reason}|${verdict?.labels.join(' ')}|${revealed}`;

/** Say what the label says for this verdict, shown or hidden again (writes nothing when nothing changed). */
export function updateLabel(host: HTMLElement, verdict: ShownVerdict | undefined, revealed: boolean): void {
  const r = refs.get(host);
  if (r) say(r, verdict, revealed);
}

function say(r: ShieldRefs, verdict: ShownVerdict | undefined, revealed: boolean): void {
  const shown = shownKey(verdict, revealed);
  if (r.shown === shown) return;
  r.shown = shown;
  const { text, isThreat } = shieldWording(verdict);
  r.bar.classList.toggle('threat', isThreat);
  // Drawn as generated content, not text: the page's window.find() searches closed shadow roots' text
  // and would tell which reason a label gives. Screen readers read it (and the bar's name).
  r.label.style.setProperty('--reason', cssString(text));
  r.bar.setAttribute('aria-label', text);
  setCaption(r.button, buttonWords(revealed));
  r.button.setAttribute('aria-expanded', String(revealed));
}
