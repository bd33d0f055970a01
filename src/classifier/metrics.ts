/** Evaluation metrics, written out so eval numbers do not depend on a library's conventions. */

/**
 * ROC-AUC as the Mann-Whitney statistic: the probability that a random positive scores above a random
 * negative, ties counting 1/2 (average ranks). NaN when either class is absent.
 */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  if (scores.length !== labels.length) throw new Error('rocAuc: scores and labels differ in length');
  const order = scores.map((s, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let nPos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based; tied block i..j shares the mean rank
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = order.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusion(predicted: readonly boolean[], labels: readonly (0 | 1)[]): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  predicted.forEach((p, i) => {
    const y = labels[i] === 1;
    if (p && y) c.tp++;
    else if (p) c.fp++;
    else if (y) c.fn++;
    else c.tn++;
  });
  return c;
}

/** F1 of the positive class; NaN when there are neither positives nor positive predictions. */
export function f1(c: Confusion): number {
  const d = 2 * c.tp + c.fp + c.fn;
  return d === 0 ? NaN : (2 * c.tp) / d;
}

export function precision(c: Confusion): number {
  return c.tp + c.fp === 0 ? NaN : c.tp / (c.tp + c.fp);
}

export function recall(c: Confusion): number {
  return c.tp + c.fn === 0 ? NaN : c.tp / (c.tp + c.fn);
}

/** False-positive rate: share of true negatives that were flagged. */
export function fpr(c: Confusion): number {
  return c.fp + c.tn === 0 ? NaN : c.fp / (c.fp + c.tn);
}

/** Macro-F1 over the two classes (EDOS's official binary metric): mean of F1(positive) and F1(negative). */
export function macroF1Binary(c: Confusion): number {
  const neg: Confusion = { tp: c.tn, fp: c.fn, fn: c.fp, tn: c.tp };
  return (f1(c) + f1(neg)) / 2;
}
