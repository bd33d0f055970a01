/**
 * The training table: every source read (our contrast rows, the staged datasets, our generated rows), mapped to
 * the six labels (null = not annotated), de-duplicated and split. See build-dataset.ts for the rules.
 */
import { sha1 } from './hash.ts';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { featurize } from '../../src/classifier/featurize.ts';
import { LABELS } from '../../src/classifier/labels.ts';
import { normalize } from '../../src/classifier/normalize.ts';
import { CONTRAST_SOURCE, readContrast } from '../datasets/contrast.ts';
import { ORDINARY_PER_LANG, ORDINARY_SOURCE, corporaDir, ordinaryRows } from '../datasets/ordinary.ts';
import { READERS, SOURCE_INFO } from '../datasets/readers.ts';
import type { SourceRow, Split } from '../datasets/types.ts';
import { generateRows } from '../generators/generate.ts';
import { suiteKey, suiteKeys } from './suite.ts';
import type { BuildOptions, BuildStats, Row } from './types.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DATASETS = resolve(REPO_ROOT, '..', 'shared', 'datasets');

export function defaultDatasetsDir(): string {
  return process.env['BOUCLIER_DATASETS'] ?? SHARED_DATASETS;
}

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
  const all = readSources(dir, options, stats);
  const groups = groupByText(all, suiteKeys(options.suiteDir ?? join(REPO_ROOT, 'tests', 'functional')), stats);
  const rows = mergeGroups(groups, stats);
  const out = options.limit !== undefined && options.limit < rows.length ? limitRows(rows, options.limit) : rows;
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

/** Every source's rows in priority order: contrast rows, the readers present in `dir`, generated rows. */
function readSources(dir: string, options: BuildOptions, stats: BuildStats): SourceRow[] {
  const log = options.log ?? ((m: string) => console.warn(m));
  const allowMissing = options.allowMissing ?? resolve(dir) !== SHARED_DATASETS;
  const readers = options.readers ?? READERS;
  const all: SourceRow[] = [];
  const present = readers.filter(([name]) => {
    const folder = SOURCE_INFO[name]?.folder ?? name;
    if (existsSync(join(dir, folder))) return true;
    if (!allowMissing) throw new Error(`dataset folder missing: ${join(dir, folder)} (reader ${name}); a partial folder needs --datasets DIR`);
    stats.skippedSources!.push(name);
    return false;
  });
  if (present.length === 0) {
    throw new Error(
      `no dataset found in ${dir}: expected at least one of the folders ${readers.map(([n]) => SOURCE_INFO[n]?.folder ?? n).join(', ')}` +
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
      rows = reader(dir);
    } catch (e) {
      throw new Error(`reader ${name} (${join(dir, SOURCE_INFO[name]?.folder ?? name)}): ${(e as Error).message}`);
    }
    stats.read[name] = rows.length;
    const licence = SOURCE_INFO[name]?.licence;
    if (licence) stats.licences![name] = licence;
    all.push(...sample(rows));
  }
  // Ordinary sentences from the unlabelled corpora (weak negatives): by default with the shared datasets only,
  // so a build from another folder (the test fixture, smoke training) is the same with or without ../shared.
  const perLang = options.ordinary ?? (resolve(dir) === SHARED_DATASETS && existsSync(corporaDir()) ? ORDINARY_PER_LANG : 0);
  if (perLang > 0) {
    const rows = ordinaryRows(perLang, options.corporaDir);
    stats.read[ORDINARY_SOURCE] = rows.length;
    all.push(...sample(rows));
  }
  if (options.generated !== false) {
    const gen = generateRows({ seed: options.seed, sets: options.familySets });
    stats.read['bouclier-gen'] = gen.length;
    all.push(...sample(gen));
  }
  return all;
}

/** Rows grouped by normalised text, in first-seen order; empty texts and functional-suite texts dropped. */
function groupByText(all: SourceRow[], suite: Set<string>, stats: BuildStats): Map<string, SourceRow[]> {
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
      stats.duplicatesMerged++;
      // An ordinary sentence is a weak negative: a labelled row of the same text says more, whatever their order.
      if (r.source === ORDINARY_SOURCE) continue;
      if (g[0]!.source === ORDINARY_SOURCE) g.splice(0, g.length, r);
      else g.push(r);
    } else groups.set(key, [r]);
  }
  return groups;
}

/** One row per group: the first row's text, labels filled in priority order, one split; sorted by id. */
function mergeGroups(groups: Map<string, SourceRow[]>, stats: BuildStats): Row[] {
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
  return rows;
}

/**
 * The first rows by id of each split (60 % train, 20 % dev, 20 % test of n): ids are hashes, so this is a
 * deterministic, source-proportional sample in which each split is represented even in tiny runs.
 */
function limitRows(rows: Row[], n: number): Row[] {
  const bySplit = (s: Split): Row[] => rows.filter((r) => r.split === s);
  return [...bySplit('train').slice(0, Math.ceil(n * 0.6)), ...bySplit('dev').slice(0, Math.ceil(n * 0.2)), ...bySplit('test').slice(0, Math.ceil(n * 0.2))];
}
