/** The six labels Bouclier's classifier scores, in the order of the model's output columns. */
export const LABELS = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack', 'toxic'] as const;
export type Label = (typeof LABELS)[number];
export type Scores = Record<Label, number>;
