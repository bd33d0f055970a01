/**
 * The in-page raid banner: small, fixed, calm, inside a closed shadow root so the page cannot restyle it
 * (the page's scripts see only an empty element, see src/shield/ui-host.ts). Strings come from _locales (FR/EN);
 * numbers and times are inserted with textContent.
 *
 *   <div data-bouclier-ui="banner" data-state="raid|locked"> (shadow: .title, .text, button[data-action])
 */
import { t } from '../ui/i18n';
import { createUiHost } from '../shield/ui-host';
import { onTrustedClick } from '../shield/trusted';

const CSS = `
:host { all: initial; position: fixed; top: 12px; right: 12px; z-index: 2147483646; max-width: 360px; }
.box { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #2b2140;
  background: #fbf9ff; border: 1px solid #c9bfe3; border-left: 5px solid #5b4b8a; border-radius: 10px;
  padding: 10px 12px; box-shadow: 0 4px 18px rgba(30, 20, 60, .18); }
.box.locked { border-left-color: #2e7d4f; }
.title { font-weight: 700; margin: 0 0 4px; display: flex; gap: 6px; align-items: center; }
.text, .hidden { margin: 0 0 8px; }
.hidden:empty { display: none; }
.row { display: flex; gap: 8px; flex-wrap: wrap; }
button { font: inherit; font-weight: 600; border-radius: 6px; padding: 4px 10px; cursor: pointer; border: 1px solid #5b4b8a; }
button.primary { color: #fff; background: #5b4b8a; }
button.secondary { color: #2b2140; background: transparent; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.close { margin-left: auto; border: 0; background: transparent; font-size: 16px; line-height: 1; padding: 0 4px; color: #2b2140; }
@media (prefers-color-scheme: dark) {
  .box { color: #eee8ff; background: #221b33; border-color: #4a3f6b; }
  button.secondary, .close { color: #eee8ff; }
}
`;

export interface BannerModel {
  /** A burst is known for this thread. */
  raid: { count: number; accounts: number; startedAt: number } | null;
  locked: boolean;
  /** Items currently hidden by the lockdown. */
  hiddenByLockdown: number;
}

export interface BannerActions {
  lockdown(): void;
  lift(): void;
  dismiss(): void;
}

/**
 * A time of day in her language's usual form (the catalog says how). Not Intl.DateTimeFormat: the page's
 * first date formatter loads the browser's date and time-zone data in one long task.
 */
function timeOfDay(at: number): string {
  const d = new Date(at);
  const h = d.getHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return t('protect_banner_time', [String(h % 12 || 12), pad(h), pad(d.getMinutes()), h < 12 ? 'AM' : 'PM']);
}

export function createRaidBanner(actions: BannerActions) {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let dismissed = false;

  function build(): ShadowRoot {
    ({ host, root } = createUiHost('banner', 'div', 'position: fixed; top: 12px; right: 12px; z-index: 2147483646; max-width: 360px'));
    const style = document.createElement('style');
    style.textContent = CSS;
    const box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    const title = document.createElement('p');
    title.className = 'title';
    const titleText = document.createElement('span');
    titleText.className = 'title-text';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.setAttribute('data-action', 'dismiss');
    close.setAttribute('aria-label', t('protect_banner_dismiss'));
    close.textContent = '×';
    // Her clicks only (see src/shield/trusted.ts): the page cannot lock, lift or dismiss for her.
    onTrustedClick(close, () => {
      dismissed = true;
      host?.remove();
      actions.dismiss();
    });
    title.append(titleText, close);
    const text = document.createElement('p');
    text.className = 'text';
    const hidden = document.createElement('p');
    hidden.className = 'hidden';
    const row = document.createElement('div');
    row.className = 'row';
    const main = document.createElement('button');
    main.type = 'button';
    main.className = 'primary';
    onTrustedClick(main, () => {
      if (main.getAttribute('data-action') === 'lift') actions.lift();
      else actions.lockdown();
    });
    row.append(main);
    box.append(title, text, hidden, row);
    root.append(style, box);
    (document.body ?? document.documentElement).append(host);
    return root;
  }

  // Re-rendered while a pile-on is still arriving: no DOM writes when nothing changed.
  let shown = '';

  return {
    /** Show/update, or remove when there is nothing to say. Dismissing hides it until the state changes to locked. */
    render(m: BannerModel): void {
      if (!m.raid && !m.locked) {
        host?.remove();
        host = null;
        root = null;
        return;
      }
      if (dismissed && !m.locked) return;
      const fresh = !host || !host.isConnected;
      if (fresh) build();
      const state = JSON.stringify(m);
      if (!fresh && state === shown) return;
      shown = state;
      const r = root!;
      host!.setAttribute('data-state', m.locked ? 'locked' : 'raid');
      r.querySelector('.box')!.classList.toggle('locked', m.locked);
      // Plain words, no emoji: many systems have no emoji font (it would show as an empty box).
      r.querySelector('.title-text')!.textContent = m.locked ? t('protect_banner_locked_title') : t('protect_banner_raid_title');
      const time = m.raid ? timeOfDay(m.raid.startedAt) : '';
      r.querySelector('.text')!.textContent = m.raid
        ? t('protect_banner_raid_text', [String(m.raid.count), String(m.raid.accounts), time])
        : t('protect_banner_locked_text');
      r.querySelector('.hidden')!.textContent = m.locked ? t('protect_banner_hidden', [String(m.hiddenByLockdown)]) : '';
      const main = r.querySelector('.row button')!;
      main.setAttribute('data-action', m.locked ? 'lift' : 'lockdown');
      main.textContent = m.locked ? t('protect_lift') : t('protect_lockdown');
    },
    element: (): HTMLElement | null => host,
    /** Its closed shadow root: reachable from this script only. */
    root: (): ShadowRoot | null => root,
    resetDismissed(): void {
      dismissed = false;
    },
  };
}
