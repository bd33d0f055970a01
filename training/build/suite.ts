/**
 * The functional test suite (tests/functional) measures sentences the model has never seen: its texts are found
 * in the training sources by a spelling-insensitive key and dropped from the table.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from '../../src/classifier/normalize.ts';

/** What two texts must share to count as the same sentence: normalised, punctuation and spacing ignored. */
export function suiteKey(text: string): string {
  return normalize(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Normalised texts of the functional test suite (`cases.*.jsonl`): a training row with the same text (suiteKey) is
 * dropped, whoever wrote it, so the suite measures sentences the model has never seen. Short common insults
 * can be written independently by two authors; the suite keeps them and training gives them up.
 */
export function suiteKeys(dir: string): Set<string> {
  const keys = new Set<string>();
  if (!existsSync(dir)) return keys;
  for (const f of readdirSync(dir).filter((n) => /^cases\..*\.jsonl$/.test(n))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: unknown }).text;
      if (typeof text === 'string') keys.add(suiteKey(text));
    }
  }
  return keys;
}
