/**
 * Builds the training table: our contrast rows (training/contrast, datasets/contrast.ts), every staged
 * dataset (training/datasets/readers.ts) and our generated counterfactual rows (training/generators), mapped
 * to the six labels (null = not annotated), de-duplicated, split, featurized with the extension's own
 * featurizer, written to training/work/.
 *
 * De-duplication: rows are grouped by normalize(text) (which also catches exact duplicates, within and across
 * datasets). A group keeps the text of its first row in priority order (contrast rows first: written for our
 * label definitions; then READERS order; generated rows last) and, per label, the first non-null value in that
 * order; disagreements are counted in dataset-stats.json. Later sources of the text are listed in `alsoIn`.
 *
 * Split (deterministic, identical for duplicates): a group containing an official test item (EDOS test,
 * AMI test, Guest test) → test; else the first row's official split (EDOS train/dev; generated rows by
 * template family); else sha1(split key or normalised text) mod 100 → train < 80 ≤ dev < 90 ≤ test, where the
 * split key is the first row's, or else the first one a later row of the group carries (so a pair or scenario
 * stays together even when one of its texts also appears in a source without keys).
 * The hash is independent of the label, so every dataset × language is split ≈80/10/10 (stratified in
 * expectation); translation pairs (Jigsaw EN/FR), CMSB adversarial pairs, CyberAgressionAdo scenarios (v1 and
 * Large share keys), DynaHate perturbation pairs and contrast pairs share a split key and never straddle splits.
 *
 * Dataset folders: with the default folder (../shared/datasets) every reader's folder must exist; with another
 * folder (--datasets DIR or $BOUCLIER_DATASETS, e.g. the test fixture) absent folders are skipped with a note,
 * and finding none is an error.
 *
 * Ordinary sentences: plain sentences from the unlabelled corpora (../shared/corpora), every label 0, train split
 * only (datasets/ordinary.ts): the labelled sets hold almost no everyday text. A labelled row of the same text
 * replaces one.
 *
 * Usage: npx tsx training/build-dataset.ts [--datasets DIR] [--out DIR] [--limit N] [--seed N] [--no-generated]
 *   [--no-contrast] [--contrast DIR] [--ordinary N | --no-ordinary] [--corpora DIR]
 *
 * The work is done in training/build/ (rows.ts: reading, merging, splitting; suite.ts; write.ts: the work
 * folder); the readers are in training/datasets/, the generators in training/generators/. Data that was tried
 * and not kept (label fixes, more generated families): training/lab/build-dataset-lab.ts.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, buildRows } from './build/rows.ts';
import type { BuildOptions } from './build/types.ts';
import { formatStats, writeWork } from './build/write.ts';

export { buildRows, defaultDatasetsDir } from './build/rows.ts';
export { suiteKey, suiteKeys } from './build/suite.ts';
export type { BuildOptions, BuildStats, Row } from './build/types.ts';
export { formatStats, writeWork } from './build/write.ts';

/** The options of the command line (usage above). */
export function parseArgs(argv: string[]): BuildOptions & { out: string } {
  const opts: BuildOptions & { out: string } = { out: join(REPO_ROOT, 'training', 'work') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--datasets') opts.datasetsDir = next();
    else if (a === '--out') opts.out = resolve(next());
    else if (a === '--limit') opts.limit = Number.parseInt(next(), 10);
    else if (a === '--seed') opts.seed = Number.parseInt(next(), 10);
    else if (a === '--no-generated') opts.generated = false;
    else if (a === '--no-contrast') opts.contrast = false;
    else if (a === '--contrast') opts.contrastDir = resolve(next());
    else if (a === '--ordinary') opts.ordinary = Number.parseInt(next(), 10);
    else if (a === '--no-ordinary') opts.ordinary = 0;
    else if (a === '--corpora') opts.corporaDir = resolve(next());
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** Builds and writes the work folder, printing the per-source table. */
export function runBuild(opts: BuildOptions & { out: string }): void {
  const t0 = Date.now();
  const { rows, stats } = buildRows(opts);
  writeWork(rows, stats, opts.out);
  console.log(formatStats(stats));
  console.log(`wrote ${rows.length} rows to ${opts.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(stats.bySplit));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runBuild(parseArgs(process.argv.slice(2)));
