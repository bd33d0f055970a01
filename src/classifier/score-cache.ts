/**
 * Scores by normalised text, kept by the classifier host (one for every tab). A pile-on of one message
 * copied with other capitals, spacing, accents or leet spellings is scored once; the same text met again
 * on another tab costs no model time. Not an approximation: the model sees only the feature tokens
 * (featurize.ts), so texts with the same feature tokens have the same scores (to the float rounding by
 * which a text's scores already differ, ~1e-7, with the batch it runs in).
 *
 * The content script keeps its own cache by raw text (a re-render never asks the host at all); this one
 * catches what differs only in spelling, without normalising anything on the page's main thread.
 */
import { featureTokens, featurizeTokens, type FeatureChunk } from './featurize';
import type { Scores } from './labels';

export interface ScoreCacheOptions {
  /** most texts kept (least recently used go first) */
  maxEntries?: number;
  /** most characters of keys kept: a few very long texts must not hold megabytes */
  maxChars?: number;
}

export interface ScoreCacheStats {
  entries: number;
  chars: number;
  /** texts answered from the cache (or from a copy earlier in the same request) */
  hits: number;
  /** texts the model scored */
  scored: number;
}

export function createScoreCache({ maxEntries = 20_000, maxChars = 2_000_000 }: ScoreCacheOptions = {}) {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, Scores>();
  let chars = 0;
  let hits = 0;
  let scored = 0;

  function remember(key: string, scores: Scores): void {
    if (key.length > maxChars) return;
    cache.set(key, scores);
    chars += key.length;
    while (cache.size > maxEntries || chars > maxChars) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      chars -= oldest.length;
    }
  }

  return {
    /** Scores for `texts` (same order), asking `scoreFeatures` only for feature tokens not seen before, each once. */
    async score(texts: readonly string[], scoreFeatures: (chunks: FeatureChunk[][]) => Promise<Scores[]>): Promise<Scores[]> {
      const out: Scores[] = new Array<Scores>(texts.length);
      const todo = new Map<string, { tokens: string[]; at: number[] }>();
      texts.forEach((text, i) => {
        const tokens = featureTokens(text);
        const key = tokens.join('\u0000');
        const known = cache.get(key);
        if (known) {
          cache.delete(key);
          cache.set(key, known);
          out[i] = { ...known };
          hits++;
          return;
        }
        const pending = todo.get(key);
        if (pending) {
          pending.at.push(i);
          hits++;
        } else todo.set(key, { tokens, at: [i] });
      });
      if (todo.size > 0) {
        const entries = [...todo];
        const results = await scoreFeatures(entries.map(([, { tokens }]) => featurizeTokens(tokens)));
        entries.forEach(([key, { at }], j) => {
          const scores = results[j]!;
          for (const i of at) out[i] = { ...scores };
          // Another request may have scored it meanwhile (requests interleave while the model runs).
          if (!cache.has(key)) remember(key, scores);
        });
        scored += entries.length;
      }
      return out;
    },
    stats: (): ScoreCacheStats => ({ entries: cache.size, chars, hits, scored }),
    /** Forget every text (erase-everything: the keys are texts she was shown). */
    clear(): void {
      cache.clear();
      chars = 0;
      hits = 0;
      scored = 0;
    },
  };
}

export type ScoreCache = ReturnType<typeof createScoreCache>;
