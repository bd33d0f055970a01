import { browser } from 'wxt/browser';

const memo = new Map<string, string>();

/**
 * UI strings come only from _locales (browser language decides FR/EN). Memoised: the content script
 * asks for the same few shield strings for every hidden comment, and the language cannot change
 * while a page is open.
 */
export function t(key: string, subs?: string | string[]): string {
  const memoKey = subs === undefined ? key : `${key}\u0001${typeof subs === 'string' ? subs : subs.join('\u0001')}`;
  let text = memo.get(memoKey);
  if (text === undefined) {
    text = browser.i18n.getMessage(key as never, subs) || key;
    if (memo.size > 500) memo.clear();
    memo.set(memoKey, text);
  }
  return text;
}
