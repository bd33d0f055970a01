/**
 * The shield's vocabulary: the categories an item can be hidden for and what can be done with each.
 * Pure data, owned here so the verdict, the pages and the stores all speak the same words without the
 * pure decision code depending on persistence.
 */

/** Categories judged by the model (toxic = general rudeness is scored but not a category). */
export const MODEL_CATEGORIES = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'] as const;
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];
/** Categories decided by her own rules and protections, independent of the model. */
export const RULE_CATEGORIES = ['muted', 'doxxing'] as const; // doxxing: src/protect/doxxing.ts (a span found = flagged)
/** Every category the shield acts on, each with its own action. */
export const CATEGORIES = [...MODEL_CATEGORIES, ...RULE_CATEGORIES] as const;
export type Category = (typeof CATEGORIES)[number];
export const ACTIONS = ['blur', 'collapse', 'remove', 'off'] as const;
export type ShieldAction = (typeof ACTIONS)[number];

export function isModelCategory(c: string): c is ModelCategory {
  return (MODEL_CATEGORIES as readonly string[]).includes(c);
}
