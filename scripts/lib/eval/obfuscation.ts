/**
 * (e) Obfuscation robustness: hostile public test rows with their longest word disguised the ways harassers do
 * it (leet, spacing, dots, Cyrillic, zero-width, stretching, zalgo, full-width, capitals, masking): recall vs
 * plain. A disguise that normalisation folds away changes nothing; one it misses shows up as lost recall.
 */
import type { Level, Scores } from '../../../src/classifier/labels.ts';
import type { loadModelDir } from '../../../src/classifier/node-loader.ts';
import { anyFlag, flagsFor } from '../../../src/classifier/thresholds.ts';
import { fmt, log, pct, table, type Scored } from './table.ts';

const longestWord = (t: string): RegExpMatchArray | null => [...t.matchAll(/\p{L}{4,}/gu)].sort((a, b) => b[0].length - a[0].length)[0] ?? null;
const onLongest = (f: (w: string) => string) => (t: string) => {
  const m = longestWord(t);
  return m && m.index !== undefined ? t.slice(0, m.index) + f(m[0]) + t.slice(m.index + m[0].length) : t;
};
const LEET: Record<string, string> = { a: '4', e: '3', o: '0', i: '1', s: '$' };
const CYR: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440' };
export const DISGUISES: [string, (t: string) => string][] = [
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

export async function obfuscation({ classifier, info }: Awaited<ReturnType<typeof loadModelDir>>, pub: readonly Scored[], level: Level) {
  const hostilePub = pub.filter((s) => s.row.labels.misogyny === 1 || s.row.labels.insult === 1);
  const sample = hostilePub.filter((_, i) => i % Math.max(1, Math.floor(hostilePub.length / 600)) === 0).slice(0, 600);
  const recallOf = (scores: Scores[]) => scores.filter((sc) => anyFlag(flagsFor(sc, info.thresholds, level))).length / Math.max(1, scores.length);
  const baseScores = sample.map((s) => s.scores);
  const baseRecall = recallOf(baseScores);
  const disguises: { disguise: string; recall: number; meanAbsDeltaMisogyny: number }[] = [];
  for (const [name, f] of DISGUISES) {
    const sc = await classifier.score(sample.map((s) => f(s.row.text)));
    const delta = sc.reduce((a, x, i) => a + Math.abs(x.misogyny - (baseScores[i] as Scores).misogyny), 0) / Math.max(1, sc.length);
    disguises.push({ disguise: name, recall: recallOf(sc), meanAbsDeltaMisogyny: delta });
  }
  log();
  log(`(e) obfuscation robustness — ${sample.length} hostile public test rows (misogyny or insult), longest word disguised`);
  log(
    table(
      ['disguise', 'recall (any flag)', 'vs plain', 'mean |Δ misogyny score|'],
      [
        ['plain', pct(baseRecall), '', ''],
        ...disguises.map((o) => [o.disguise, pct(o.recall), `${o.recall - baseRecall >= 0 ? '+' : ''}${((o.recall - baseRecall) * 100).toFixed(1)} pts`, fmt(o.meanAbsDeltaMisogyny, 4)]),
      ],
    ),
  );
  return { rows: sample.length, plainRecall: baseRecall, disguises };
}
