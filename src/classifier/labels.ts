/** The six labels Bouclier's classifier scores, in the order of the model's output columns. */
export const LABELS = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack', 'toxic'] as const;
export type Label = (typeof LABELS)[number];
export type Scores = Record<Label, number>;

/** Named sensitivity levels; each maps to one threshold per label (calibrated on dev, in models/model.json). */
export const LEVELS = ['relaxed', 'balanced', 'strict'] as const;
export type Level = (typeof LEVELS)[number];
export type LevelThresholds = Record<Level, Scores>;
