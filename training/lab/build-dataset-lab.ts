/**
 * training/build-dataset.ts with the data that was tried and not kept (the model card's training history):
 *
 *   npx tsx training/lab/build-dataset-lab.ts [build-dataset.ts options] [--label-fixes] [--r8-families] [--twins]
 *
 * --label-fixes: the label-masking fixes of label-fixes.ts (EDOS, AMI, Guest et al.);
 * --r8-families: also the sexual-threat / sexual-harassment generated families of templates-r8.ts (appended after
 * the shipped sets, so the other rows and their splits are unchanged);
 * --twins: also the gender-swapped twins of the train contrast rows (twins.ts), after every other row.
 * Without any of them it builds exactly what build-dataset.ts builds.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../build/rows.ts';
import { suiteKeys } from '../build/suite.ts';
import { buildRows, formatStats, parseArgs, writeWork, type BuildOptions } from '../build-dataset.ts';
import { twinRows } from './twins.ts';
import { READERS } from '../datasets/readers.ts';
import { FAMILY_SETS } from '../generators/generate.ts';
import { withLabelFixes } from './label-fixes.ts';
import { R8_SETS } from './templates-r8.ts';

export interface LabOptions {
  labelFixes?: boolean;
  r8Families?: boolean;
}

/** The build options that add the lab's data to `options`. */
export function labBuildOptions(options: BuildOptions, lab: LabOptions): BuildOptions {
  return {
    ...options,
    ...(lab.labelFixes ? { readers: withLabelFixes(options.readers ?? READERS) } : {}),
    ...(lab.r8Families ? { familySets: [...(options.familySets ?? FAMILY_SETS), ...R8_SETS] } : {}),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const lab = { labelFixes: argv.includes('--label-fixes'), r8Families: argv.includes('--r8-families') };
  const opts = parseArgs(argv.filter((a) => a !== '--label-fixes' && a !== '--r8-families' && a !== '--twins'));
  const built = buildRows(labBuildOptions(opts, lab));
  const twins = argv.includes('--twins') ? twinRows(built.rows, suiteKeys(opts.suiteDir ?? join(REPO_ROOT, 'tests', 'functional'))) : [];
  writeWork([...built.rows, ...twins], built.stats, opts.out);
  console.log(formatStats(built.stats));
  console.log(`wrote ${built.rows.length} rows${twins.length ? ` and ${twins.length} twins` : ''} to ${opts.out}`);
}
