/**
 * From scores to what the shield does: which categories crossed their threshold at her chosen
 * sensitivity, and the strongest action among those categories' actions.
 * A threat is never silently removed: at most it is collapsed behind a warning she can open.
 */
import type { LevelThresholds, Scores } from '../classifier/labels';
import { CATEGORIES, type Category, type Settings, type ShieldAction } from '../store/settings';

export interface Decision {
  labels: Category[];
  action: Exclude<ShieldAction, 'off'> | null;
}

const STRENGTH: Record<ShieldAction, number> = { off: 0, blur: 1, collapse: 2, remove: 3 };

export function decide(scores: Scores, thresholds: LevelThresholds, settings: Settings): Decision {
  const t = thresholds[settings.level];
  const labels = CATEGORIES.filter((c) => scores[c] >= t[c] && settings.actions[c] !== 'off');
  let action: ShieldAction = 'off';
  for (const c of labels) if (STRENGTH[settings.actions[c]] > STRENGTH[action]) action = settings.actions[c];
  if (action === 'remove' && labels.includes('threat')) action = 'collapse';
  return { labels, action: action === 'off' ? null : action };
}
