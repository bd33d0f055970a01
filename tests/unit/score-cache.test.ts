/**
 * The host's score cache (src/classifier/score-cache.ts): a pile-on of one message in many spellings is
 * scored once, the answers are what the model gives each text on its own (to float rounding), and the cache stays
 * bounded. Exactness is checked with the shipped model; counting uses a recording scorer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoreCache } from '../../src/classifier/score-cache';
import { featureTokens, type FeatureChunk } from '../../src/classifier/featurize';
import { LABELS, type Scores } from '../../src/classifier/labels';
import { loadModelDir } from '../../src/classifier/node-loader';
import type { Classifier } from '../../src/classifier/model';

/** A scorer that records how many texts it was asked for, and scores each by its features. */
function recordingScorer() {
  const asked: number[] = [];
  return {
    asked,
    async scoreFeatures(chunks: FeatureChunk[][]): Promise<Scores[]> {
      asked.push(chunks.length);
      return chunks.map((c) => {
        const sum = c.reduce((a, ids) => a + ids.reduce((x, y) => x + y, 0), 0);
        return Object.fromEntries(LABELS.map((l, j) => [l, ((sum + j) % 1000) / 1000])) as Scores;
      });
    },
  };
}

let model: Classifier;
beforeAll(async () => {
  ({ classifier: model } = await loadModelDir());
});
afterAll(async () => {
  await model.release();
});

describe('score cache by normalised text', () => {
  const pileOn = ['Tu es une SALOPE', 'tu es une salope', 'Tu   es une  s a l o p e', 'tu es une s4l0pe', 'TU ES UNE SALOPE !!!'];

  it('scores a pile-on of one insult in many spellings once, and a different reply on its own', async () => {
    // Precondition: these spellings normalise to the same tokens (else this test proves nothing).
    expect(new Set(pileOn.map((t) => featureTokens(t).join(' '))).size).toBe(1);
    const cache = createScoreCache();
    const scorer = recordingScorer();
    const first = await cache.score([...pileOn, 'Merci pour cet article'], (c) => scorer.scoreFeatures(c));
    expect(scorer.asked).toEqual([2]);
    for (const s of first.slice(1, pileOn.length)) expect(s).toEqual(first[0]);
    expect(first[pileOn.length]).not.toEqual(first[0]);
    // The same insult on another tab later: no model time at all.
    const later = await cache.score(['TU ES UNE S.A.L.O.P.E'.replace(/\./g, ''), 'tu es une salope'], (c) => scorer.scoreFeatures(c));
    expect(scorer.asked).toEqual([2]);
    expect(later[1]).toEqual(first[0]);
    expect(cache.stats()).toMatchObject({ entries: 2, scored: 2, hits: pileOn.length - 1 + 2 });
  });

  it('answers exactly what the shipped model gives each text on its own (empty, emoji, long, FR and EN)', async () => {
    const long = 'tu es nulle et tu devrais te taire '.repeat(900); // beyond the scored length
    const texts = ['', '😡😡😡', 'Shut up you stupid bitch', 'shut UP you   stupid BITCH', 'Merci pour ce fil, très instructif.', long, `${long} la suite ignorée`];
    const cache = createScoreCache();
    const cached = await cache.score(texts, (c) => model.scoreFeatures(c));
    const direct = await model.score(texts);
    // Equal up to float rounding: a text's scores already differ by ~1e-7 with the batch it runs in.
    for (let i = 0; i < texts.length; i++) for (const l of LABELS) expect(Math.abs(cached[i]![l] - direct[i]![l])).toBeLessThan(1e-5);
    // The long text and its continuation past the scored length share one entry.
    expect(featureTokens(texts[5]!)).toEqual(featureTokens(texts[6]!));
  });

  it('keeps at most its bounds, dropping the least recently used text first', async () => {
    const cache = createScoreCache({ maxEntries: 2 });
    const scorer = recordingScorer();
    const score = (t: string[]) => cache.score(t, (c) => scorer.scoreFeatures(c));
    await score(['first message']);
    await score(['second message']);
    await score(['first message']); // used again: now the most recent
    await score(['third message']); // drops "second"
    expect(cache.stats().entries).toBe(2);
    scorer.asked.length = 0;
    await score(['first message', 'third message']);
    expect(scorer.asked).toEqual([]);
    await score(['second message']);
    expect(scorer.asked).toEqual([1]);

    const small = createScoreCache({ maxChars: 40 });
    await small.score(['a rather long message that is over forty characters', 'short one', 'another short'], (c) => scorer.scoreFeatures(c));
    expect(small.stats().chars).toBeLessThanOrEqual(40);
    expect(small.stats().entries).toBe(2);
  });
});
