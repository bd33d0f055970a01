/**
 * Protections, background side: opens the reporting help (options.html#help) for the threat
 * "keep as evidence" action (content scripts cannot open extension pages themselves).
 */
import { browser } from 'wxt/browser';

export function registerProtectBackground(): void {
  browser.runtime.onMessage.addListener((raw, sender) => {
    if (sender.id !== browser.runtime.id) return false;
    if ((raw as { type?: unknown } | null)?.type !== 'protect-open-help') return false;
    void browser.tabs
      .create({ url: browser.runtime.getURL('/options.html#help' as never), index: sender.tab ? sender.tab.index + 1 : undefined })
      .catch(() => undefined);
    return false;
  });
}
