/**
 * (d) Ordinary sentences hidden: held-out plain sentences from the unlabelled corpora (tweets, reviews,
 * debates, theatre, literature; training/datasets/ordinary.ts, never trained on), and how many the model's
 * categories would hide at `level` (toxic is scored but hides nothing). Two samples: filtered as the training
 * rows are (no profanity, no group word), and as they come (some are rude, some mention women). Needs the
 * corpora (../shared/corpora or $BOUCLIER_CORPORA): without them the section is skipped and reported as absent.
 */
import { existsSync } from 'node:fs';
import type { Level } from '../../../src/classifier/labels.ts';
import type { loadModelDir } from '../../../src/classifier/node-loader.ts';
import { flagsFor } from '../../../src/classifier/thresholds.ts';
import { MODEL_CATEGORIES } from '../../../src/verdict/categories.ts';
import { log } from './table.ts';

type Model = Awaited<ReturnType<typeof loadModelDir>>;

/** Sentences per language and sample. */
const PER_LANG = 600;

export interface OrdinaryRate {
  hidden: number;
  total: number;
}
export interface OrdinaryReport {
  /** sample ("filtered" | "as they come") → language or corpus → rate */
  [sample: string]: Record<string, OrdinaryRate>;
}

export async function ordinarySection({ classifier, info }: Model, level: Level): Promise<OrdinaryReport | null> {
  const { corporaDir, ordinaryHeldOut } = await import('../../../training/datasets/ordinary.ts');
  if (!existsSync(corporaDir())) {
    log(`ordinary sentences hidden: skipped (no corpora at ${corporaDir()})`);
    return null;
  }
  const report: OrdinaryReport = {};
  log(`ordinary sentences hidden (${level}; held-out corpus sentences, never trained on)`);
  for (const filtered of [true, false]) {
    const name = filtered ? 'filtered' : 'as they come';
    const rows = ordinaryHeldOut(PER_LANG, filtered);
    const scores = await classifier.score(rows.map((r) => r.text));
    const by: Record<string, OrdinaryRate> = {};
    rows.forEach((r, i) => {
      const flags = flagsFor(scores[i]!, info.thresholds, level);
      const hidden = MODEL_CATEGORIES.some((c) => flags[c]);
      for (const k of [r.lang, r.corpus]) {
        const v = (by[k] ??= { hidden: 0, total: 0 });
        v.hidden += +hidden;
        v.total++;
      }
    });
    report[name] = by;
    const cell = (k: string) => `${k} ${((100 * by[k]!.hidden) / by[k]!.total).toFixed(1)}% (${by[k]!.hidden}/${by[k]!.total})`;
    log(`  ${name.padEnd(12)} ${['en', 'fr'].filter((k) => by[k]).map(cell).join('   ')}`);
    log(`  ${''.padEnd(12)} ${Object.keys(by).filter((k) => k !== 'en' && k !== 'fr').map(cell).join(', ')}`);
  }
  return report;
}
