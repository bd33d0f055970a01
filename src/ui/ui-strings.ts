/**
 * The words of the content script's UI (labels, menu, banner, notices, toasts), read from the background
 * in one message when the page starts. Chrome answers a content script's first i18n.getMessage with a
 * synchronous request to the browser for the whole catalog, which holds the page's main thread (in the
 * middle of a burst of comments, where the first label or banner asks for its words); this way the
 * catalog comes asynchronously. A word asked before the answer (or not in the list) is read from the
 * browser as before, so the list only decides what is fast.
 */
import { browser } from 'wxt/browser';
import type { BackgroundRouter } from '../messaging/background-router';
import { askBackground } from '../messaging/background-protocol';
import { CATEGORIES } from '../verdict/categories';
import { preloadMessages } from './i18n';

/** Every key the content script shows (src/shield, src/protect, src/features, src/kernel). */
export const CONTENT_UI_KEYS = [
  ...CATEGORIES.map((c) => `category_${c}`),
  'shield_hidden',
  'shield_threat',
  'shield_show',
  'shield_hide_again',
  'menu_more',
  'menu_not_abuse',
  'menu_trust',
  'menu_mute',
  'menu_keep',
  'toast_too_fast',
  'toast_failed',
  'toast_kept',
  'toast_kept_no_picture',
  'toast_not_abuse',
  'toast_trusted',
  'toast_muted',
  'toast_undo',
  'toast_undone',
  'notice_dismiss',
  'notice_model_down',
  'notice_model_down_withholding',
  'protect_media_blurred',
  'protect_threat_evidence',
  'protect_banner_raid_title',
  'protect_banner_raid_text',
  'protect_banner_time',
  'protect_banner_locked_title',
  'protect_banner_locked_text',
  'protect_banner_hidden',
  'protect_banner_dismiss',
  'protect_lift',
  'protect_lockdown',
];

/** $1…$9: what the background substitutes, so the content script can substitute the real values itself. */
const SLOTS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];

/** Background: the messages, in the browser's UI language, with their substitutions left as $1…$9. */
export function registerUiStrings(router: BackgroundRouter): void {
  router.on('ui-strings', ({ keys }) => Object.fromEntries(keys.map((k) => [k, browser.i18n.getMessage(k as never, SLOTS)])));
}

/** Content script: ask for them now (the answer comes with her settings, before anything is shown). */
export function loadUiStrings(): void {
  void askBackground({ type: 'ui-strings', keys: CONTENT_UI_KEYS }).then((strings) => {
    if (strings) preloadMessages(strings);
  });
}
