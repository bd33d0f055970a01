/**
 * The one verdict path: what the shield does with an item, from the facts the content script gathered
 * about it, in a fixed order of precedence:
 *
 *   site off / trusted author → visible, whatever else is true
 *   muted author              → hidden as muted (nothing else needed)
 *   muted words, doxxing      → rule labels, which apply even while the model is down
 *   model scores              → labels above her thresholds
 *   her correction            → "not abusive" clears everything; "abusive" adds her category
 *   category actions          → the strongest action, a threat at most collapsed
 *
 * Pure: no DOM, no storage. The content script, the popup's counts and the tests all call it.
 */
import type { LevelThresholds, Scores } from '../classifier/labels';
import type { Category } from './categories';
import { STRENGTH, decide, mainReason, threatSafe, type Decision, type VerdictSettings } from './decide';

/** Her correction matching the item: "not abusive" (allow) or "abusive" with the category she chose. */
export type CorrectionFact = { verdict: 'allow' } | { verdict: 'block'; label: Category };

export interface ItemFacts {
  /** Bouclier is on for this site. */
  active: boolean;
  trustedAuthor: boolean;
  mutedAuthor: boolean;
  mutedWord: boolean;
  doxxing: boolean;
  correction: CorrectionFact | null;
  /** null until the model answered (or while it is down). */
  scores: Scores | null;
  /** The model could not check all of the item's text. */
  unchecked: boolean;
}

export interface Verdict extends Decision {
  /** The one reason she is shown (null when nothing hides the item). */
  reason: Category | null;
  /** No verdict yet: the model has not (fully) checked it and no rule of hers hides it. */
  waiting: boolean;
}

const VISIBLE: Verdict = { labels: [], action: null, reason: null, waiting: false };

/** Her correction on top of the other labels (see the order above). */
export function withCorrection(correction: CorrectionFact | null, decision: Decision, settings: VerdictSettings): Decision {
  if (!correction) return decision;
  if (correction.verdict === 'allow') return { labels: [], action: null };
  const label = correction.label;
  let action = settings.actions[label] ?? 'blur';
  // She asked for this one to be hidden, even in a category she does not hide.
  if (action === 'off') action = 'blur';
  if (decision.action && STRENGTH[decision.action] > STRENGTH[action]) action = decision.action;
  const labels = decision.labels.includes(label) ? decision.labels : [label, ...decision.labels];
  return { labels, action: threatSafe(action, labels) as Exclude<typeof action, 'off'> };
}

/** The rules' labels, by which rules hold (never changed: decide() only reads them). */
const RULES = {
  none: [] as readonly Category[],
  muted: ['muted'] as readonly Category[],
  doxxing: ['doxxing'] as readonly Category[],
  both: ['muted', 'doxxing'] as readonly Category[],
};

export function verdict(facts: ItemFacts, settings: VerdictSettings, thresholds: LevelThresholds | null): Verdict {
  if (!facts.active || facts.trustedAuthor) return VISIBLE;
  const rules = facts.mutedAuthor ? RULES.muted : facts.mutedWord ? (facts.doxxing ? RULES.both : RULES.muted) : facts.doxxing ? RULES.doxxing : RULES.none;
  const model = decide(facts.scores, facts.scores ? thresholds : null, settings, rules);
  const decision = withCorrection(facts.correction, model, settings);
  // Only a hiding verdict stands for an item the model could not (fully) check.
  const waiting = (!facts.scores || facts.unchecked) && !decision.action;
  return { labels: decision.labels, action: decision.action, reason: decision.action ? mainReason(decision.labels, facts.scores) : null, waiting };
}
