/**
 * The eval's sections on the held-out TEST split: (a) per-label metrics on the public datasets, per language,
 * per source, and EDOS macro-F1; (b) the keyword baselines on the same rows; (d) our generated rows, false
 * positives vs recall; and the three sensitivity levels side by side. Each prints its tables and returns what
 * goes into the JSON.
 */
import { LABELS, LEVELS, type Label, type Level } from '../../../src/classifier/labels.ts';
import { confusion, macroF1Binary } from '../../../src/classifier/metrics.ts';
import { anyFlag, flagsFor } from '../../../src/classifier/thresholds.ts';
import type { scoreCases } from '../../../tests/functional/load-cases.ts';
import { GENERATED, compactTable, fmt, groupBy, groupMetrics, log, pct, table, type GroupMetrics, type Scored } from './table.ts';

type Thresholds = Parameters<typeof flagsFor>[1];
export type FunctionalReport = Awaited<ReturnType<typeof scoreCases>>;

/** (a) per-label metrics: public rows overall, per language, per source; EDOS test macro-F1. */
export function heldOut(scored: readonly Scored[], pub: readonly Scored[]) {
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
  return { overall, byLang, bySource, edos: { rows: edos.length, macroF1: edosMacroF1, confusion: edosC } };
}

/** (b) keyword baselines on the same public rows: F1 per list and the model's margin over the best, overall and per language. */
export async function keywordBaselines(pub: readonly Scored[], overall: GroupMetrics) {
  const { keywordFlags } = await import('../../../training/keyword-baseline.ts');
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
  return {
    f1: Object.fromEntries(baselineNames.map((b) => [b, Object.fromEntries(LABELS.map((l) => [l, baselineF1[b]?.[l]?.f1 ?? null]))])),
    margins,
    marginsByLanguage: marginsByLang,
  };
}

/** A row any of whose labels is set: hostile. */
export const hostile = (s: Scored) => LABELS.some((l) => s.row.labels[l] === 1);

/** (d) generated test rows: false-positive rate on non-hostile kinds vs recall on hostile kinds. */
export function generated(scored: readonly Scored[]) {
  const gen = scored.filter((s) => s.row.source === GENERATED);
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
  return { gen, json: { byKind: genRows, fprWomen: fpWomen, fprOther: fpOther, recallWomen: recWomen } };
}

/** The three sensitivity levels side by side (the user picks one in the extension). */
export function levels(pub: readonly Scored[], gen: readonly Scored[], thresholds: Thresholds, functionalByLevel: Partial<Record<Level, FunctionalReport>>) {
  const levelRows: string[][] = [];
  const levelSummary: Record<string, unknown> = {};
  for (const lv of LEVELS) {
    const withLevel = (rows: readonly Scored[]): Scored[] => rows.map((s) => ({ ...s, flags: flagsFor(s.scores, thresholds, lv) }));
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
  return levelSummary;
}
