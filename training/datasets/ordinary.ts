/**
 * Ordinary sentences from the unlabelled corpora (../shared/corpora), as weak negatives: every label 0.
 *
 * Why: the labelled sets hold almost no everyday text (most of their rows are abusive or about abuse), so the
 * model had never been shown what a plain reply, a review or a line of debate looks like, and it scored many
 * of them as insults or misogyny ("Votre départ est une étape.", "Cela serait logique."). These rows show it.
 *
 * Which sentences: 4–40 words; no word of the profanity lists (keyword-baseline.ts) and no group word
 * (group-words.ts: women, men, pronouns, other groups), so they teach "ordinary text is not abuse" without
 * teaching that any mention of women, or of men, is harmless. Each text's sha1 bucket decides its use:
 * below TRAIN_BUCKETS it may be trained on; from HELD_OUT_BUCKET on it is kept for measuring (ordinaryHeldOut),
 * so a measure never sees a trained sentence. The corpora of a language take turns, in sha1 order.
 */
import { sha1 } from '../build/hash.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { normalizeTokens } from '../../src/classifier/normalize.ts';
import { keywordFlags } from '../keyword-baseline.ts';
import { GROUP_WORDS } from '../build/group-words.ts';
import { labels, type Lang, type SourceRow } from './types.ts';

export const ORDINARY_SOURCE = 'corpus-ordinary';
/** Sentences per language in a default build (about a tenth of the labelled training rows each). */
export const ORDINARY_PER_LANG = 15_000;
const CORPORA: Record<Lang, string[]> = {
  en: ['en-tweeteval-nontoxic', 'en-sentiment140'],
  fr: ['fr-tremolo-tweets-sample', 'fr-allocine-tv-reviews', 'fr-assemblee-debats-cv', 'fr-theatre-cv', 'fr-literature-cv'],
};
const TRAIN_BUCKETS = 90;
const HELD_OUT_BUCKET = 95;

export function corporaDir(): string {
  return process.env['BOUCLIER_CORPORA'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora');
}

const bucketOf = (text: string): number => parseInt(sha1(text).slice(0, 8), 16) % 100;

let groupTokens: Set<string> | null = null;
function mentionsGroup(text: string): boolean {
  groupTokens ??= new Set(GROUP_WORDS.flatMap((w) => normalizeTokens(w)));
  return normalizeTokens(text).some((t) => groupTokens!.has(t));
}

function candidates(dir: string, corpus: string, keep: (bucket: number) => boolean, want: number, filtered: boolean): string[] {
  const file = join(dir, corpus, `${corpus}.txt.gz`);
  if (!existsSync(file)) return []; // a corpora folder may hold only some of them (sample() needs one per language)
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const picked: Array<[string, string]> = [];
  for (const line of lines) {
    const text = line.trim();
    const words = text.split(/\s+/).length;
    if (words < 4 || words > 40 || text.length > 300) continue;
    if (!keep(bucketOf(text))) continue;
    picked.push([sha1(`ordinary|${text}`), text]);
  }
  picked.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Filters after the order is fixed, on a bounded prefix (the large corpora have hundreds of thousands).
  const out: string[] = [];
  const batch = 4096;
  for (let i = 0; i < picked.length && out.length < want; i += batch) {
    const texts = picked.slice(i, i + batch).map(([, t]) => t);
    // Unfiltered (a measuring sample as the corpora come), no word list is consulted.
    const flagged = filtered ? keywordFlags(texts)['union']! : null;
    texts.forEach((t, j) => {
      if (out.length < want && (!flagged || (flagged[j] === 0 && !mentionsGroup(t)))) out.push(t);
    });
  }
  return out;
}

interface Sampled {
  text: string;
  lang: Lang;
  corpus: string;
}

/** Up to `perLang` sentences per language, the corpora of a language taking turns. */
function sample(dir: string, perLang: number, keep: (bucket: number) => boolean, filtered: boolean): Sampled[] {
  const out: Sampled[] = [];
  for (const lang of ['en', 'fr'] as const) {
    const names = CORPORA[lang];
    if (!names.some((c) => existsSync(join(dir, c, `${c}.txt.gz`)))) throw new Error(`no ${lang} corpus in ${dir} (expected one of ${names.join(', ')})`);
    const pools = names.map((c) => candidates(dir, c, keep, perLang, filtered));
    let taken = 0;
    for (let i = 0; taken < perLang && pools.some((p) => i < p.length); i++) {
      for (let c = 0; c < pools.length && taken < perLang; c++) {
        const t = pools[c]![i];
        if (t === undefined) continue;
        out.push({ text: t, lang, corpus: names[c]! });
        taken++;
      }
    }
  }
  return out;
}

/** Training rows: weak negatives on every label, train split only (dev and test stay as they were). */
export function ordinaryRows(perLang: number, dir = corporaDir()): SourceRow[] {
  const zero = labels({ misogyny: 0, insult: 0, threat: 0, sexual: 0, identity_attack: 0, toxic: 0 });
  return sample(dir, perLang, (b) => b < TRAIN_BUCKETS, true).map((s) => ({
    text: s.text,
    lang: s.lang,
    source: ORDINARY_SOURCE,
    kind: s.corpus,
    labels: { ...zero },
    officialSplit: 'train',
  }));
}

/**
 * Held-out sentences (never trained on), for measuring how many a model hides: filtered as the training rows
 * are, or as they come (`filtered` false: some are rude, some mention women; most are still harmless).
 */
export function ordinaryHeldOut(perLang: number, filtered = true, dir = corporaDir()): Sampled[] {
  return sample(dir, perLang, (b) => b >= HELD_OUT_BUCKET, filtered);
}
