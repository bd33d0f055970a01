/**
 * From scores and her rules to what the shield does: which categories apply at her chosen
 * sensitivity (or her advanced per-category thresholds), and the strongest action among those
 * categories' actions. A threat is never silently removed: at most it is collapsed behind a
 * warning she can open.
 */
import type { LevelThresholds, Scores } from '../classifier/labels';
import { MODEL_CATEGORIES, type Category, type ModelCategory, type Settings, type ShieldAction } from '../store/settings';

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
export function thresholdFor(c: ModelCategory, thresholds: LevelThresholds, settings: Settings): number {
  return settings.thresholdOverrides[c] ?? thresholds[settings.level][c];
}

/** Model categories whose score crosses its threshold (whatever their action). */
export function modelLabels(scores: Scores, thresholds: LevelThresholds, settings: Settings): ModelCategory[] {
  return MODEL_CATEGORIES.filter((c) => scores[c] >= thresholdFor(c, thresholds, settings));
}

/**
 * `scores`/`thresholds` are null while the model has not answered (or is down): rule categories
 * (muted words/accounts) still apply on their own.
 */
export function decide(
  scores: Scores | null,
  thresholds: LevelThresholds | null,
  settings: Settings,
  ruleLabels: Category[] = [],
): Decision {
  const found: Category[] = scores && thresholds ? [...modelLabels(scores, thresholds, settings)] : [];
  for (const r of ruleLabels) if (!found.includes(r)) found.push(r);
  const labels = found.filter((c) => settings.actions[c] !== 'off');
  let action: ShieldAction = 'off';
  for (const c of labels) if (STRENGTH[settings.actions[c]] > STRENGTH[action]) action = settings.actions[c];
  action = threatSafe(action, labels);
  return { labels, action: action === 'off' ? null : action };
}
