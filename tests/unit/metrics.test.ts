import { describe, expect, it } from 'vitest';
import { confusion, f1, fpr, macroF1Binary, precision, recall, rocAuc } from '../../src/classifier/metrics.ts';

describe('rocAuc (hand-computed)', () => {
  it('counts the share of positive/negative pairs ranked correctly', () => {
    // pairs (pos, neg): (0.35,0.1)✓ (0.35,0.4)✗ (0.8,0.1)✓ (0.8,0.4)✓ → 3/4
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });
  it('counts ties as half', () => {
    // pos 0.5 vs two neg 0.5: ½ + ½; pos 0.9 vs both: 1 + 1 → 3/4
    expect(rocAuc([0.5, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.3, 0.3], [0, 1])).toBe(0.5);
  });
  it('is 1 for a perfect ranking, 0 for an inverted one, NaN with one class', () => {
    expect(rocAuc([0.9, 0.1, 0.8, 0.2], [1, 0, 1, 0])).toBe(1);
    expect(rocAuc([0.1, 0.9], [1, 0])).toBe(0);
    expect(rocAuc([0.1, 0.9], [1, 1])).toBeNaN();
  });
});

describe('F1 and friends (hand-computed)', () => {
  // predictions vs labels: TP=2, FP=1, FN=1, TN=2
  const c = confusion([true, true, true, false, false, false], [1, 1, 0, 1, 0, 0]);
  it('counts the confusion matrix', () => {
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 2 });
  });
  it('computes F1 = 2TP / (2TP + FP + FN) and the rates', () => {
    expect(f1(c)).toBeCloseTo(4 / 6, 12);
    expect(precision(c)).toBeCloseTo(2 / 3, 12);
    expect(recall(c)).toBeCloseTo(2 / 3, 12);
    expect(fpr(c)).toBeCloseTo(1 / 3, 12);
  });
  it('macro-F1 averages the F1 of both classes', () => {
    // negative class: TP'=2 (TN), FP'=1 (FN), FN'=1 (FP) → 4/6; positive 4/6 → macro 4/6
    expect(macroF1Binary(c)).toBeCloseTo(4 / 6, 12);
    const skewed = confusion([true, true, true, true], [1, 0, 0, 0]); // F1+ = 2/5, F1- = 0
    expect(macroF1Binary(skewed)).toBeCloseTo(0.2, 12);
  });
  it('is undefined (NaN) with nothing to find and nothing flagged', () => {
    expect(f1(confusion([false, false], [0, 0]))).toBeNaN();
  });
});
