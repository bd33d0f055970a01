/**
 * Text → hashed feature ids, exactly as specified in docs/classifier-contract.md.
 * Training imports this file (through training/build-dataset.ts) and the extension runs it before ONNX,
 * so there is one implementation of features: any change here must bump FEATURIZER_VERSION.
 */
import { normalizeTokens } from './normalize.ts';

/** Bump on ANY change to normalisation or hashing: a model is only valid with the featurizer it was trained on. */
export const FEATURIZER_VERSION = 'bouclier-feat-3';

export const FEATURIZER = {
  /** hashed ids per token position */
  K: 16,
  /** hash space; id 0 is padding, real ids are in [1, BUCKETS) */
  BUCKETS: 131072,
  /** max tokens per chunk */
  T_MAX: 64,
  /** max chunks per text; tokens beyond T_MAX * MAX_CHUNKS are ignored */
  MAX_CHUNKS: 64,
  /** number of character n-gram slots (slots 2..15) */
  CHAR_SLOTS: 14,
  CHAR_NGRAM_MIN: 3,
  CHAR_NGRAM_MAX: 5,
} as const;

const { K, BUCKETS, T_MAX, MAX_CHUNKS, CHAR_SLOTS, CHAR_NGRAM_MIN, CHAR_NGRAM_MAX } = FEATURIZER;

/** One chunk: `tokens × K` ids, row-major (token t's slots are ids[t*K .. t*K+K)). */
export type FeatureChunk = Int32Array;

/** Per-kind hash prefixes so a word and an identical n-gram land in different buckets. */
const PREFIX_WORD = 'w\u0001';
const PREFIX_BIGRAM = 'b\u0001';
const PREFIX_CHAR = 'c\u0001';
/** Previous-token stand-in for the first token of a text (not of a chunk: bigrams cross chunk borders). */
const BOS = '\u0002';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continue a 32-bit FNV-1a state with the UTF-8 bytes of one code point. */
function fnvCodePoint(h: number, cp: number): number {
  if (cp < 0x80) return Math.imul(h ^ cp, FNV_PRIME);
  if (cp < 0x800) {
    h = Math.imul(h ^ (0xc0 | (cp >> 6)), FNV_PRIME);
    return Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
  }
  if (cp < 0x10000) {
    h = Math.imul(h ^ (0xe0 | (cp >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
    return Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
  }
  h = Math.imul(h ^ (0xf0 | (cp >> 18)), FNV_PRIME);
  h = Math.imul(h ^ (0x80 | ((cp >> 12) & 0x3f)), FNV_PRIME);
  h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
  return Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
}

/** Code points of a string; lone surrogates → U+FFFD (as UTF-8 encoders do). */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      } else cp = 0xfffd;
    } else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    out.push(cp);
  }
  return out;
}

/** Continue an FNV-1a state with a string (streaming: fnvUpdate(fnvUpdate(h, a), b) = hash of a + b). */
function fnvUpdate(h: number, s: string): number {
  for (const cp of codePoints(s)) h = fnvCodePoint(h, cp);
  return h;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `s`. Lone surrogates → U+FFFD. */
export function fnv1a32(s: string): number {
  return fnvUpdate(FNV_OFFSET, s) >>> 0;
}

const toBucket = (h: number): number => ((h >>> 0) % (BUCKETS - 1)) + 1;

/** Hash → id in [1, BUCKETS). */
export function bucketOf(s: string): number {
  return (fnv1a32(s) % (BUCKETS - 1)) + 1;
}

/**
 * Character n-grams (3..5 code points) of `<token>`, in order n=3 (left to right), n=4, n=5.
 * When there are more than CHAR_SLOTS, keep CHAR_SLOTS of them evenly spread over that list
 * (index floor(i * (total - 1) / (CHAR_SLOTS - 1)): the first 3-gram and the last 5-gram are always kept)
 * so long words keep n-grams from every part, including their ending.
 */
export function charNgrams(token: string): string[] {
  const cps = Array.from(`<${token}>`);
  const grams: string[] = [];
  for (let n = CHAR_NGRAM_MIN; n <= CHAR_NGRAM_MAX; n++) {
    for (let i = 0; i + n <= cps.length; i++) grams.push(cps.slice(i, i + n).join(''));
  }
  if (grams.length <= CHAR_SLOTS) return grams;
  const picked: string[] = [];
  for (let i = 0; i < CHAR_SLOTS; i++) picked.push(grams[Math.floor((i * (grams.length - 1)) / (CHAR_SLOTS - 1))] as string);
  return picked;
}

const H_WORD = fnvUpdate(FNV_OFFSET, PREFIX_WORD);
const H_BIGRAM = fnvUpdate(FNV_OFFSET, PREFIX_BIGRAM);
const H_CHAR = fnvUpdate(FNV_OFFSET, PREFIX_CHAR);
const CP_LT = 0x3c; // '<'
const CP_GT = 0x3e; // '>'

/**
 * Ids that depend on the token alone (slot 0 and slots 2..15), cached: comment vocabularies are Zipfian, so
 * most tokens are hashed once. Same values as hashing the concatenated strings (FNV-1a is streaming).
 */
const tokenCache = new Map<string, Int32Array>();
const TOKEN_CACHE_MAX = 50_000;

function tokenOnlyIds(token: string): Int32Array {
  const hit = tokenCache.get(token);
  if (hit) return hit;
  const ids = new Int32Array(K); // slot 1 (bigram) stays 0 here
  const cps = codePoints(token);
  let h = H_WORD;
  for (const cp of cps) h = fnvCodePoint(h, cp);
  ids[0] = toBucket(h);
  const wrapped = [CP_LT, ...cps, CP_GT];
  const total = nGramCount(wrapped.length);
  const pick = total <= CHAR_SLOTS ? total : CHAR_SLOTS;
  for (let g = 0; g < pick; g++) {
    const idx = total <= CHAR_SLOTS ? g : Math.floor((g * (total - 1)) / (CHAR_SLOTS - 1));
    const [start, n] = nGramAt(wrapped.length, idx);
    let hc = H_CHAR;
    for (let k = start; k < start + n; k++) hc = fnvCodePoint(hc, wrapped[k] as number);
    ids[2 + g] = toBucket(hc);
  }
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
  tokenCache.set(token, ids);
  return ids;
}

/** Number of n-grams (n = 3..5) of a sequence of `len` code points. */
function nGramCount(len: number): number {
  let t = 0;
  for (let n = CHAR_NGRAM_MIN; n <= CHAR_NGRAM_MAX; n++) t += Math.max(0, len - n + 1);
  return t;
}

/** [start, n] of the idx-th n-gram in the order n=3 (left→right), n=4, n=5. */
function nGramAt(len: number, idx: number): [number, number] {
  for (let n = CHAR_NGRAM_MIN; n <= CHAR_NGRAM_MAX; n++) {
    const c = Math.max(0, len - n + 1);
    if (idx < c) return [idx, n];
    idx -= c;
  }
  throw new Error('n-gram index out of range');
}

/** The K ids of one token position. Exported for tests and the contract doc examples. */
export function tokenSlots(prev: string, token: string, out: Int32Array = new Int32Array(K), offset = 0): Int32Array {
  out.set(tokenOnlyIds(token), offset);
  out[offset + 1] = toBucket(fnvUpdate(fnvCodePoint(fnvUpdate(H_BIGRAM, prev), 0x20), token));
  return out;
}

/**
 * The tokens the features are built from: the normalised tokens, capped to what is scored (T_MAX ×
 * MAX_CHUNKS). Two texts with the same feature tokens get the same scores (the host's score cache relies
 * on it).
 */
export function featureTokens(text: string): string[] {
  const tokens = normalizeTokens(text);
  return tokens.length > T_MAX * MAX_CHUNKS ? tokens.slice(0, T_MAX * MAX_CHUNKS) : tokens;
}

/** Feature tokens → chunks of ≤ T_MAX token positions. */
export function featurizeTokens(tokens: readonly string[]): FeatureChunk[] {
  const n = Math.min(tokens.length, T_MAX * MAX_CHUNKS);
  const chunks: FeatureChunk[] = [];
  for (let start = 0; start < n; start += T_MAX) {
    const len = Math.min(T_MAX, n - start);
    const ids = new Int32Array(len * K);
    for (let t = 0; t < len; t++) {
      const i = start + t;
      tokenSlots(i === 0 ? BOS : (tokens[i - 1] as string), tokens[i] as string, ids, t * K);
    }
    chunks.push(ids);
  }
  return chunks;
}

/**
 * Text → chunks of ≤ T_MAX token positions, at most MAX_CHUNKS chunks (the rest of a very long text
 * is ignored). An empty or all-punctuation text gives [] (the model scores it 0 without running ONNX).
 */
export function featurize(text: string): FeatureChunk[] {
  return featurizeTokens(featureTokens(text));
}

/** Number of token positions in a chunk. */
export function chunkLength(chunk: FeatureChunk): number {
  return chunk.length / K;
}

export interface PackedBatch {
  /** [B, T, K] row-major */
  ids: Int32Array;
  /** [B, T]: 1 for real tokens, 0 for padding */
  mask: Float32Array;
  B: number;
  /** longest chunk in the batch (≥ 1 so tensors are never empty) */
  T: number;
}

/** Pad chunks to the longest one: ids 0 / mask 0 on padding. */
export function packBatch(chunks: readonly FeatureChunk[]): PackedBatch {
  const B = chunks.length;
  let T = 1;
  for (const c of chunks) T = Math.max(T, chunkLength(c));
  const ids = new Int32Array(B * T * K);
  const mask = new Float32Array(B * T);
  chunks.forEach((c, b) => {
    ids.set(c, b * T * K);
    mask.fill(1, b * T, b * T + chunkLength(c));
  });
  return { ids, mask, B, T };
}

/**
 * Order-sensitive checksum of a text's features (used by models/parity.json): FNV-1a 32-bit over the
 * little-endian bytes of u32 chunkCount, then per chunk u32 tokenCount followed by its int32 ids.
 * Returned as 8 lowercase hex digits.
 */
export function featureChecksum(chunks: readonly FeatureChunk[]): string {
  let h = FNV_OFFSET;
  const mix32 = (v: number): void => {
    for (let s = 0; s < 32; s += 8) h = Math.imul(h ^ ((v >>> s) & 0xff), FNV_PRIME);
  };
  mix32(chunks.length);
  for (const c of chunks) {
    mix32(chunkLength(c));
    for (let i = 0; i < c.length; i++) mix32(c[i] as number);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
