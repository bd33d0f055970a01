/**
 * A short confirmation at the bottom of the page after she acted from a label's menu ("Marked as not
 * abusive", "Kept as evidence"…), with Undo. In a closed shadow root like every piece of our UI (the
 * page can neither read nor press it); Undo acts on her own click only.
 */
import { t } from '../ui/i18n';
import { onTrustedClick } from './trusted';
import { createUiHost, cssString } from './ui-host';

const SHOWN_MS = 10_000;

const CSS = `
:host { all: initial; position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 2147483647;
  max-width: min(480px, calc(100vw - 24px)); }
.box { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #fff; background: #2b2140;
  border-radius: 10px; padding: 8px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.25); display: flex; gap: 12px;
  align-items: center; flex-wrap: wrap; }
.text { flex: 1 1 12em; overflow-wrap: anywhere; }
.text::before { content: var(--message, ""); }
button { font: inherit; font-weight: 600; color: #2b2140; background: #efeaf8; border: 0; border-radius: 6px;
  padding: 3px 10px; cursor: pointer; }
button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
`;

let host: HTMLElement | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

export function hideToast(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  host?.remove();
  host = null;
}

/** Show `message`; with `undo`, an Undo button that runs it once and then says it was undone. */
export function showToast(message: string, undo?: () => Promise<void>): void {
  hideToast();
  const made = createUiHost('toast', 'div', 'position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 2147483647; max-width: min(480px, calc(100vw - 24px))');
  host = made.host;
  const root = made.root;
  const style = document.createElement('style');
  style.textContent = CSS;
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.className = 'text';
  // Generated content, not text: a page's window.find() could read "@handle is muted" otherwise.
  text.style.setProperty('--message', cssString(message));
  box.setAttribute('aria-label', message);
  box.append(text);
  if (undo) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('toast_undo');
    let used = false;
    onTrustedClick(b, () => {
      if (used) return;
      used = true;
      void undo().then(
        () => showToast(t('toast_undone')),
        () => showToast(t('toast_failed')),
      );
    });
    box.append(b);
  }
  root.append(style, box);
  (document.body ?? document.documentElement).append(host);
  timer = setTimeout(hideToast, SHOWN_MS);
}
