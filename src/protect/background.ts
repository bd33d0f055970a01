/**
 * Protections, background side: opens the reporting help (options.html#help) for the threat
 * "keep as evidence" action (content scripts cannot open extension pages themselves).
 */
import { browser } from 'wxt/browser';
import type { BackgroundRouter } from '../messaging/background-router';
import { createRateLimiter, type RateLimiter } from '../shield/trusted';

/** One help tab per tab per this long: a page flooding the button (or a content script gone wrong) cannot open tab after tab. */
export const HELP_TAB_EVERY_MS = 5000;
/** And a few per minute across all tabs. */
const HELP_TABS_PER_MINUTE = 4;

export function registerProtectBackground(router: BackgroundRouter, now: () => number = Date.now): void {
  const perTab: RateLimiter = createRateLimiter(1, HELP_TAB_EVERY_MS, now);
  const overall: RateLimiter = createRateLimiter(HELP_TABS_PER_MINUTE, 60_000, now);
  router.on('protect-open-help', (_request, sender) => {
    if (!perTab.take(sender.tab?.id ?? -1) || !overall.take()) return;
    void browser.tabs
      .create({ url: browser.runtime.getURL('/options.html#help' as never), index: sender.tab ? sender.tab.index + 1 : undefined })
      .catch(() => undefined);
  });
}
