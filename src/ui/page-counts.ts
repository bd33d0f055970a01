/**
 * What the popup counts about the page it is about, computed from what the tab's content script
 * reports (never its text): hidden items by main reason, and how many items each sensitivity level or
 * advanced threshold would hide. Decisions come from the shield's own verdict logic (decide.ts), so a
 * preview can never disagree with what the page then does.
 */
import type { LevelThresholds, Level, Scores } from '../classifier/labels';
import type { PageStats } from '../messaging/messages';
import type { Settings } from '../store/settings';
import { CATEGORIES, type ModelCategory } from '../verdict/categories';
import { decide, modelLabels, thresholdFor } from '../verdict/decide';

/** The scores of the items the model judged on the page, and its calibrated thresholds ("get-page-scores"). */
export interface PageScores {
  thresholds: LevelThresholds | null;
  scores: Scores[];
}

export function parsePageScores(raw: unknown): PageScores | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!Array.isArray(r.scores)) return null;
  const thresholds = typeof r.thresholds === 'object' ? (r.thresholds as LevelThresholds | null) : null;
  return { thresholds, scores: r.scores.filter((s): s is Scores => typeof s === 'object' && s !== null) };
}

/**
 * One row per main reason, in the shield's category order (then any reason it does not know, by
 * name), without zeros. The rows add up to the hidden items: each item is counted once.
 */
export function reasonRows(stats: PageStats): { reason: string; count: number }[] {
  const known: readonly string[] = CATEGORIES;
  const rank = (r: string) => (known.includes(r) ? known.indexOf(r) : known.length);
  return Object.entries(stats.byReason)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([reason, count]) => ({ reason, count }));
}

/**
 * How many of the judged items the model's verdict would hide at `level`, with her actions and
 * advanced thresholds as they are. Her own rules (trusted and muted accounts, muted words,
 * corrections) are not in the scores: the preview is the model's share of what is hidden.
 */
export function hiddenAtLevel(page: PageScores, settings: Settings, level: Level): number {
  const { thresholds } = page;
  if (!thresholds) return 0;
  const at = { ...settings, level };
  return page.scores.filter((s) => decide(s, thresholds, at).action !== null).length;
}

/** The threshold in force for `c` (her advanced override, else the level's), or null before the model answered. */
export function thresholdInForce(page: PageScores, settings: Settings, c: ModelCategory): number | null {
  return page.thresholds ? thresholdFor(c, page.thresholds, settings) : null;
}

/** How many judged items category `c` alone would flag if its threshold were `value`. */
export function flaggedByCategoryAt(page: PageScores, settings: Settings, c: ModelCategory, value: number): number {
  const { thresholds } = page;
  if (!thresholds) return 0;
  const tried = { ...settings, thresholdOverrides: { ...settings.thresholdOverrides, [c]: value } };
  return page.scores.filter((s) => modelLabels(s, thresholds, tried).includes(c)).length;
}
