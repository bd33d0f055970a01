/**
 * From scores and labels to what the shield does: which model categories apply at her chosen
 * sensitivity (or her advanced per-category thresholds), the strongest action among the categories'
 * actions, and the one main reason she is shown. A threat is never silently removed: at most it is
 * collapsed behind a warning she can open.
 */
import type { Level, LevelThresholds, Scores } from '../classifier/labels';
import { MODEL_CATEGORIES, isModelCategory, type Category, type ModelCategory, type ShieldAction } from './categories';

/** The part of her settings a verdict depends on (the stored Settings satisfy it). */
export interface VerdictSettings {
  level: Level;
  actions: Record<Category, ShieldAction>;
  thresholdOverrides: Partial<Record<ModelCategory, number>>;
}

export interface Decision {
  labels: Category[];
  action: Exclude<ShieldAction, 'off'> | null;
}

/** How strongly each action hides; an item gets the strongest action among its categories. */
export const STRENGTH: Record<ShieldAction, number> = { off: 0, blur: 1, collapse: 2, remove: 3 };

/** A threat is never silently removed: at most it is collapsed behind a warning she can open. */
export function threatSafe(action: ShieldAction, labels: readonly Category[]): ShieldAction {
  return action === 'remove' && labels.includes('threat') ? 'collapse' : action;
}

/** The threshold in force for one model category. */
export function thresholdFor(c: ModelCategory, thresholds: LevelThresholds, settings: VerdictSettings, level: Level = settings.level): number {
  return settings.thresholdOverrides[c] ?? thresholds[level][c];
}

/** Does this category's score cross its threshold (whatever its action)? */
function crosses(c: ModelCategory, scores: Scores, thresholds: LevelThresholds, settings: VerdictSettings, level: Level = settings.level): boolean {
  return scores[c] >= thresholdFor(c, thresholds, settings, level);
}

/** Model categories whose score crosses its threshold (whatever their action). */
export function modelLabels(scores: Scores, thresholds: LevelThresholds, settings: VerdictSettings, level: Level = settings.level): ModelCategory[] {
  return MODEL_CATEGORIES.filter((c) => crosses(c, scores, thresholds, settings, level));
}

/** The strongest action among the labels' actions ('off' when none hides). */
export function strongestAction(labels: readonly Category[], settings: VerdictSettings): ShieldAction {
  let action: ShieldAction = 'off';
  for (const c of labels) if (STRENGTH[settings.actions[c]] > STRENGTH[action]) action = settings.actions[c];
  return threatSafe(action, labels);
}

/**
 * `scores`/`thresholds` are null while the model has not answered (or is down): rule categories
 * (muted words/accounts, doxxing) still apply on their own.
 */
export function decide(scores: Scores | null, thresholds: LevelThresholds | null, settings: VerdictSettings, ruleLabels: readonly Category[] = []): Decision {
  // The model's labels, then the rules' not already there, each kept only when its category acts: one
  // array per decision (asked for every item of a thread, most with no label at all).
  const labels: Category[] = [];
  if (scores && thresholds) {
    for (const c of MODEL_CATEGORIES) if (settings.actions[c] !== 'off' && crosses(c, scores, thresholds, settings)) labels.push(c);
  }
  for (const r of ruleLabels) if (settings.actions[r] !== 'off' && !labels.includes(r)) labels.push(r);
  const action = strongestAction(labels, settings);
  return { labels, action: action === 'off' ? null : action };
}

/**
 * The one reason she is shown for a hidden item: personal data published about her first (what the model
 * reads in it comes second), then a threat, then the model category that scored highest, then her own
 * muted words. Every label and score stays available in the details. A model category without a score
 * (a log record's category she chose herself) counts as certain. The label, the popup, review and the
 * evidence report all name this reason.
 */
export function mainReason(labels: readonly Category[], scores: Partial<Record<string, number>> | null): Category | null {
  if (labels.includes('doxxing')) return 'doxxing';
  if (labels.includes('threat')) return 'threat';
  let best: Category | null = null;
  let bestScore = -1;
  for (const c of labels) {
    const s = scores ? (scores[c] ?? 1) : 0;
    if (isModelCategory(c) && s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best ?? labels[0] ?? null;
}
