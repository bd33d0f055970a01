export const NON_HOSTILE_KINDS = [
  'neutral_women',
  'positive_women',
  'counter_speech',
  'testimony',
  'negated_hate',
  'reclaimed_homonym',
  'profanity_untargeted',
] as const;
export const HOSTILE_KINDS = [
  'hostile_slur',
  'hostile_dehumanising',
  'hostile_stereotype',
  'hostile_threat',
  'hostile_sexual',
  'hostile_question',
  'hostile_implicit',
] as const;
export type Kind = (typeof NON_HOSTILE_KINDS)[number] | (typeof HOSTILE_KINDS)[number];

export function isHostile(kind: Kind): boolean {
  return (HOSTILE_KINDS as readonly string[]).includes(kind);
}

/** A template family: variants of one idea. A whole family goes to one split. */
export interface Family {
  kind: Kind;
  /** What the {G}/{P} slots refer to: a group, a named person, a job role (always a woman), or nothing. */
  target: 'group' | 'person' | 'role' | 'none';
  variants: string[];
  /** Marks a threat family that is also sexual violence. */
  sexual?: boolean;
}
