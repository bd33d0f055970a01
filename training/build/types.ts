/** What the dataset builder takes (BuildOptions) and gives: the rows of the training table and its statistics. */
import type { Reader } from '../datasets/readers.ts';
import type { Lang, RowLabels, Split } from '../datasets/types.ts';
import type { FamilySet } from '../generators/generate.ts';

export interface BuildOptions {
  /** Datasets folder (default: $BOUCLIER_DATASETS or ../shared/datasets next to the repo root). */
  datasetsDir?: string;
  /** Skip readers whose folder is absent (default: only when the datasets folder is not the shared one). */
  allowMissing?: boolean;
  /** Include our contrast rows (default true). */
  contrast?: boolean;
  /** Functional test suite whose texts are never trained on (default: tests/functional). */
  suiteDir?: string;
  /** Contrast folder (default: training/contrast). */
  contrastDir?: string;
  /** Receives notes and warnings (default: console.warn). */
  log?: (msg: string) => void;
  /** Keep only N rows (deterministic sample across sources): smoke runs. */
  limit?: number;
  /** Include bouclier-gen rows (default true). */
  generated?: boolean;
  /** Generator seed. */
  seed?: number;
  /** The dataset readers, in priority order (default: READERS of datasets/readers.ts). */
  readers?: ReadonlyArray<[string, Reader]>;
  /** The generated template family sets (default: FAMILY_SETS of generators/generate.ts). */
  familySets?: readonly FamilySet[];
  /**
   * Ordinary sentences per language from the unlabelled corpora, as weak negatives (datasets/ordinary.ts). Default:
   * ORDINARY_PER_LANG with the shared datasets folder when the corpora are there, else none.
   */
  ordinary?: number;
  /** Corpora folder (default: $BOUCLIER_CORPORA or ../shared/corpora next to the repo root). */
  corporaDir?: string;
}

export interface Row {
  id: string;
  text: string;
  lang: Lang;
  source: string;
  /** Every source the (normalised) text was found in, when more than one. */
  alsoIn?: string[];
  split: Split;
  labels: RowLabels;
  kind?: string;
  /** Generated rows: the template family (its split key, e.g. `gen:en:12`, `gen:x4:fr:3` for the x4 families). */
  family?: string;
  target?: 'women' | 'other';
  obfuscation?: string;
  /** Contrast rows: the minimal pair id (both sides share the split). */
  pair?: string;
}

export interface BuildStats {
  read: Record<string, number>;
  droppedEmpty: number;
  /** Rows whose text is a case of the functional test suite (never trained on). */
  droppedSuite: number;
  duplicatesMerged: number;
  labelConflicts: Record<string, number>;
  rows: number;
  bySplit: Record<string, number>;
  bySourceSplit: Record<string, Record<string, number>>;
  positives: Record<string, Record<string, number>>;
  /** Readers skipped because their folder is absent (partial datasets folder). */
  skippedSources?: string[];
  /** Malformed contrast lines skipped. */
  contrastSkipped?: number;
  /**
   * Split keys (by prefix: cyberado, contrast, ...) with rows in more than one split. A text shared by two keyed
   * units (a short message found in two conversations) goes with the first unit only, and an official test item
   * pulls its group to test; a count here is a pair or conversation with one text elsewhere, not a duplicated text.
   */
  splitKeysStraddling?: Record<string, number>;
  /** Licence as stated, per source read. */
  licences?: Record<string, string>;
}
