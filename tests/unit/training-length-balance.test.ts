/**
 * train.py --length-balance (training/trainer/data.py length_balance_factors): our contrast sentences' hostile
 * and harmless sides weigh the same in each language and word-count bin, so that being short is not, by
 * itself, a sign of abuse; each bin keeps its weight, factors are capped, other sources are untouched.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Result {
  factors: number[];
  bins: number[];
}

function factorsOf(rows: { source: string; lang: string; text: string; hostile: boolean }[]): Result {
  const script = `
import json, sys
sys.path.insert(0, "training")
from trainer.data import length_balance_factors, length_bin
rows = [{"source": r["source"], "lang": r["lang"], "text": r["text"],
         "labels": {"toxic": 1 if r["hostile"] else 0}, "split": "train"} for r in json.load(sys.stdin)]
print(json.dumps({"factors": [float(x) for x in length_balance_factors(rows)], "bins": [length_bin(r["text"]) for r in rows]}))
`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(rows), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Result;
}

const contrast = (text: string, hostile: boolean, lang = 'en') => ({ source: 'bouclier-contrast', lang, text, hostile });

describe('length-balanced contrast weights', () => {
  it('gives short harmless sentences the weight of short hostile ones, keeping the bin total', () => {
    const rows = [
      contrast('you stupid cow', true),
      contrast('shut up, whore', true),
      contrast('back to the kitchen', true),
      contrast('great goal tonight!', false),
      // long ones, balanced already
      contrast('someone wrote that she should go back to the kitchen and I reported the account to the mods', false),
      contrast('you should go back to the kitchen and stay there because nobody wants to hear a woman talk', true),
    ];
    const { factors, bins } = factorsOf(rows);
    expect(new Set(bins.slice(0, 4)).size).toBe(1);
    const hostileShort = factors.slice(0, 3).reduce((a, b) => a + b, 0);
    expect(factors[3]).toBeCloseTo(hostileShort, 5);
    expect(hostileShort + factors[3]!).toBeCloseTo(4, 5);
    expect(factors[4]).toBeCloseTo(1, 5);
    expect(factors[5]).toBeCloseTo(1, 5);
  });

  it('caps the factors, treats each language apart and leaves other sources alone', () => {
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => contrast(`ta gueule ${i}`, true, 'fr')),
      contrast('bravo !', false, 'fr'),
      contrast('nice one', false, 'en'),
      { source: 'edos', lang: 'en', text: 'short', hostile: true },
    ];
    const { factors } = factorsOf(rows);
    expect(factors[20]).toBeCloseTo(4, 5); // 10.5 uncapped
    expect(factors[0]).toBeCloseTo(10.5 / 20, 5);
    expect(factors[21]).toBe(1); // English: no hostile row in its bin
    expect(factors[22]).toBe(1); // not ours
  });
});
