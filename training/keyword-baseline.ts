/**
 * Keyword-list baselines on the test split: "flag when the text contains a listed word", for each
 * profanity list shipped in node_modules (leo-profanity EN+FR dictionaries, french-badwords-list,
 * obscenity's English dataset) and their union. train.py turns these flags into per-label F1 so the model
 * card can show how far the model is above a word list. Lists are matched on normalize() tokens (accents,
 * leet and spacing folded), which is the stronger version of each baseline.
 *
 * Usage: npx tsx training/keyword-baseline.ts [--work DIR]   (reads rows.jsonl, writes keyword-baseline.json)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { normalize, normalizeTokens } from '../src/classifier/normalize.ts';

const require = createRequire(import.meta.url);

interface LeoFilter {
  getDictionary(name?: string): string[];
}

function wordSet(words: readonly string[]): Set<string> {
  return new Set(words.map((w) => normalize(w)).filter((w) => w.length > 0));
}

/** Multi-word entries are matched as phrases over the token sequence. */
function containsAny(tokens: string[], set: Set<string>): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (set.has(tokens[i]!)) return true;
    if (i + 1 < tokens.length && set.has(`${tokens[i]} ${tokens[i + 1]}`)) return true;
  }
  return false;
}

export function keywordFlags(texts: readonly string[]): Record<string, number[]> {
  const leo = require('leo-profanity') as LeoFilter;
  const leoEn = wordSet(leo.getDictionary('en'));
  const leoFr = wordSet(leo.getDictionary('fr'));
  const frBad = wordSet((require('french-badwords-list') as { array: string[] }).array);
  const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const out: Record<string, number[]> = { 'leo-profanity': [], 'french-badwords-list': [], obscenity: [], union: [] };
  for (const t of texts) {
    const tokens = normalizeTokens(t);
    const a = containsAny(tokens, leoEn) || containsAny(tokens, leoFr);
    const b = containsAny(tokens, frBad);
    const c = obscenity.hasMatch(t);
    out['leo-profanity']!.push(+a);
    out['french-badwords-list']!.push(+b);
    out['obscenity']!.push(+c);
    out['union']!.push(+(a || b || c));
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--work');
  const work = i > 0 ? resolve(process.argv[i + 1]!) : join(dirname(fileURLToPath(import.meta.url)), 'work');
  const rows = readFileSync(join(work, 'rows.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string; split: string });
  const test = rows.filter((r) => r.split === 'test');
  const flags = keywordFlags(test.map((r) => r.text));
  writeFileSync(join(work, 'keyword-baseline.json'), JSON.stringify({ ids: test.map((r) => r.id), flags }));
  console.log(`keyword baselines for ${test.length} test rows → ${join(work, 'keyword-baseline.json')}`);
}
