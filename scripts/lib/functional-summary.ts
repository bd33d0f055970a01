/**
 * The headline of the functional suite, per language: pass rate, the ranking of hateful vs harmless sentences
 * about women (ROC-AUC of the highest category score: a threshold cannot move it), the share of harmless
 * sentences about women that would be hidden, and the share of hateful ones caught.
 *
 * "About women" = the must-pass functions that mention women (WOMEN_MUST_PASS) against the must-flag functions
 * aimed at women (WOMEN_TARGETED_FLAG).
 */
import { rocAuc } from '../../src/classifier/metrics.ts';
import { LABELS, type Scores } from '../../src/classifier/labels.ts';
import { LANGS, WOMEN_MUST_PASS, WOMEN_TARGETED_FLAG, type FunctionalCase, type FunctionName, type Lang } from '../../tests/functional/load-cases.ts';

export function aimedAtWomen(fn: FunctionName): boolean {
  return WOMEN_TARGETED_FLAG.has(fn);
}

export function harmlessAboutWomen(fn: FunctionName): boolean {
  return (WOMEN_MUST_PASS as readonly string[]).includes(fn);
}

export const maxScore = (s: Scores): number => Math.max(...LABELS.map((l) => s[l]));

export interface WomenSummary {
  lang: Lang;
  /** Cases in the ranking: hateful aimed at women / harmless about women. */
  hateful: number;
  harmless: number;
  /** ROC-AUC of the highest category score, hateful vs harmless about women. */
  auc: number;
  /** Share of harmless sentences about women that the default level hides. */
  harmlessHidden: number;
  /** Share of hateful sentences aimed at women that the default level hides. */
  hatefulCaught: number;
}

/**
 * `flagged(c)` says whether the level under test hides the case; `scores(c)` gives its six scores.
 */
export function womenSummary(
  cases: readonly FunctionalCase[],
  scores: (c: FunctionalCase) => Scores,
  flagged: (c: FunctionalCase) => boolean,
): WomenSummary[] {
  return LANGS.map((lang) => {
    const hate = cases.filter((c) => c.lang === lang && aimedAtWomen(c.function));
    const ok = cases.filter((c) => c.lang === lang && harmlessAboutWomen(c.function));
    const y: (0 | 1)[] = [...hate.map(() => 1 as const), ...ok.map(() => 0 as const)];
    const s = [...hate, ...ok].map((c) => maxScore(scores(c)));
    const share = (xs: readonly FunctionalCase[]) => (xs.length ? xs.filter(flagged).length / xs.length : NaN);
    return {
      lang,
      hateful: hate.length,
      harmless: ok.length,
      auc: rocAuc(s, y),
      harmlessHidden: share(ok),
      hatefulCaught: share(hate),
    };
  });
}

export function formatWomenSummary(rows: readonly WomenSummary[]): string {
  const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const lines = ['lang  hateful  harmless  ranking AUC  harmless hidden  hateful caught'];
  for (const r of rows) {
    lines.push(
      `${r.lang.padEnd(4)}  ${String(r.hateful).padStart(7)}  ${String(r.harmless).padStart(8)}  ${(Number.isNaN(r.auc) ? 'n/a' : r.auc.toFixed(3)).padStart(11)}  ${pct(r.harmlessHidden).padStart(15)}  ${pct(r.hatefulCaught).padStart(14)}`,
    );
  }
  return lines.join('\n');
}

/**
 * Replies written to her (cases with `toHer`), per language: the share of hostile ones the level hides and of
 * harmless ones it leaves visible. It measures what she sees in her own mentions, which the women ranking above
 * (sentences about women, mostly third person) does not isolate.
 */
export interface ToHerSummary {
  lang: Lang;
  /** Hostile replies to her (expected flag) and how many the level hides. */
  hostile: number;
  caught: number;
  /** Harmless replies to her (expected pass) and how many the level leaves visible. */
  harmless: number;
  kept: number;
  /** caught / hostile and kept / harmless (NaN with no case). */
  caughtShare: number;
  keptShare: number;
}

const ratio = (n: number, of: number) => (of === 0 ? NaN : n / of);

/** `flagged(c)` says whether the level under test hides the case. */
export function toHerSummary(cases: readonly FunctionalCase[], flagged: (c: FunctionalCase) => boolean): ToHerSummary[] {
  return LANGS.map((lang) => {
    const toHer = cases.filter((c) => c.lang === lang && c.toHer === true);
    const hostile = toHer.filter((c) => c.expected === 'flag');
    const harmless = toHer.filter((c) => c.expected === 'pass');
    const caught = hostile.filter(flagged).length;
    const kept = harmless.filter((c) => !flagged(c)).length;
    return {
      lang,
      hostile: hostile.length,
      caught,
      harmless: harmless.length,
      kept,
      caughtShare: ratio(caught, hostile.length),
      keptShare: ratio(kept, harmless.length),
    };
  });
}

export function formatToHerSummary(rows: readonly ToHerSummary[]): string {
  const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const lines = ['lang  hostile n  caught  harmless n    kept'];
  for (const r of rows) {
    lines.push(
      `${r.lang.padEnd(4)}  ${String(r.hostile).padStart(9)}  ${pct(r.caughtShare).padStart(6)}  ${String(r.harmless).padStart(10)}  ${pct(r.keptShare).padStart(6)}`,
    );
  }
  return lines.join('\n');
}
