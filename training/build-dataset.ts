/**
 * Builds the training table: every staged dataset (training/datasets/readers.ts) + our generated
 * counterfactual rows (training/generators), mapped to the six labels (null = not annotated),
 * de-duplicated, split, featurized with the extension's own featurizer, written to training/work/.
 *
 * De-duplication: rows are grouped by normalize(text) (which also catches exact duplicates). A group
 * keeps the text of its first row in priority order (READERS order, generated rows last) and, per label,
 * the first non-null value in that order; disagreements are counted in dataset-stats.json.
 *
 * Split (deterministic, identical for duplicates): a group containing an official test item (EDOS test,
 * AMI test, Guest test) → test; else the first row's official split (EDOS train/dev; generated rows by
 * template family); else sha1(splitKey or normalised text) mod 100 → train < 80 ≤ dev < 90 ≤ test.
 * The hash is independent of the label, so every dataset × language is split ≈80/10/10 (stratified in
 * expectation); translation pairs (Jigsaw EN/FR), CMSB adversarial pairs and CyberAgressionAdo
 * conversations share a split key and never straddle splits.
 *
 * Usage: npx tsx training/build-dataset.ts [--datasets DIR] [--out DIR] [--limit N] [--no-generated] [--label-fixes] [--r8-families]
 * (--label-fixes: the round-7 masking fixes of readers.ts, off by default; see ReadOptions there)
 * (--r8-families: also the round-8 sexual-threat / sexual-harassment generated families, templates-r8.ts; off by default)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureFileBuilder } from '../src/classifier/feature-file.ts';
import { FEATURIZER_VERSION, featurize } from '../src/classifier/featurize.ts';
import { LABELS } from '../src/classifier/labels.ts';
import { normalize } from '../src/classifier/normalize.ts';
import { READERS } from './datasets/readers.ts';
import type { Lang, RowLabels, SourceRow, Split } from './datasets/types.ts';
import { generateRows } from './generators/generate.ts';
import { writeParityInputs } from './parity-texts.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildOptions {
  /** Datasets folder (default: $BOUCLIER_DATASETS or ../shared/datasets next to the repo root). */
  datasetsDir?: string;
  /** Keep only N rows (deterministic sample across sources): smoke runs. */
  limit?: number;
  /** Include bouclier-gen rows (default true). */
  generated?: boolean;
  /** Generator seed. */
  seed?: number;
  /** Round-7 label fixes in the readers (off by default: the shipped model was trained without them). */
  labelFixes?: boolean;
  /** Also generate the round-8 families (templates-r8.ts). Off by default. */
  r8Families?: boolean;
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
  /** Generated rows: the template family (its split key, e.g. `gen:en:12`, `gen:x4:fr:3` for round 4). */
  family?: string;
  target?: 'women' | 'other';
  obfuscation?: string;
}

export interface BuildStats {
  read: Record<string, number>;
  droppedEmpty: number;
  duplicatesMerged: number;
  labelConflicts: Record<string, number>;
  rows: number;
  bySplit: Record<string, number>;
  bySourceSplit: Record<string, Record<string, number>>;
  positives: Record<string, Record<string, number>>;
}

export function defaultDatasetsDir(): string {
  return process.env['BOUCLIER_DATASETS'] ?? resolve(REPO_ROOT, '..', 'shared', 'datasets');
}

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

function hashSplit(key: string): Split {
  const bucket = parseInt(sha1(key).slice(0, 8), 16) % 100;
  return bucket < 80 ? 'train' : bucket < 90 ? 'dev' : 'test';
}

/** Reads, maps, merges, splits. Returns rows in a stable order (by id). */
export function buildRows(options: BuildOptions = {}): { rows: Row[]; stats: BuildStats } {
  const dir = options.datasetsDir ?? defaultDatasetsDir();
  if (!existsSync(dir)) throw new Error(`datasets folder not found: ${dir} (use --datasets DIR or BOUCLIER_DATASETS)`);
  const stats: BuildStats = {
    read: {},
    droppedEmpty: 0,
    duplicatesMerged: 0,
    labelConflicts: {},
    rows: 0,
    bySplit: {},
    bySourceSplit: {},
    positives: {},
  };
  const all: SourceRow[] = [];
  // With --limit, keep a deterministic stride sample of every source before the (slow) normalisation, so a
  // smoke run takes seconds; the rows it keeps get the same labels and split as in a full build.
  const sample = (rows: SourceRow[]): SourceRow[] => {
    if (options.limit === undefined) return rows;
    const want = Math.max(20, Math.ceil((options.limit * 2) / (READERS.length + 1)));
    const stride = Math.max(1, Math.floor(rows.length / want));
    return rows.filter((_r, i) => i % stride === 0);
  };
  for (const [name, reader] of READERS) {
    const rows = reader(dir, { labelFixes: options.labelFixes === true });
    stats.read[name] = rows.length;
    all.push(...sample(rows));
  }
  if (options.generated !== false) {
    const gen = generateRows({ seed: options.seed, r8: options.r8Families === true });
    stats.read['bouclier-gen'] = gen.length;
    all.push(...sample(gen));
  }

  const groups = new Map<string, SourceRow[]>();
  for (const r of all) {
    const key = normalize(r.text);
    if (key.trim().length === 0 || featurize(r.text).length === 0) {
      stats.droppedEmpty++;
      continue;
    }
    const g = groups.get(key);
    if (g) {
      g.push(r);
      stats.duplicatesMerged++;
    } else groups.set(key, [r]);
  }

  const rows: Row[] = [];
  for (const [key, members] of groups) {
    const first = members[0]!;
    const labels = { ...first.labels };
    for (const m of members.slice(1)) {
      for (const l of LABELS) {
        const v = m.labels[l];
        if (v === null) continue;
        if (labels[l] === null) labels[l] = v;
        else if (labels[l] !== v) {
          const k = `${l}:${first.source}|${m.source}`;
          stats.labelConflicts[k] = (stats.labelConflicts[k] ?? 0) + 1;
        }
      }
    }
    let split: Split;
    if (members.some((m) => m.officialSplit === 'test')) split = 'test';
    else if (first.officialSplit) split = first.officialSplit;
    else split = hashSplit(first.splitKey ?? key);
    const alsoIn = [...new Set(members.slice(1).map((m) => m.source))].filter((s) => s !== first.source);
    rows.push({
      id: sha1(`${first.lang}\u0000${key}`).slice(0, 16),
      text: first.text,
      lang: first.lang,
      source: first.source,
      ...(alsoIn.length ? { alsoIn } : {}),
      split,
      labels,
      ...(first.kind ? { kind: first.kind } : {}),
      ...(first.source === 'bouclier-gen' && first.splitKey ? { family: first.splitKey } : {}),
      ...(first.target ? { target: first.target } : {}),
      ...(first.obfuscation ? { obfuscation: first.obfuscation } : {}),
    });
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let out = rows;
  if (options.limit !== undefined && options.limit < rows.length) {
    // ids are hashes, so the first N by id is a deterministic, source-proportional sample;
    // make sure each split is represented even in tiny runs.
    const bySplit = (s: Split): Row[] => rows.filter((r) => r.split === s);
    const n = options.limit;
    out = [...bySplit('train').slice(0, Math.ceil(n * 0.6)), ...bySplit('dev').slice(0, Math.ceil(n * 0.2)), ...bySplit('test').slice(0, Math.ceil(n * 0.2))];
  }
  stats.rows = out.length;
  for (const r of out) {
    stats.bySplit[r.split] = (stats.bySplit[r.split] ?? 0) + 1;
    const s = (stats.bySourceSplit[r.source] ??= {});
    s[r.split] = (s[r.split] ?? 0) + 1;
    const p = (stats.positives[`${r.source}`] ??= {});
    for (const l of LABELS) if (r.labels[l] === 1) p[l] = (p[l] ?? 0) + 1;
  }
  return { rows: out, stats };
}

/** Writes rows.jsonl, features.bin and dataset-stats.json into `outDir`. */
export function writeWork(rows: Row[], stats: BuildStats, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const builder = new FeatureFileBuilder();
  const lines: string[] = [];
  for (const r of rows) {
    builder.push(featurize(r.text));
    lines.push(JSON.stringify(r));
  }
  writeFileSync(join(outDir, 'rows.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(outDir, 'features.bin'), builder.toBytes());
  writeFileSync(join(outDir, 'dataset-stats.json'), JSON.stringify({ featurizerVersion: FEATURIZER_VERSION, ...stats }, null, 2));
  writeParityInputs(outDir);
}

function parseArgs(argv: string[]): BuildOptions & { out: string } {
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
    else if (a === '--label-fixes') opts.labelFixes = true;
    else if (a === '--r8-families') opts.r8Families = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const { rows, stats } = buildRows(opts);
  writeWork(rows, stats, opts.out);
  console.log(`wrote ${rows.length} rows to ${opts.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(stats.bySplit));
}
