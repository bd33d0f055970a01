/**
 * Evaluate the shipped model (models/bouclier.onnx + model.json) on what it was never trained on.
 *
 *   npm run --silent eval [-- --json out.json] [--level balanced] [--model-dir models] [--work training/work]
 *                          [--limit N] [--no-functional] [--functional-only [--max-failures N]]
 *
 * (a) held-out TEST split of training/work/rows.jsonl (rebuilt with training/build-dataset.ts when missing):
 *     per-label ROC-AUC and F1 at the level's thresholds — overall on the public datasets (generated
 *     our `bouclier-gen` and `bouclier-contrast` rows excluded), per language, per source — plus EDOS test macro-F1 (sexist vs not,
 *     from the misogyny flag).
 * (b) keyword baselines on the same rows (training/keyword-baseline.ts: obscenity, leo-profanity EN+FR,
 *     french-badwords-list, union): a listed word counts positive for every label; margin = model F1 − best
 *     baseline F1 per label.
 * (c) functional tests (tests/functional/*.jsonl via load-cases.ts): pass rate per function and language, and the
 *     ranking AUC of hateful vs harmless sentences about women with the share of the harmless ones hidden, then
 *     on the replies written to her (`toHer`) the share of hostile ones caught and of harmless ones kept
 *     (`--functional-only` prints just this, without the dataset).
 * (d) generated test rows (`bouclier-gen`): false-positive rate (any label flagged) on non-hostile kinds,
 *     women vs other targets, next to recall on hostile kinds.
 * (e) obfuscation robustness: hostile public test rows with their longest word disguised (leet, spacing,
 *     dots, Cyrillic, zero-width, stretching, zalgo, full-width, capitals, masking): recall vs plain.
 * Then the three sensitivity levels side by side.
 * Labels that a source does not annotate (null) are left out of that label's metrics.
 * The sections are in scripts/lib/eval/ (table.ts: rows and measures; sections.ts: a, b, d and the levels;
 * functional.ts: c; obfuscation.ts: e).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEVELS, type Level, type Scores } from '../src/classifier/labels.ts';
import { loadModelDir } from '../src/classifier/node-loader.ts';
import { flagsFor } from '../src/classifier/thresholds.ts';
import { functionalOnly, functionalSection } from './lib/eval/functional.ts';
import { obfuscation } from './lib/eval/obfuscation.ts';
import { generated, heldOut, keywordBaselines, levels, type FunctionalReport } from './lib/eval/sections.ts';
import { PUBLIC, log, type EvalRow, type Scored } from './lib/eval/table.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function loadTestRows(workDir: string): Promise<EvalRow[]> {
  const path = join(workDir, 'rows.jsonl');
  if (!existsSync(path)) {
    process.stderr.write(`eval: ${path} missing — rebuilding the dataset (training/build-dataset.ts)…\n`);
    const { buildRows, writeWork } = await import('../training/build-dataset.ts');
    const { rows, stats } = buildRows();
    writeWork(rows, stats, workDir);
  }
  const rows: EvalRow[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as EvalRow;
    if (r.split === 'test') rows.push(r);
  }
  return rows;
}

async function main(): Promise<number> {
  const jsonOut = arg('--json');
  const modelDir = resolve(arg('--model-dir') ?? join(ROOT, 'models'));
  const workDir = resolve(arg('--work') ?? join(ROOT, 'training/work'));
  const limit = arg('--limit') ? Number(arg('--limit')) : undefined;
  const levelArg = arg('--level');
  if (levelArg !== undefined && !(LEVELS as readonly string[]).includes(levelArg)) {
    process.stderr.write(`eval: --level must be one of ${LEVELS.join(', ')}\n`);
    return 2;
  }

  const model = await loadModelDir(modelDir);
  const { classifier, info } = model;
  const level: Level = (levelArg as Level | undefined) ?? info.defaultLevel;
  if (process.argv.includes('--functional-only')) {
    await functionalOnly(model, level, Number(arg('--max-failures') ?? 0), jsonOut);
    await classifier.release();
    return 0;
  }
  let rows = await loadTestRows(workDir);
  if (limit !== undefined) rows = rows.filter((_, i) => i % Math.max(1, Math.floor(rows.length / limit)) === 0).slice(0, limit);

  const t0 = performance.now();
  const scores: Scores[] = [];
  for (let i = 0; i < rows.length; i += 512) scores.push(...(await classifier.score(rows.slice(i, i + 512).map((r) => r.text))));
  const scoreSecs = (performance.now() - t0) / 1000;
  const scored: Scored[] = rows.map((row, i) => {
    const s = scores[i] as Scores;
    return { row, scores: s, flags: flagsFor(s, info.thresholds, level) };
  });
  const pub = scored.filter((s) => PUBLIC(s.row));
  log(`Bouclier eval — model ${modelDir} (featurizer ${info.featurizerVersion}), level "${level}"`);
  log(`test split: ${rows.length} rows (${pub.length} public, ${rows.length - pub.length} generated), scored in ${scoreSecs.toFixed(1)} s`);
  log();

  const a = heldOut(scored, pub);
  const baselines = await keywordBaselines(pub, a.overall);
  let functional: unknown = null;
  let functionalByLevel: Partial<Record<Level, FunctionalReport>> = {};
  if (!process.argv.includes('--no-functional')) {
    const c = await functionalSection(model, level);
    functional = c.json;
    functionalByLevel = c.byLevel;
  }
  const d = generated(scored);
  const e = await obfuscation(model, pub, level);
  const levelSummary = levels(pub, d.gen, info.thresholds, functionalByLevel);

  await classifier.release();
  if (jsonOut) {
    const result = {
      model: modelDir,
      featurizerVersion: info.featurizerVersion,
      level,
      testRows: rows.length,
      publicRows: pub.length,
      overall: a.overall,
      byLanguage: Object.fromEntries(a.byLang.map(([k, n, m]) => [k, { n, metrics: m }])),
      bySource: Object.fromEntries(a.bySource.map(([k, n, m]) => [k, { n, metrics: m }])),
      edos: a.edos,
      baselines,
      functional,
      generated: d.json,
      levels: levelSummary,
      obfuscation: e,
    };
    // NaN is not JSON: write null
    writeFileSync(jsonOut, JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2));
    process.stderr.write(`eval: results written to ${jsonOut}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`eval: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
