import type { Label } from '../../src/classifier/labels.ts';

/** 1 = present, 0 = annotated absent, null = the source does not annotate it (masked in the loss). */
export type LabelValue = 0 | 1 | null;
export type RowLabels = Record<Label, LabelValue>;
export type Split = 'train' | 'dev' | 'test';
export type Lang = 'en' | 'fr';

/** One example as read from a dataset (before de-duplication and split assignment). */
export interface SourceRow {
  text: string;
  lang: Lang;
  /** Dataset folder name (or `bouclier-gen`), plus a sub-part when useful, e.g. `toxifrench/jigsaw-fr`. */
  source: string;
  labels: RowLabels;
  /** Official split of the source that we keep (EDOS, AMI, Guest test portions). */
  officialSplit?: Split;
  /** Rows sharing a split key always land in the same split (translation pairs, one conversation, one template family). */
  splitKey?: string;
  /** Generated rows: the counterfactual kind (see training/generators); contrast rows: their family. */
  kind?: string;
  /** Generated rows: whether the {G}/{P} target was women (or a woman) or another group / a man. */
  target?: 'women' | 'other';
  /** Generated rows: which obfuscation transform was applied, if any. */
  obfuscation?: string;
  /** Contrast rows: id shared by the rows of one minimal pair (they also share a split key). */
  pair?: string;
}

export function labels(partial: Partial<RowLabels>): RowLabels {
  return {
    misogyny: partial.misogyny ?? null,
    insult: partial.insult ?? null,
    threat: partial.threat ?? null,
    sexual: partial.sexual ?? null,
    identity_attack: partial.identity_attack ?? null,
    toxic: partial.toxic ?? null,
  };
}

export const b = (v: boolean): 0 | 1 => (v ? 1 : 0);
