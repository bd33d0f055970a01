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
 * Usage: npx tsx training/build-dataset.ts [--datasets DIR] [--out DIR] [--limit N] [--no-generated]
 *   [--no-contrast] [--contrast DIR] [--label-fixes] [--r8-families]
 * (--label-fixes: the label-masking fixes of readers.ts, off by default; see ReadOptions there)
 * (--r8-families: also the extra sexual-threat / sexual-harassment generated families, templates-r8.ts; off by default)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureFileBuilder } from '../src/classifier/feature-file.ts';
import { FEATURIZER_VERSION, featurize } from '../src/classifier/featurize.ts';
import { LABELS } from '../src/classifier/labels.ts';
import { normalize } from '../src/classifier/normalize.ts';
import { CONTRAST_SOURCE, readContrast } from './datasets/contrast.ts';
import { READERS } from './datasets/readers.ts';
import { SOURCE_INFO } from './datasets/readers-more.ts';
import type { Lang, RowLabels, SourceRow, Split } from './datasets/types.ts';
import { generateRows } from './generators/generate.ts';
import { writeParityInputs } from './parity-texts.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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
  /** Label-masking fixes in the readers (off by default: the shipped model was trained without them). */
  labelFixes?: boolean;
  /** Also generate the extra sexual-threat families (templates-r8.ts). Off by default. */
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

const SHARED_DATASETS = resolve(REPO_ROOT, '..', 'shared', 'datasets');

export function defaultDatasetsDir(): string {
  return process.env['BOUCLIER_DATASETS'] ?? SHARED_DATASETS;
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
  const log = options.log ?? ((m: string) => console.warn(m));
  const allowMissing = options.allowMissing ?? resolve(dir) !== SHARED_DATASETS;
  const stats: BuildStats = {
    read: {},
    droppedEmpty: 0,
    droppedSuite: 0,
    duplicatesMerged: 0,
    labelConflicts: {},
    rows: 0,
    bySplit: {},
    bySourceSplit: {},
    positives: {},
    skippedSources: [],
    licences: {},
  };
  const all: SourceRow[] = [];
  const present = READERS.filter(([name]) => {
    const folder = SOURCE_INFO[name]?.folder ?? name;
    if (existsSync(join(dir, folder))) return true;
    if (!allowMissing) throw new Error(`dataset folder missing: ${join(dir, folder)} (reader ${name}); a partial folder needs --datasets DIR`);
    stats.skippedSources!.push(name);
    return false;
  });
  if (present.length === 0) {
    throw new Error(
      `no dataset found in ${dir}: expected at least one of the folders ${READERS.map(([n]) => SOURCE_INFO[n]?.folder ?? n).join(', ')}` +
        ` (found: ${readdirSync(dir).join(', ') || 'nothing'})`,
    );
  }
  if (stats.skippedSources!.length) log(`datasets: ${dir} has no folder for ${stats.skippedSources!.join(', ')}: skipped`);
  // With --limit, keep a deterministic stride sample of every source before the (slow) normalisation, so a
  // smoke run takes seconds; the rows it keeps get the same labels and split as in a full build.
  const sample = (rows: SourceRow[]): SourceRow[] => {
    if (options.limit === undefined) return rows;
    const want = Math.max(20, Math.ceil((options.limit * 2) / (present.length + 2)));
    const stride = Math.max(1, Math.floor(rows.length / want));
    return rows.filter((_r, i) => i % stride === 0);
  };
  if (options.contrast !== false) {
    // First in priority: these rows were written for our label definitions.
    const contrastDir = options.contrastDir ?? join(REPO_ROOT, 'training', 'contrast');
    const c = readContrast(contrastDir, log);
    stats.read[CONTRAST_SOURCE] = c.rows.length;
    stats.contrastSkipped = c.skipped;
    all.push(...sample(c.rows));
  }
  for (const [name, reader] of present) {
    let rows: SourceRow[];
    try {
      rows = reader(dir, { labelFixes: options.labelFixes === true });
    } catch (e) {
      throw new Error(`reader ${name} (${join(dir, SOURCE_INFO[name]?.folder ?? name)}): ${(e as Error).message}`);
    }
    stats.read[name] = rows.length;
    const licence = SOURCE_INFO[name]?.licence;
    if (licence) stats.licences![name] = licence;
    all.push(...sample(rows));
  }
  if (options.generated !== false) {
    const gen = generateRows({ seed: options.seed, r8: options.r8Families === true });
    stats.read['bouclier-gen'] = gen.length;
    all.push(...sample(gen));
  }

  const suite = suiteKeys(options.suiteDir ?? join(REPO_ROOT, 'tests', 'functional'));
  const groups = new Map<string, SourceRow[]>();
  for (const r of all) {
    const key = normalize(r.text);
    if (key.trim().length === 0 || featurize(r.text).length === 0) {
      stats.droppedEmpty++;
      continue;
    }
    if (suite.has(suiteKey(r.text))) {
      stats.droppedSuite++;
      continue;
    }
    const g = groups.get(key);
    if (g) {
      g.push(r);
      stats.duplicatesMerged++;
    } else groups.set(key, [r]);
  }

  const rows: Row[] = [];
  const keySplits = new Map<string, Set<Split>>();
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
    const splitKey = first.splitKey ?? members.find((m) => m.splitKey !== undefined)?.splitKey;
    if (members.some((m) => m.officialSplit === 'test')) split = 'test';
    else if (first.officialSplit) split = first.officialSplit;
    else split = hashSplit(splitKey ?? key);
    for (const m of members) if (m.splitKey !== undefined) (keySplits.get(m.splitKey) ?? keySplits.set(m.splitKey, new Set()).get(m.splitKey)!).add(split);
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
      ...(first.pair !== undefined ? { pair: first.pair } : {}),
    });
  }
  stats.splitKeysStraddling = {};
  for (const [k, s] of keySplits) {
    if (s.size < 2) continue;
    const prefix = k.split(':')[0]!;
    stats.splitKeysStraddling[prefix] = (stats.splitKeysStraddling[prefix] ?? 0) + 1;
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

/** What two texts must share to count as the same sentence: normalised, punctuation and spacing ignored. */
export function suiteKey(text: string): string {
  return normalize(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Normalised texts of the functional test suite (`cases.*.jsonl`): a training row with the same text (suiteKey) is
 * dropped, whoever wrote it, so the suite measures sentences the model has never seen. Short common insults
 * can be written independently by two authors; the suite keeps them and training gives them up.
 */
export function suiteKeys(dir: string): Set<string> {
  const keys = new Set<string>();
  if (!existsSync(dir)) return keys;
  for (const f of readdirSync(dir).filter((n) => /^cases\..*\.jsonl$/.test(n))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: unknown }).text;
      if (typeof text === 'string') keys.add(suiteKey(text));
    }
  }
  return keys;
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
    else if (a === '--no-contrast') opts.contrast = false;
    else if (a === '--contrast') opts.contrastDir = resolve(next());
    else if (a === '--label-fixes') opts.labelFixes = true;
    else if (a === '--r8-families') opts.r8Families = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** Per-source table: rows read per reader; rows kept per source (a merged duplicate counts for its first source), by split, and positives per label. */
export function formatStats(stats: BuildStats): string {
  const out = ['rows read per reader: ' + Object.entries(stats.read).map(([k, v]) => `${k} ${v}`).join(', ')];
  const head = ['source', 'rows', 'train', 'dev', 'test', ...LABELS];
  const table = Object.keys(stats.bySourceSplit)
    .sort()
    .map((src) => {
      const sp = stats.bySourceSplit[src]!;
      const n = (sp['train'] ?? 0) + (sp['dev'] ?? 0) + (sp['test'] ?? 0);
      return [src, n, sp['train'] ?? 0, sp['dev'] ?? 0, sp['test'] ?? 0, ...LABELS.map((l) => stats.positives[src]?.[l] ?? 0)].map(String);
    });
  const width = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  for (const r of [head, ...table]) out.push(r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  '));
  out.push(
    `duplicates merged ${stats.duplicatesMerged}, empty dropped ${stats.droppedEmpty}, functional-suite texts dropped ${stats.droppedSuite}, split keys with a text in another split ${JSON.stringify(stats.splitKeysStraddling ?? {})}` +
      (stats.contrastSkipped ? `, malformed contrast lines skipped ${stats.contrastSkipped}` : ''),
  );
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const { rows, stats } = buildRows(opts);
  writeWork(rows, stats, opts.out);
  console.log(formatStats(stats));
  console.log(`wrote ${rows.length} rows to ${opts.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(stats.bySplit));
}
