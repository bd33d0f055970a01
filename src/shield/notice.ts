/**
 * A small in-page notice (bottom corner, shadow root so the page cannot restyle or read it) for
 * states she must know about without opening the popup: the filter model is unavailable, so
 * protection is degraded and only her own rules (muted words/accounts) apply.
 */
import { t } from '../ui/i18n';
import { onTrustedClick } from './trusted';
import { createUiHost } from './ui-host';

export interface NoticeAction {
  label: string;
  run(): void;
}

let host: HTMLElement | null = null;

export function showNotice(messageKey: string, action?: NoticeAction): void {
  hideNotice();
  const made = createUiHost('notice', 'div', 'position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 360px');
  host = made.host;
  const root = made.root;
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 360px; }
    .box { font: 13px/1.45 system-ui, sans-serif; color: #5c1010; background: #fff4f2; border: 1px solid #e2a4a4;
      border-radius: 10px; padding: 10px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.15); display: grid; gap: 8px; }
    .row { display: flex; gap: 8px; justify-content: flex-end; }
    button { font: inherit; font-weight: 600; border-radius: 6px; padding: 3px 10px; cursor: pointer; border: 1px solid #8c1d18; }
    button.primary { background: #8c1d18; color: #fff; }
    button.secondary { background: #fff; color: #8c1d18; }
    button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }`;
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'alert');
  const text = document.createElement('div');
  text.textContent = t(messageKey);
  const row = document.createElement('div');
  row.className = 'row';
  if (action) {
    const b = document.createElement('button');
    b.className = 'primary';
    b.type = 'button';
    b.textContent = action.label;
    onTrustedClick(b, () => action.run()); // changes her settings: her click only
    row.append(b);
  }
  const close = document.createElement('button');
  close.className = 'secondary';
  close.type = 'button';
  close.textContent = t('notice_dismiss');
  onTrustedClick(close, hideNotice);
  row.append(close);
  box.append(text, row);
  root.append(style, box);
  (document.body ?? document.documentElement).append(host);
}

export function hideNotice(): void {
  host?.remove();
  host = null;
}
