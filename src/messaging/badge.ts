import { browser } from 'wxt/browser';
import type { PageStats } from './messages';

/** Toolbar badge: how many items are hidden on this tab (red when threats are among them). */
export function updateBadge(tabId: number, stats: PageStats): void {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const text = stats.flagged > 0 ? String(Math.min(stats.flagged, 999)) : '';
  action.setBadgeText({ tabId, text }).catch(() => undefined);
  const color = (stats.byLabel.threat ?? 0) > 0 ? '#b3261e' : '#5b4b8a';
  action.setBadgeBackgroundColor({ tabId, color }).catch(() => undefined);
}
