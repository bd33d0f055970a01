import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createClassifier, planRuns, RUN_OVERHEAD_ROWS, type Classifier } from '../../src/classifier/model.ts';
import { loadClassifierFromFile, ortWasmBinary } from '../../src/classifier/node-loader.ts';
import { featurize, FEATURIZER_VERSION } from '../../src/classifier/featurize.ts';
import { LABELS, type Scores } from '../../src/classifier/labels.ts';

// A tiny RANDOM model with the shipped signature (tests/fixtures/make-tiny-model.py): these tests check the
// runtime plumbing (batching, chunk max, empty texts, errors), not classification quality.
const TINY = new URL('../fixtures/tiny-model.onnx', import.meta.url).pathname;

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifierFromFile(TINY);
});
afterAll(async () => {
  await clf.release();
});

const maxDelta = (a: Scores[], b: Scores[]): number =>
  Math.max(...a.flatMap((s, i) => LABELS.map((l) => Math.abs(s[l] - (b[i] as Scores)[l]))));

describe('classifier runtime (ORT-web WASM in Node)', () => {
  it('returns one probability per label per text, in order', async () => {
    const texts = ['tu es belle', 'ferme-la', 'I will find you'];
    const scores = await clf.score(texts);
    expect(scores).toHaveLength(3);
    for (const s of scores) {
      expect(Object.keys(s)).toEqual([...LABELS]);
      for (const l of LABELS) {
        expect(s[l]).toBeGreaterThan(0);
        expect(s[l]).toBeLessThan(1);
      }
    }
    expect(scores[0]).not.toEqual(scores[1]);
    // order-independent: scoring the texts alone gives the same numbers
    for (let i = 0; i < texts.length; i++) expect(maxDelta([scores[i]!], await clf.score([texts[i]!]))).toBeLessThan(1e-6);
  });

  it('scores texts with no tokens as 0 on every label, without failing the batch', async () => {
    const [empty, punct, real] = await clf.score(['', ' ?! ', 'bonjour']);
    for (const l of LABELS) {
      expect(empty![l]).toBe(0);
      expect(punct![l]).toBe(0);
    }
    expect(real!.misogyny).toBeGreaterThan(0);
    expect(await clf.score([])).toEqual([]);
  });

  it("scores a long text as the max over its chunks", async () => {
    const long = Array.from({ length: 150 }, (_, i) => `mot${i % 9} word${i % 5}`).join(' ');
    const chunks = featurize(long);
    expect(chunks.length).toBe(5);
    const [whole] = await clf.scoreFeatures([chunks]);
    const each = await clf.scoreFeatures(chunks.map((c) => [c]));
    for (const l of LABELS) expect(whole![l]).toBeCloseTo(Math.max(...each.map((s) => s[l])), 6);
  });

  it('gives the same scores whatever the batch size (≤128 chunks per run, padding is masked)', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => 'lorem ipsum dolor '.repeat(1 + (i % 30)) + `n${i}`);
    const batched = await clf.score(texts);
    const small = await createClassifier({ modelBytes: readFileSync(TINY), wasmBinary: ortWasmBinary(), maxBatchChunks: 1 });
    const single = await small.score(texts);
    await small.release();
    expect(maxDelta(batched, single)).toBeLessThan(1e-5);
  });

  it('serves concurrent calls correctly', async () => {
    const a = ['un', 'deux'];
    const b = ['trois quatre cinq'];
    const [ra, rb] = await Promise.all([clf.score(a), clf.score(b)]);
    expect(maxDelta(ra, await clf.score(a))).toBe(0);
    expect(maxDelta(rb, await clf.score(b))).toBe(0);
  });

  it('refuses a model trained with another featurizer version', async () => {
    await expect(
      createClassifier({ modelBytes: readFileSync(TINY), wasmBinary: ortWasmBinary(), featurizerVersion: 'bouclier-feat-0' }),
    ).rejects.toThrow(/featurizer/);
    const ok = await createClassifier({ modelBytes: readFileSync(TINY), wasmBinary: ortWasmBinary(), featurizerVersion: FEATURIZER_VERSION });
    await ok.release();
  });

  it('rejects bytes that are not an ONNX model', async () => {
    await expect(createClassifier({ modelBytes: new Uint8Array([1, 2, 3, 4]), wasmBinary: ortWasmBinary() })).rejects.toThrow();
  });

  describe('planRuns (splitting a length-sorted batch into ONNX runs)', () => {
    const sizes = (ends: number[]) => ends.map((e, i) => e - (ends[i - 1] ?? 0));
    it('covers every chunk once, in order, never more than maxChunks per run', () => {
      const lengths = Array.from({ length: 1000 }, (_, i) => 1 + Math.floor((i * 64) / 1000));
      const ends = planRuns(lengths, 128);
      expect(ends.at(-1)).toBe(1000);
      expect(ends).toEqual([...ends].sort((a, b) => a - b));
      for (const n of sizes(ends)) expect(n).toBeGreaterThan(0);
      for (const n of sizes(ends)) expect(n).toBeLessThanOrEqual(128);
    });
    it('does not pad 64 short comments to the length of 64 long ones', () => {
      const lengths = [...Array<number>(64).fill(3), ...Array<number>(64).fill(64)];
      expect(planRuns(lengths, 128)).toEqual([64, 128]);
    });
    it('keeps one run when lengths are alike (another run would cost more than the padding)', () => {
      expect(planRuns(Array.from({ length: 128 }, (_, i) => 20 + Math.floor(i / 43)), 128)).toEqual([128]);
      expect(planRuns([], 128)).toEqual([]);
      expect(RUN_OVERHEAD_ROWS).toBeGreaterThan(0);
    });
  });
});
