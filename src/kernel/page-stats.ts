/**
 * What a tab says about itself to the popup and the toolbar badge: how many items were read, how many
 * are hidden (each once, under its main reason, and per category), whether the page is read by the
 * generic fallback, whether the model fails. Counts only: no text, no author.
 */
import type { TrackedItem } from '../scanner/item';
import { written } from '../shield/guard';
import { verdictOf } from '../shield/render';
import { timed } from '../scanner/busy';
import type { TabStats } from '../messaging/tab-protocol';
import { askBackground } from '../messaging/background-protocol';

/** Stats are sent at most this often while verdicts land. */
const REPORT_EVERY_MS = 1000;

export interface StatsSource {
  host: string;
  platform(): string | null;
  items(): TrackedItem[];
  degraded(): boolean;
  hostError(): string | null;
}

export function createPageStats(src: StatsSource) {
  let timer: ReturnType<typeof setTimeout> | null = null;

  function stats(): TabStats {
    const byLabel: Record<string, number> = {};
    const byReason: Record<string, number> = {};
    let flagged = 0;
    const items = src.items();
    for (const it of items) {
      const state = written(it.el, 'data-bouclier');
      if (state !== 'flagged' && state !== 'revealed') continue;
      flagged++;
      const shown = verdictOf(it.el);
      for (const l of shown?.labels ?? []) byLabel[l] = (byLabel[l] ?? 0) + 1;
      if (shown?.reason) byReason[shown.reason] = (byReason[shown.reason] ?? 0) + 1;
    }
    return { host: src.host, platform: src.platform(), scanned: items.length, flagged, byLabel, byReason, degraded: src.degraded(), hostError: src.hostError() };
  }

  /** Tell the background (badge, popup) soon; many verdicts in a row make one report. */
  function report(): void {
    timer ??= setTimeout(() => {
      timer = null;
      timed('stats', () => void askBackground({ type: 'page-stats', stats: stats() }));
    }, REPORT_EVERY_MS);
  }

  return { stats, report };
}
