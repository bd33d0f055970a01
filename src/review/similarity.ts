/**
 * Near-duplicate matching for her corrections, on the classifier's own features (no second
 * featurizer): a text's feature set is every non-padding hashed id `featurize` produces (word ids,
 * word-bigram ids and character 3–5-gram ids, after the shared normalisation, which already folds
 * leet, homoglyphs, spacing and repeated letters). Similarity is the Jaccard index of two sets.
 *
 * Thresholds are asymmetric, because letting abuse through costs her more than hiding one more text:
 * - "abusive, hide this" (block) spreads to texts with Jaccard ≥ BLOCK_JACCARD = 0.6;
 * - "not abusive" (allow) spreads only to texts with Jaccard ≥ ALLOW_JACCARD = 0.85.
 * On the unit tests' pairs: the same text re-punctuated, re-cased or obfuscated (put3, wh0res,
 * "c" for "c'est") scores above ALLOW_JACCARD, and so does one word added to a text of ten or so; one
 * word swapped in such a text falls between the two (blocked, not allowed: "attention seekers" must not
 * whitelist "attention whores"); texts sharing only an opening or a topic stay well below BLOCK_JACCARD
 * and never match.
 * Texts of fewer than MIN_NEAR_TOKENS tokens only match exactly: on three words one changed word is
 * the whole meaning.
 */
import { featurize } from '../classifier/featurize';
import { normalizeTokens } from '../classifier/normalize';

export const BLOCK_JACCARD = 0.6;
export const ALLOW_JACCARD = 0.85;
export const MIN_NEAR_TOKENS = 4;

/** Sorted, de-duplicated non-zero feature ids of a text. */
export function featureSet(text: string): Int32Array {
  const ids = new Set<number>();
  for (const chunk of featurize(text)) for (const id of chunk) if (id !== 0) ids.add(id);
  return Int32Array.from(ids).sort();
}

export function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

export function tokenCount(text: string): number {
  return normalizeTokens(text).length;
}
