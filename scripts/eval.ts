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
 *     ranking AUC of hateful vs harmless sentences about women with the share of the harmless ones hidden
 *     (`--functional-only` prints just this, without the dataset).
 * (d) generated test rows (`bouclier-gen`): false-positive rate (any label flagged) on non-hostile kinds,
 *     women vs other targets, next to recall on hostile kinds.
 * (e) obfuscation robustness: hostile public test rows with their longest word disguised (leet, spacing,
 *     dots, Cyrillic, zero-width, stretching, zalgo, full-width, capitals, masking): recall vs plain.
 * Then the three sensitivity levels side by side.
 * Labels that a source does not annotate (null) are left out of that label's metrics.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABELS, LEVELS, type Label, type Level, type Scores } from '../src/classifier/labels.ts';
import { confusion, f1, macroF1Binary, precision, recall, rocAuc } from '../src/classifier/metrics.ts';
import { loadModelDir } from '../src/classifier/node-loader.ts';
import { anyFlag, flagsFor, type Flags } from '../src/classifier/thresholds.ts';
import type { FunctionalCase } from '../tests/functional/load-cases.ts';
import { formatWomenSummary, womenSummary, type WomenSummary } from './lib/functional-summary.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = 'bouclier-gen';
/** Our hand-written contrast sentences (training/contrast/): ours, like the generated rows, not public data. */
const CONTRAST = 'bouclier-contrast';
const PUBLIC = (r: EvalRow) => r.source !== GENERATED && r.source !== CONTRAST;

interface EvalRow {
  id: string;
  text: string;
  lang: string;
  source: string;
  split: string;
  labels: Partial<Record<Label, 0 | 1 | null>>;
  kind?: string;
  target?: string;
  alsoIn?: string[];
}

interface Scored {
  row: EvalRow;
  scores: Scores;
  flags: Flags;
}

interface LabelMetrics {
  n: number;
  positives: number;
  auc: number;
  f1: number;
  precision: number;
  recall: number;
}

type GroupMetrics = Partial<Record<Label, LabelMetrics>>;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (s = ''): void => {
  process.stdout.write(`${s}\n`);
};

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

function labelMetrics(items: readonly { score: number; flag: boolean; y: 0 | 1 }[]): LabelMetrics {
  const ys = items.map((i) => i.y);
  const c = confusion(
    items.map((i) => i.flag),
    ys,
  );
  return {
    n: items.length,
    positives: ys.filter((y) => y === 1).length,
    auc: rocAuc(
      items.map((i) => i.score),
      ys,
    ),
    f1: f1(c),
    precision: precision(c),
    recall: recall(c),
  };
}

/** Per-label metrics over the rows that annotate the label. `flagOf` lets baselines reuse this. */
function groupMetrics(rows: readonly Scored[], flagOf: (s: Scored, l: Label) => boolean = (s, l) => s.flags[l]): GroupMetrics {
  const out: GroupMetrics = {};
  for (const l of LABELS) {
    const items = rows
      .filter((s) => s.row.labels[l] === 0 || s.row.labels[l] === 1)
      .map((s) => ({ score: s.scores[l], flag: flagOf(s, l), y: s.row.labels[l] as 0 | 1 }));
    if (items.length > 0) out[l] = labelMetrics(items);
  }
  return out;
}

const fmt = (x: number | undefined, d = 3): string => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "AUC/F1 (n+)" per label, one row per group. */
function compactTable(title: string, groups: [string, number, GroupMetrics][]): string {
  const rows = groups.map(([name, n, m]) => [
    name,
    String(n),
    ...LABELS.map((l) => {
      const x = m[l];
      return x && x.positives > 0 ? `${fmt(x.auc, 2)}/${fmt(x.f1, 2)} (${x.positives})` : '-';
    }),
  ]);
  return `${title}\n${table(['group', 'n', ...LABELS], rows)}`;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const arr = m.get(k);
    if (arr) arr.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** The women ranking of the functional suite at one level (scores computed once by the caller). */
function functionalWomen(
  cases: readonly FunctionalCase[],
  caseScores: ReadonlyMap<string, Scores>,
  thresholds: Parameters<typeof flagsFor>[1],
  level: Level,
): WomenSummary[] {
  const s = (c: FunctionalCase) => caseScores.get(c.text) as Scores;
  return womenSummary(cases, s, (c) => anyFlag(flagsFor(s(c), thresholds, level)));
}

/** `--functional-only`: the functional suite alone (no dataset needed), per function and the women ranking. */
async function functionalOnly(modelDir: string, levelArg: string | undefined): Promise<number> {
  const { classifier, info } = await loadModelDir(modelDir);
  const level: Level = (levelArg as Level | undefined) ?? info.defaultLevel;
  const fc = await import('../tests/functional/load-cases.ts');
  const cases = fc.loadCases();
  const all = await classifier.score(cases.map((c) => c.text));
  const caseScores = new Map<string, Scores>();
  cases.forEach((c, i) => caseScores.set(c.text, all[i] as Scores));
  const report = await fc.scoreCases(cases, async (texts) => texts.map((t) => flagsFor(caseScores.get(t) as Scores, info.thresholds, level)));
  log(`functional tests (${cases.length} cases, level ${level})`);
  log(fc.formatReport(report, { maxFailures: Number(arg('--max-failures') ?? 0) }));
  log();
  const women = functionalWomen(cases, caseScores, info.thresholds, level);
  log(`ranking of hateful vs harmless sentences about women (${level})`);
  log(formatWomenSummary(women));
  const json = arg('--json');
  if (json) writeFileSync(json, JSON.stringify({ level, byLang: report.byLang, women }, null, 2));
  await classifier.release();
  return 0;
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

  if (process.argv.includes('--functional-only')) return functionalOnly(modelDir, levelArg);
  const { classifier, info } = await loadModelDir(modelDir);
  const level: Level = (levelArg as Level | undefined) ?? info.defaultLevel;
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

  // (a) per-label metrics
  const overall = groupMetrics(pub);
  log('(a) TEST split, public datasets (generated rows excluded)');
  log(
    table(
      ['label', 'n', 'pos', 'ROC-AUC', 'F1', 'precision', 'recall'],
      LABELS.map((l) => {
        const m = overall[l];
        return [l, String(m?.n ?? 0), String(m?.positives ?? 0), fmt(m?.auc), fmt(m?.f1), fmt(m?.precision), fmt(m?.recall)];
      }),
    ),
  );
  log();
  const byLang = [...groupBy(pub, (s) => s.row.lang)].sort().map(([k, v]) => [k, v.length, groupMetrics(v)] as [string, number, GroupMetrics]);
  log(compactTable('per language — ROC-AUC/F1 (positives)', byLang));
  log();
  const bySource = [...groupBy(scored, (s) => s.row.source)]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([k, v]) => [k, v.length, groupMetrics(v)] as [string, number, GroupMetrics]);
  log(compactTable('per source — ROC-AUC/F1 (positives)', bySource));
  log();

  const edos = scored.filter((s) => (s.row.source === 'edos' || s.row.alsoIn?.includes('edos')) && s.row.labels.misogyny != null);
  const edosC = confusion(
    edos.map((s) => s.flags.misogyny),
    edos.map((s) => s.row.labels.misogyny as 0 | 1),
  );
  const edosMacroF1 = macroF1Binary(edosC);
  log(`EDOS test (sexist vs not, misogyny flag): macro-F1 ${fmt(edosMacroF1)} on ${edos.length} rows  (tp ${edosC.tp}, fp ${edosC.fp}, fn ${edosC.fn}, tn ${edosC.tn})`);
  log();

  // (b) keyword baselines
  const { keywordFlags } = await import('../training/keyword-baseline.ts');
  const kw = keywordFlags(pub.map((s) => s.row.text));
  const baselineNames = Object.keys(kw);
  const baselineF1: Record<string, GroupMetrics> = {};
  const idx = new Map(pub.map((s, i) => [s, i]));
  for (const b of baselineNames) baselineF1[b] = groupMetrics(pub, (s) => (kw[b] as number[])[idx.get(s) as number] === 1);
  const margins: Partial<Record<Label, { model: number; best: number; bestName: string; margin: number }>> = {};
  log('(b) keyword baselines, same public test rows — F1 (a listed word = positive for every label)');
  log(
    table(
      ['label', 'model', ...baselineNames, 'margin vs best'],
      LABELS.map((l) => {
        const model = overall[l]?.f1 ?? NaN;
        let best = NaN;
        let bestName = '';
        for (const b of baselineNames) {
          const v = baselineF1[b]?.[l]?.f1 ?? NaN;
          if (!Number.isNaN(v) && (Number.isNaN(best) || v > best)) {
            best = v;
            bestName = b;
          }
        }
        margins[l] = { model, best, bestName, margin: model - best };
        return [l, fmt(model), ...baselineNames.map((b) => fmt(baselineF1[b]?.[l]?.f1)), `${model - best >= 0 ? '+' : ''}${fmt(model - best)}`];
      }),
    ),
  );

  // the same margins per language: French is first-class, and the overall table is mostly English
  const marginsByLang: Record<string, Partial<Record<Label, number>>> = {};
  const langRows: string[][] = [];
  for (const [lang, group] of [...groupBy(pub, (s) => s.row.lang)].sort()) {
    const model = groupMetrics(group);
    const base = baselineNames.map((b) => groupMetrics(group, (s) => (kw[b] as number[])[idx.get(s) as number] === 1));
    marginsByLang[lang] = {};
    langRows.push([
      lang,
      ...LABELS.map((l) => {
        const m = model[l]?.f1 ?? NaN;
        const best = Math.max(...base.map((g) => g[l]?.f1 ?? NaN).filter((x) => !Number.isNaN(x)));
        if (Number.isNaN(m) || !Number.isFinite(best)) return '-';
        (marginsByLang[lang] as Partial<Record<Label, number>>)[l] = m - best;
        return `${fmt(m, 2)} vs ${fmt(best, 2)}`;
      }),
    ]);
  }
  log('per language — model F1 vs best keyword baseline F1');
  log(table(['lang', ...LABELS], langRows));
  log();

  // (c) functional tests
  let functional: unknown = null;
  // functional reports per level (scores computed once), for the sensitivity summary below
  const functionalByLevel: Partial<Record<Level, Awaited<ReturnType<typeof import('../tests/functional/load-cases.ts').scoreCases>>>> = {};
  if (!process.argv.includes('--no-functional')) {
    const fc = await import('../tests/functional/load-cases.ts');
    const cases = fc.loadCases();
    const caseScores = new Map<string, Scores>();
    const all = await classifier.score(cases.map((c) => c.text));
    cases.forEach((c, i) => caseScores.set(c.text, all[i] as Scores));
    for (const lv of LEVELS) {
      functionalByLevel[lv] = await fc.scoreCases(cases, async (texts) =>
        texts.map((t) => flagsFor(caseScores.get(t) as Scores, info.thresholds, lv)),
      );
    }
    const report = functionalByLevel[level] as NonNullable<(typeof functionalByLevel)[Level]>;
    log(`(c) functional tests (${cases.length} hand-written cases; flag case passes if any label is raised, pass case if none)`);
    log(fc.formatReport(report, { maxFailures: 0 }));
    log();
    const women = functionalWomen(cases, caseScores, info.thresholds, level);
    log(`ranking of hateful vs harmless sentences about women (${level})`);
    log(formatWomenSummary(women));
    log();
    functional = { byLang: report.byLang, women };
  }

  // (d) generated rows: false positives on non-hostile kinds vs recall on hostile kinds
  const gen = scored.filter((s) => s.row.source === GENERATED);
  const hostile = (s: Scored) => LABELS.some((l) => s.row.labels[l] === 1);
  const genRows: { kind: string; hostile: boolean; target: string; n: number; flagged: number; rate: number }[] = [];
  for (const [key, group] of [...groupBy(gen, (s) => `${hostile(s) ? 'H' : 'N'}|${s.row.kind ?? '?'}|${s.row.target ?? '-'}`)].sort()) {
    const [h, kind, target] = key.split('|') as [string, string, string];
    const flagged = group.filter((s) => anyFlag(s.flags)).length;
    genRows.push({ kind, hostile: h === 'H', target, n: group.length, flagged, rate: flagged / group.length });
  }
  const agg = (hostileRows: boolean, target: string) => {
    const g = genRows.filter((r) => r.hostile === hostileRows && r.target === target);
    const n = g.reduce((a, r) => a + r.n, 0);
    return { n, rate: n ? g.reduce((a, r) => a + r.flagged, 0) / n : NaN };
  };
  log('(d) generated test rows (bouclier-gen): share flagged (any label)');
  log(
    table(
      ['kind', 'target', 'n', 'flagged', 'meaning'],
      genRows.map((r) => [r.kind, r.target, String(r.n), pct(r.rate), r.hostile ? 'recall' : 'FALSE POSITIVE rate']),
    ),
  );
  const fpWomen = agg(false, 'women');
  const fpOther = agg(false, 'other');
  const recWomen = agg(true, 'women');
  log(
    `non-hostile rows mentioning women: FPR ${pct(fpWomen.rate)} (n=${fpWomen.n}); other targets ${pct(fpOther.rate)} (n=${fpOther.n}); ` +
      `hostile rows against women: recall ${pct(recWomen.rate)} (n=${recWomen.n})`,
  );

  // (e) obfuscation robustness: the same hostile public test rows, disguised the ways harassers do it. A
  // disguise that normalisation folds away changes nothing; one it misses shows up as lost recall.
  const hostilePub = pub.filter((s) => s.row.labels.misogyny === 1 || s.row.labels.insult === 1);
  const sample = hostilePub.filter((_, i) => i % Math.max(1, Math.floor(hostilePub.length / 600)) === 0).slice(0, 600);
  const longestWord = (t: string): RegExpMatchArray | null =>
    [...t.matchAll(/\p{L}{4,}/gu)].sort((a, b) => b[0].length - a[0].length)[0] ?? null;
  const onLongest = (f: (w: string) => string) => (t: string) => {
    const m = longestWord(t);
    return m && m.index !== undefined ? t.slice(0, m.index) + f(m[0]) + t.slice(m.index + m[0].length) : t;
  };
  const LEET: Record<string, string> = { a: '4', e: '3', o: '0', i: '1', s: '$' };
  const CYR: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440' };
  const disguises: [string, (t: string) => string][] = [
    ['leet', onLongest((w) => w.replace(/[aeios]/g, (c) => LEET[c] ?? c))],
    ['spaced', onLongest((w) => [...w].join(' '))],
    ['dotted', onLongest((w) => [...w].join('.'))],
    ['cyrillic', onLongest((w) => w.replace(/[aeocp]/g, (c) => CYR[c] ?? c))],
    ['zero-width', onLongest((w) => [...w].join('\u200b'))],
    ['stretched', onLongest((w) => w.replace(/[aeiou]/, (c) => c.repeat(5)))],
    ['zalgo', onLongest((w) => [...w].map((c) => `${c}\u0334\u0321`).join(''))],
    ['fullwidth', onLongest((w) => [...w].map((c) => (/[a-z]/i.test(c) ? String.fromCodePoint((c.codePointAt(0) as number) + 0xfee0) : c)).join(''))],
    ['SHOUTING', (t) => t.toUpperCase()],
    ['masked (*)', onLongest((w) => w[0] + '*' + w.slice(2))],
  ];
  const recallOf = (scores: Scores[]) => scores.filter((sc) => anyFlag(flagsFor(sc, info.thresholds, level))).length / Math.max(1, scores.length);
  const baseScores = sample.map((s) => s.scores);
  const baseRecall = recallOf(baseScores);
  const obfuscation: { disguise: string; recall: number; meanAbsDeltaMisogyny: number }[] = [];
  for (const [name, f] of disguises) {
    const sc = await classifier.score(sample.map((s) => f(s.row.text)));
    const delta = sc.reduce((a, x, i) => a + Math.abs(x.misogyny - (baseScores[i] as Scores).misogyny), 0) / Math.max(1, sc.length);
    obfuscation.push({ disguise: name, recall: recallOf(sc), meanAbsDeltaMisogyny: delta });
  }
  log();
  log(`(e) obfuscation robustness — ${sample.length} hostile public test rows (misogyny or insult), longest word disguised`);
  log(
    table(
      ['disguise', 'recall (any flag)', 'vs plain', 'mean |Δ misogyny score|'],
      [
        ['plain', pct(baseRecall), '', ''],
        ...obfuscation.map((o) => [o.disguise, pct(o.recall), `${o.recall - baseRecall >= 0 ? '+' : ''}${((o.recall - baseRecall) * 100).toFixed(1)} pts`, fmt(o.meanAbsDeltaMisogyny, 4)]),
      ],
    ),
  );

  // sensitivity levels side by side (the user picks one in the extension)
  const levelRows: string[][] = [];
  const levelSummary: Record<string, unknown> = {};
  for (const lv of LEVELS) {
    const withLevel = (rows: readonly Scored[]): Scored[] => rows.map((s) => ({ ...s, flags: flagsFor(s.scores, info.thresholds, lv) }));
    const m = groupMetrics(withLevel(pub));
    const g = withLevel(gen);
    const rate = (pred: (s: Scored) => boolean) => {
      const xs = g.filter(pred);
      return xs.length ? xs.filter((s) => anyFlag(s.flags)).length / xs.length : NaN;
    };
    const fpr = rate((s) => !hostile(s) && s.row.target === 'women');
    const rec = rate((s) => hostile(s) && s.row.target === 'women');
    const fr = functionalByLevel[lv];
    const langs = fr ? Object.entries(fr.byLang) : [];
    const fcell = (pick: (r: NonNullable<(typeof langs)[number][1]>) => { rate: number }) =>
      langs.map(([lang, r]) => `${lang} ${r ? pct(pick(r).rate) : 'n/a'}`).join(' ');
    levelRows.push([
      lv,
      fmt(m.misogyny?.f1),
      fmt(m.toxic?.f1),
      fmt(m.threat?.f1),
      pct(rec),
      pct(fpr),
      fcell((r) => r.mustFlag),
      fcell((r) => r.mustPass),
    ]);
    levelSummary[lv] = {
      f1: Object.fromEntries(LABELS.map((l) => [l, m[l]?.f1 ?? null])),
      generatedWomenRecall: rec,
      generatedWomenFpr: fpr,
      functional: fr?.byLang ?? null,
    };
  }
  log();
  log('sensitivity levels — public test F1, generated rows about women, functional must-flag / must-pass pass rates');
  log(table(['level', 'F1 misogyny', 'F1 toxic', 'F1 threat', 'gen recall', 'gen FPR', 'functional flag', 'functional pass'], levelRows));

  await classifier.release();
  if (jsonOut) {
    const result = {
      model: modelDir,
      featurizerVersion: info.featurizerVersion,
      level,
      testRows: rows.length,
      publicRows: pub.length,
      overall,
      byLanguage: Object.fromEntries(byLang.map(([k, n, m]) => [k, { n, metrics: m }])),
      bySource: Object.fromEntries(bySource.map(([k, n, m]) => [k, { n, metrics: m }])),
      edos: { rows: edos.length, macroF1: edosMacroF1, confusion: edosC },
      baselines: {
        f1: Object.fromEntries(baselineNames.map((b) => [b, Object.fromEntries(LABELS.map((l) => [l, baselineF1[b]?.[l]?.f1 ?? null]))])),
        margins,
        marginsByLanguage: marginsByLang,
      },
      functional,
      generated: { byKind: genRows, fprWomen: fpWomen, fprOther: fpOther, recallWomen: recWomen },
      levels: levelSummary,
      obfuscation: { rows: sample.length, plainRecall: baseRecall, disguises: obfuscation },
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
