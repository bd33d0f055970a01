import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FEATURIZER,
  FEATURIZER_VERSION,
  bucketOf,
  charNgrams,
  featureChecksum,
  featurize,
  fnv1a32,
  packBatch,
  tokenSlots,
} from '../../src/classifier/featurize.ts';
import { FeatureFileBuilder, readFeatureFile } from '../../src/classifier/feature-file.ts';

const { K, BUCKETS, T_MAX, MAX_CHUNKS } = FEATURIZER;

describe('hashing', () => {
  it('is 32-bit FNV-1a over UTF-8 (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // UTF-8, not UTF-16: "é" is hashed as the two bytes C3 A9
    let h = 0x811c9dc5;
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(fnv1a32('é')).toBe(h);
  });
  it('never uses the padding id 0', () => {
    for (const s of ['', 'a', 'w\u0001salope', '😂']) {
      const id = bucketOf(s);
      expect(id).toBeGreaterThanOrEqual(1);
      expect(id).toBeLessThan(BUCKETS);
    }
  });
});

describe('featurize', () => {
  it('gives the same features to obfuscated and plain spellings', () => {
    const plain = featureChecksum(featurize("t'es qu'une salope"));
    for (const v of ["T'ES QU'UNE S4L0PE", 't’es qu’une s a l o p e', "t'es qu'une salooope", "t'es qu'une ѕаlоpе"]) {
      expect(featureChecksum(featurize(v))).toBe(plain);
    }
  });

  it('gives different features to different texts', () => {
    expect(featureChecksum(featurize('elle est brillante'))).not.toBe(featureChecksum(featurize('elle est stupide')));
  });

  it('fills K slots per token: word, bigram, then up to 14 char n-grams, zero-padded', () => {
    const [chunk] = featurize('ok salope');
    expect(chunk).toBeDefined();
    expect(chunk!.length).toBe(2 * K);
    // "ok": <ok> has 2 three-grams + 1 four-gram = 3 n-grams → slots 2..4, the rest 0
    expect(Array.from(chunk!.slice(0, K)).filter((x) => x !== 0)).toHaveLength(2 + 3);
    expect(Array.from(chunk!.slice(5, K)).every((x) => x === 0)).toBe(true);
    // "salope": 15 n-grams → 14 slots all used
    expect(Array.from(chunk!.slice(K, 2 * K)).every((x) => x !== 0)).toBe(true);
  });

  it('computes slots exactly as the contract spells them (string concatenation reference)', () => {
    // The implementation hashes incrementally and caches per token; this is the spec written naively.
    const reference = (prev: string, tok: string): number[] => {
      const ids = new Array<number>(K).fill(0);
      ids[0] = bucketOf('w\u0001' + tok);
      ids[1] = bucketOf('b\u0001' + prev + ' ' + tok);
      charNgrams(tok).forEach((g, i) => (ids[2 + i] = bucketOf('c\u0001' + g)));
      return ids;
    };
    const toks = ['salope', 'a', 'anticonstitutionnellement', '👩\u200D💻', 'ecole', 'xurl', 'f*ck', '𝓍'];
    toks.forEach((tok, i) => {
      const prev = i === 0 ? '\u0002' : (toks[i - 1] as string);
      expect(Array.from(tokenSlots(prev, tok))).toEqual(reference(prev, tok));
      expect(Array.from(tokenSlots(prev, tok))).toEqual(reference(prev, tok)); // cached path too
    });
    const chunk = featurize(toks.join(' '))[0]!;
    expect(Array.from(chunk.slice(0, K))).toEqual(reference('\u0002', 'salope'));
  });

  it('spreads n-gram slots over long words so their end still counts', () => {
    const grams = charNgrams('anticonstitutionnellement');
    expect(grams).toHaveLength(14);
    expect(grams[0]).toBe('<an');
    expect(grams[13]).toBe('ment>');
  });

  it('makes the bigram depend on the previous token, across chunk borders', () => {
    const a = featurize('tu es belle')[0]!;
    const b = featurize('tu es moche belle')[0]!;
    // same word id for "belle", different bigram id
    expect(a[2 * K]).toBe(b[3 * K]);
    expect(a[2 * K + 1]).not.toBe(b[3 * K + 1]);
    const long = featurize(Array.from({ length: 70 }, (_, i) => `w${i}x`).join(' '));
    expect(long.map((c) => c.length / K)).toEqual([64, 6]);
    const alone = featurize('w64x')[0]!;
    expect(long[1]![0]).toBe(alone[0]); // same word
    expect(long[1]![1]).not.toBe(alone[1]); // bigram sees "w63x", not the start of text
  });

  it('returns no chunks for texts with no tokens', () => {
    expect(featurize('')).toEqual([]);
    expect(featurize('  ... !!! ')).toEqual([]);
  });

  it('caps very long texts at MAX_CHUNKS chunks of T_MAX tokens', () => {
    const text = 'mot '.repeat(T_MAX * MAX_CHUNKS + 500);
    const chunks = featurize(text);
    expect(chunks).toHaveLength(MAX_CHUNKS);
    expect(chunks.every((c) => c.length === T_MAX * K)).toBe(true);
  });
});

describe('featurize: properties', () => {
  it('is deterministic, never throws, and ids are always in [0, BUCKETS) with ≤ T_MAX tokens per chunk', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const a = featurize(s);
        expect(featureChecksum(featurize(s))).toBe(featureChecksum(a));
        for (const c of a) {
          expect(c.length % K).toBe(0);
          expect(c.length / K).toBeLessThanOrEqual(T_MAX);
          for (const id of c) {
            expect(id).toBeGreaterThanOrEqual(0);
            expect(id).toBeLessThan(BUCKETS);
          }
          for (let t = 0; t < c.length; t += K) expect(c[t]).not.toBe(0); // every token has a word id
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('packBatch', () => {
  it('pads to the longest chunk with id 0 and mask 0', () => {
    const a = featurize('une deux trois quatre')[0]!;
    const b = featurize('salut')[0]!;
    const p = packBatch([a, b]);
    expect(p.B).toBe(2);
    expect(p.T).toBe(4);
    expect(Array.from(p.mask)).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(p.ids.slice(0, 4 * K))).toEqual(Array.from(a));
    expect(Array.from(p.ids.slice(4 * K, 5 * K))).toEqual(Array.from(b));
    expect(p.ids.slice(5 * K).every((x) => x === 0)).toBe(true);
  });
});

describe('feature file (BFT1)', () => {
  it('round-trips rows, including empty rows and multi-chunk rows', () => {
    const texts = ['bonjour', '', 'mot '.repeat(150), "t'es qu'une s4l0pe"];
    const builder = new FeatureFileBuilder();
    texts.forEach((t) => builder.push(featurize(t)));
    const bytes = builder.toBytes();
    expect(bytes.length % 4).toBe(0);
    const { header, rows } = readFeatureFile(bytes);
    expect(header).toMatchObject({ featurizerVersion: FEATURIZER_VERSION, K, buckets: BUCKETS, rows: 4, chunks: 5 });
    rows.forEach((r, i) => expect(featureChecksum(r)).toBe(featureChecksum(featurize(texts[i]!))));
  });
  it('rejects a file that is not a feature file', () => {
    expect(() => readFeatureFile(new TextEncoder().encode('{"rows":1}'))).toThrow(/magic/);
  });
});
