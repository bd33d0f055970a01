/**
 * (c) The functional suite (tests/functional): pass rate per function and language, the ranking of hateful
 * vs harmless sentences about women with the share of the harmless ones hidden, and, on the replies written to
 * her (`toHer`), the share of hostile ones caught and of harmless ones kept. Scores are computed once and
 * read at every level. Also `--functional-only`, which prints just this, without the dataset.
 */
import { writeFileSync } from 'node:fs';
import { LEVELS, type Level, type Scores } from '../../../src/classifier/labels.ts';
import type { loadModelDir } from '../../../src/classifier/node-loader.ts';
import { anyFlag, flagsFor } from '../../../src/classifier/thresholds.ts';
import type { FunctionalCase } from '../../../tests/functional/load-cases.ts';
import {
  formatToHerSummary,
  formatWomenSummary,
  toHerSummary,
  womenSummary,
  type ToHerSummary,
  type WomenSummary,
} from '../functional-summary.ts';
import type { FunctionalReport } from './sections.ts';
import { ordinarySection } from './ordinary.ts';
import { log } from './table.ts';

type Model = Awaited<ReturnType<typeof loadModelDir>>;

/**
 * The two women tables at one level (scores computed once by the caller): the ranking about women, and the
 * replies written to her, both read through one "hidden at this level" test.
 */
function womenTables(
  cases: readonly FunctionalCase[],
  caseScores: ReadonlyMap<string, Scores>,
  thresholds: Parameters<typeof flagsFor>[1],
  level: Level,
): { women: WomenSummary[]; toHer: ToHerSummary[] } {
  const s = (c: FunctionalCase) => caseScores.get(c.text) as Scores;
  const hidden = (c: FunctionalCase) => anyFlag(flagsFor(s(c), thresholds, level));
  return { women: womenSummary(cases, s, hidden), toHer: toHerSummary(cases, hidden) };
}

/** Prints the two women tables: the ranking about women, then replies written to her. */
function logWomen(women: readonly WomenSummary[], toHer: readonly ToHerSummary[], level: Level): void {
  log(`ranking of hateful vs harmless sentences about women (${level})`);
  log(formatWomenSummary(women));
  log();
  log(`replies written to her (${level}): hostile caught, harmless kept`);
  log(formatToHerSummary(toHer));
}

/** The suite's cases and their scores by text. */
async function scoreSuite({ classifier }: Model) {
  const fc = await import('../../../tests/functional/load-cases.ts');
  const cases = fc.loadCases();
  const all = await classifier.score(cases.map((c) => c.text));
  const caseScores = new Map<string, Scores>();
  cases.forEach((c, i) => caseScores.set(c.text, all[i] as Scores));
  return { fc, cases, caseScores };
}

/** `--functional-only`: the functional suite alone (no dataset needed), per function and the women ranking. */
export async function functionalOnly(model: Model, level: Level, maxFailures: number, json: string | undefined): Promise<void> {
  const { info } = model;
  const { fc, cases, caseScores } = await scoreSuite(model);
  const report = await fc.scoreCases(cases, async (texts) => texts.map((t) => flagsFor(caseScores.get(t) as Scores, info.thresholds, level)));
  log(`functional tests (${cases.length} cases, level ${level})`);
  log(fc.formatReport(report, { maxFailures }));
  log();
  const { women, toHer } = womenTables(cases, caseScores, info.thresholds, level);
  logWomen(women, toHer, level);
  log();
  const ordinary = await ordinarySection(model, level);
  if (json) writeFileSync(json, JSON.stringify({ level, byLang: report.byLang, women, toHer, ordinary }, null, 2));
}

/** (c) in the full eval: the report at `level` printed, and the reports at every level for the level summary. */
export async function functionalSection(model: Model, level: Level) {
  const { info } = model;
  const { fc, cases, caseScores } = await scoreSuite(model);
  const byLevel: Partial<Record<Level, FunctionalReport>> = {};
  for (const lv of LEVELS) {
    byLevel[lv] = await fc.scoreCases(cases, async (texts) => texts.map((t) => flagsFor(caseScores.get(t) as Scores, info.thresholds, lv)));
  }
  const report = byLevel[level] as FunctionalReport;
  log(`(c) functional tests (${cases.length} hand-written cases; flag case passes if any label is raised, pass case if none)`);
  log(fc.formatReport(report, { maxFailures: 0 }));
  log();
  const { women, toHer } = womenTables(cases, caseScores, info.thresholds, level);
  logWomen(women, toHer, level);
  log();
  const ordinary = await ordinarySection(model, level);
  log();
  return { json: { byLang: report.byLang, women, toHer, ordinary }, byLevel };
}
