import { browser } from 'wxt/browser';

/** UI strings come only from _locales (browser language decides FR/EN). */
export function t(key: string, subs?: string | string[]): string {
  return browser.i18n.getMessage(key as never, subs) || key;
}
