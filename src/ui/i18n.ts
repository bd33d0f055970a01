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
    const known = preloaded.get(key);
    text = (known === undefined ? browser.i18n.getMessage(key as never, subs) : substitute(known, subs)) || key;
    if (memo.size > 500) memo.clear();
    memo.set(memoKey, text);
  }
  return text;
}

/** Messages read ahead (src/ui/ui-strings.ts), their substitutions left as $1…$9. */
const preloaded = new Map<string, string>();

export function preloadMessages(messages: Record<string, string>): void {
  for (const [key, message] of Object.entries(messages)) if (typeof message === 'string' && message !== '') preloaded.set(key, message);
}

/** What getMessage does with `subs`: $1…$9 replaced by them, a missing one by nothing. */
function substitute(message: string, subs: string | string[] | undefined): string {
  const values = subs === undefined ? [] : typeof subs === 'string' ? [subs] : subs;
  return message.replace(/\$([1-9])/g, (_, n: string) => values[Number(n) - 1] ?? '');
}
