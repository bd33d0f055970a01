/**
 * The small menu on a hidden item's label: what she can do about this one item without leaving the
 * page (not abuse, trust or mute its author, keep it as evidence). Built when she first opens it, so
 * a thread of hundreds of labels pays for one button each. Her own clicks and keys only.
 */
import { t } from '../ui/i18n';
import { onTrustedClick } from './trusted';
import { hideToast } from './toast';

export interface MenuEntry {
  id: string;
  label: string;
  run(): void;
}

export const ITEM_MENU_CSS = `
.bar { position: relative; }
button.more { padding-inline: 8px; letter-spacing: 1px; }
.menu { position: absolute; z-index: 3; top: calc(100% + 4px); right: 0; min-width: 12em; max-width: calc(100vw - 24px);
  display: grid; gap: 2px; padding: 4px; background: #fff; color: #2b2140; border: 1px solid #c9bfe3; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(43, 33, 64, .25); font-size: 13px; line-height: 1.4; font-weight: 400; }
.menu[hidden] { display: none; }
.menu button { all: unset; box-sizing: border-box; display: block; width: 100%; padding: 6px 10px; border-radius: 6px;
  cursor: pointer; white-space: normal; overflow-wrap: anywhere; color: #2b2140; }
.menu button:hover, .menu button:focus-visible { background: #efeaf8; outline: 2px solid #1a73e8; outline-offset: -2px; }
`;

/** The "more" button that opens the menu (labels clone it from their template). */
export function moreButton(): HTMLButtonElement {
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'more';
  more.textContent = '⋯';
  more.setAttribute('aria-label', t('menu_more'));
  more.setAttribute('aria-haspopup', 'menu');
  more.setAttribute('aria-expanded', 'false');
  return more;
}

/**
 * The menu behind `more` (a button of the label's bar): returns what her click on `more` does (open or
 * close it), for the label's one click listener. `entries` is asked each time she opens it.
 */
export function attachItemMenu(bar: HTMLElement, entries: () => MenuEntry[], more: HTMLButtonElement): () => void {
  let menu: HTMLElement | null = null;

  const close = (focusBack: boolean) => {
    if (!menu || menu.hidden) return;
    menu.hidden = true;
    more.setAttribute('aria-expanded', 'false');
    if (focusBack) more.focus();
  };

  const open = () => {
    // The last confirmation goes: it could sit over this menu at the bottom of the window.
    hideToast();
    menu ??= buildMenu();
    menu.replaceChildren(
      ...entries().map((e) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.setAttribute('role', 'menuitem');
        b.dataset.action = e.id;
        b.textContent = e.label;
        onTrustedClick(b, () => {
          close(true);
          e.run();
        });
        return b;
      }),
    );
    menu.hidden = false;
    more.setAttribute('aria-expanded', 'true');
    menu.querySelector<HTMLElement>('button')?.focus();
  };

  const buildMenu = (): HTMLElement => {
    const m = document.createElement('div');
    m.className = 'menu';
    m.setAttribute('role', 'menu');
    m.setAttribute('aria-label', t('menu_more'));
    m.addEventListener('keydown', (e) => {
      if (!e.isTrusted) return;
      const items = [...m.querySelectorAll<HTMLElement>('button')];
      const at = items.indexOf(e.target as HTMLElement);
      if (e.key === 'Escape') close(true);
      else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
      else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
    // Closed when focus leaves the menu (she clicked elsewhere or tabbed away).
    m.addEventListener('focusout', (e) => {
      const to = e.relatedTarget as Node | null;
      if (!to || (!m.contains(to) && to !== more)) close(false);
    });
    bar.append(m);
    return m;
  };

  return () => (menu && !menu.hidden ? close(true) : open());
}
