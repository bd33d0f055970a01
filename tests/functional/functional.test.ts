/**
 * Functional tests of Bouclier's filter (see tests/functional/README.md).
 *
 * 1. The case files are well-formed and cover every function in both languages.
 * 2. The shipped model (models/bouclier.onnx + models/model.json), at its default sensitivity, meets floors that
 *    catch regressions. The floors are deliberately generic (not tuned to this set): the set is never trained on.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABELS, type Scores } from '../../src/classifier/labels.ts';
import { DEFAULT_MODEL_DIR, loadModelDir } from '../../src/classifier/node-loader.ts';
import { anyFlag, flagsFor } from '../../src/classifier/thresholds.ts';
import { womenSummary, type WomenSummary } from '../../scripts/lib/functional-summary.ts';
import {
  CaseValidationError,
  FUNCTIONS,
  FUNCTION_NAMES,
  LANGS,
  WOMEN_MUST_PASS,
  countByFunction,
  formatReport,
  functionAppliesTo,
  loadCases,
  parseCases,
  scoreCases,
  type FunctionalCase,
  type ScoreReport,
} from './load-cases.ts';

const MIN_CASES_PER_FUNCTION = 10;
/**
 * Regression floors just below what the shipped model measures (its figures are in models/README.md): a new model
 * or a featurizer change that does worse fails here. They are NOT the quality targets (≥ 90 % pass, ranking
 * AUC ≥ 0.90, ≤ 10 % of harmless sentences about women hidden), which `npm run eval` reports and which are still
 * unmet. Raise these floors when a better model ships; never lower them to let a worse one through.
 */
const MIN_OVERALL_PASS_RATE = 0.8;
const MAX_WOMEN_FALSE_POSITIVE_RATE = 0.3;
/** Ranking of hateful vs harmless sentences about women by the highest score: a threshold cannot move it. */
const MIN_WOMEN_RANKING_AUC = 0.85;

function loadOrExplain(): FunctionalCase[] {
  try {
    return loadCases();
  } catch (e) {
    if (e instanceof CaseValidationError) expect.fail(e.message);
    throw e;
  }
}

describe('functional case files', () => {
  let cases: FunctionalCase[] = [];
  beforeAll(() => {
    cases = loadOrExplain();
  });

  it('both files are well-formed, with unique ids, known functions and labels', () => {
    // loadCases throws (naming file:line) on any malformed line; here we only re-check the global invariants.
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(FUNCTION_NAMES, c.source).toContain(c.function);
      for (const l of c.labels) expect(LABELS, c.source).toContain(l);
    }
  });

  it('flag cases name at least one label; pass cases name none', () => {
    for (const c of cases) {
      expect(c.expected, c.source).toBe(FUNCTIONS[c.function].expected);
      if (c.expected === 'flag') expect(c.labels.length, `${c.source} (${c.id})`).toBeGreaterThan(0);
      else expect(c.labels, `${c.source} (${c.id})`).toEqual([]);
    }
  });

  it.each(LANGS)(`every function applicable to %s has ≥ ${MIN_CASES_PER_FUNCTION} cases`, (lang) => {
    const counts = countByFunction(cases, lang);
    for (const fn of FUNCTION_NAMES) {
      if (functionAppliesTo(fn, lang)) expect(counts[fn], `${lang} ${fn}`).toBeGreaterThanOrEqual(MIN_CASES_PER_FUNCTION);
      else expect(counts[fn], `${lang} ${fn} does not apply`).toBe(0);
    }
  });

  it.each(LANGS)('%s obfuscated slurs include invisible characters and Cyrillic look-alikes', (lang) => {
    const obf = cases.filter((c) => c.lang === lang && c.function === 'slur_obfuscated').map((c) => c.text);
    expect(obf.some((t) => /[\u200b-\u200d\u2060\u00ad]/.test(t)), 'zero-width / soft hyphen').toBe(true);
    expect(obf.some((t) => /[\u0400-\u04ff]/.test(t) && /[a-z]/i.test(t)), 'Cyrillic mixed with Latin').toBe(true);
  });

  it('the validator reports problems with file and line', () => {
    const content = [
      '{"id":"en-slur-001","lang":"en","function":"slur_direct","expected":"flag","labels":["misogyny"],"text":"ok"}',
      '{"id":"en-slur-001","lang":"en","function":"slur_direct","expected":"flag","labels":[],"text":"no labels"}',
      '{"id":"en-x-002","lang":"en","function":"nope","expected":"pass","labels":[],"text":"unknown function"}',
      '{"id":"en-neutral-003","lang":"en","function":"neutral_women","expected":"pass","labels":["toxic"],"text":"x"}',
      '{"id":"en-verlan-004","lang":"en","function":"french_slang_verlan","expected":"flag","labels":["rude"],"text":"y"}',
      'not json',
      '{"id":"en-slur-008","lang":"en","function":"slur_direct","expected":"flag","labels":["insult"],"text":"z","toHer":"yes"}',
      '{"id":"en-slur-009","lang":"en","function":"slur_direct","expected":"flag","labels":["insult"],"text":"w","toHer":true}',
      '',
    ].join('\n');
    const { cases: ok, errors } = parseCases(content, 'cases.en.jsonl', 'en');
    expect(ok.map((c) => c.id)).toEqual(['en-slur-001', 'en-slur-009']);
    expect(ok.map((c) => c.toHer)).toEqual([undefined, true]);
    const at = (line: number) => errors.filter((e) => e.startsWith(`cases.en.jsonl:${line}: `));
    expect(at(1)).toEqual([]);
    expect(at(2).join('\n')).toMatch(/duplicate id "en-slur-001".*\n.*at least one label/s);
    expect(at(3).join('\n')).toMatch(/unknown function "nope"/);
    expect(at(4).join('\n')).toMatch(/pass case must have no labels/);
    expect(at(5).join('\n')).toMatch(/does not apply to "en"[\s\S]*unknown label "rude"/);
    expect(at(6).join('\n')).toMatch(/not valid JSON/);
    expect(at(7).join('\n')).toMatch(/toHer must be a boolean, not "yes"/);
    expect(at(8)).toEqual([]);
    expect(errors.some((e) => e.startsWith('cases.en.jsonl:9'))).toBe(false); // trailing newline is fine
  });
});

describe('shipped model at its default sensitivity', () => {
  const onnxPath = join(DEFAULT_MODEL_DIR, 'bouclier.onnx');
  const jsonPath = join(DEFAULT_MODEL_DIR, 'model.json');
  let report: ScoreReport | undefined;
  let failure: Error | undefined;
  let women: WomenSummary[] = [];

  beforeAll(async () => {
    const missing = [onnxPath, jsonPath].filter((p) => !existsSync(p));
    if (missing.length > 0) {
      failure = new Error(
        `The shipped model is missing (${missing.join(', ')}). The extension always ships a model, so this is a ` +
          'failure, not a skip: train and export it (training/, see docs/classifier-contract.md) before running.',
      );
      return;
    }
    const cases = loadCases();
    let loaded: Awaited<ReturnType<typeof loadModelDir>>;
    try {
      loaded = await loadModelDir(DEFAULT_MODEL_DIR);
    } catch (e) {
      failure = new Error(`Could not load the shipped model from ${DEFAULT_MODEL_DIR}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const { classifier, info } = loaded;
    try {
      const started = performance.now();
      const all = await classifier.score(cases.map((c) => c.text));
      const byText = new Map(cases.map((c, i) => [c.text, all[i] as Scores]));
      report = await scoreCases(cases, async (texts) => texts.map((t) => flagsFor(byText.get(t) as Scores, info.thresholds, info.defaultLevel)));
      women = womenSummary(
        cases,
        (c) => byText.get(c.text) as Scores,
        (c) => anyFlag(flagsFor(byText.get(c.text) as Scores, info.thresholds, info.defaultLevel)),
      );
      const ms = Math.round(performance.now() - started);
      console.log(
        `\nBouclier functional cases, level "${info.defaultLevel}", ${cases.length} cases scored in ${ms} ms\n` +
          formatReport(report, { maxFailures: 60 }),
      );
    } finally {
      await classifier.release();
    }
  }, 30_000);

  function getReport(): ScoreReport {
    if (failure) throw failure;
    if (!report) throw new Error('scoring did not run');
    return report;
  }

  it.each(LANGS)(`%s: overall pass rate ≥ ${MIN_OVERALL_PASS_RATE}`, (lang) => {
    const lr = getReport().byLang[lang];
    expect(lr, `no ${lang} results`).toBeDefined();
    expect(lr?.overall.rate, `${lang} overall ${lr?.overall.passed}/${lr?.overall.total}`).toBeGreaterThanOrEqual(
      MIN_OVERALL_PASS_RATE,
    );
  });

  it.each(LANGS)(`%s: hateful sentences about women rank above harmless ones (ROC-AUC ≥ ${MIN_WOMEN_RANKING_AUC})`, (lang) => {
    getReport();
    const w = women.find((x) => x.lang === lang);
    expect(w && w.hateful > 0 && w.harmless > 0, `no ${lang} women cases`).toBe(true);
    expect(w?.auc, `${lang}: ranking AUC over ${w?.hateful} hateful / ${w?.harmless} harmless`).toBeGreaterThanOrEqual(MIN_WOMEN_RANKING_AUC);
  });

  it.each(LANGS)(
    `%s: false-positive rate ≤ ${MAX_WOMEN_FALSE_POSITIVE_RATE} on must-pass cases mentioning women (${WOMEN_MUST_PASS.join(', ')})`,
    (lang) => {
      const fp = getReport().byLang[lang]?.womenFalsePositive;
      expect(fp?.total ?? 0, `no ${lang} women must-pass cases`).toBeGreaterThan(0);
      expect(fp?.rate, `${lang}: ${fp?.passed} of ${fp?.total} wrongly flagged`).toBeLessThanOrEqual(
        MAX_WOMEN_FALSE_POSITIVE_RATE,
      );
    },
  );
});
