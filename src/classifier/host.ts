/**
 * The classifier host: loads the shipped model once in a long-lived extension context (the
 * offscreen document in Chrome, the background page in Firefox) and serves batched requests from
 * every tab. Loading is lazy and shared: concurrent first requests wait for the same load; a failed
 * load is reported (never a silent "all clean") and retried on the next request.
 */
import { createClassifier } from './model';
import type { LevelThresholds, Scores } from './labels';
import { parseModelJson } from './thresholds';
import { createScoreCache, type ScoreCacheStats } from './score-cache';
import type { FeatureChunk } from './featurize';

export interface ModelAssets {
  modelBytes: ArrayBuffer;
  modelJson: unknown;
  wasmUrl: string;
}

export interface HostState {
  state: 'idle' | 'loading' | 'ready' | 'failed';
  error?: string;
  loadMs?: number;
  /** texts answered by normalised text vs scored by the model (score-cache.ts) */
  cache?: ScoreCacheStats;
}

/** A full run: 128 texts of one 64-token chunk each (the most a run holds, see model.ts). */
const WARM_UP_TEXTS: string[] = Array.from({ length: 128 }, () => 'un mot '.repeat(32).trim());

/**
 * Sentences like a thread's (short and long, EN and FR, accents, emoji, mentions, links, digits, spaced
 * and leet spellings), scored a few times after the full run: the featurizer's paths for real text are
 * compiled before her first page, not during it (bench:page reports the host compute of a page's first
 * request: with the full run alone it is several times that of later requests).
 */
const WARM_UP_SENTENCES = [
  'Thanks for sharing, great thread!',
  "I don't agree with your take on the budget, but the sourcing is solid.",
  'Merci pour cet article très documenté, bon courage à toute la rédaction 👏',
  'Quelqu’un a le lien vers l’étude complète ? https://example.org/etude?id=42',
  '@journaliste_fr tu peux partager la source stp',
  'C E T T E  phrase est   e s p a c é e… et ç4 c’3st d3 l4 l33t',
  'Ma sœur est ingénieure, elle a adoré votre reportage !!! 😂😂',
  'What time is the livestream tomorrow? 18:30 CET?',
  'ÇA ALORS, QUELLE NOUVELLE INCROYABLE',
  'lol ok',
];
const WARM_UP_ROUNDS = 4;

/** Message (to the offscreen document) that empties the score cache: erase-everything (src/store/erase.ts). */
export const HOST_FORGET = 'host-forget';

export function createClassifierHost(loadAssets: () => Promise<ModelAssets>) {
  let status: HostState = { state: 'idle' };
  let loading: Promise<{ scoreFeatures(chunks: FeatureChunk[][]): Promise<Scores[]>; thresholds: LevelThresholds }> | null = null;
  const cache = createScoreCache();
  /** A real request came: the warm-up sentences stop (see load). */
  let requested = false;

  function load() {
    if (!loading) {
      const started = performance.now();
      status = { state: 'loading' };
      loading = (async () => {
        const assets = await loadAssets();
        const info = parseModelJson(assets.modelJson);
        const classifier = await createClassifier({
          modelBytes: assets.modelBytes,
          wasmPaths: { wasm: assets.wasmUrl },
          featurizerVersion: info.featurizerVersion,
        });
        // One run at the largest batch shape before the first request: the WASM heap grows to it now,
        // not in the middle of her first busy page (the first batch of that shape is several times slower
        // than the next ones).
        await classifier.score(WARM_UP_TEXTS);
        const thresholds = info.thresholds;
        status = { state: 'ready', loadMs: Math.round(performance.now() - started) };
        // The sentences come after "ready" and stop at her first request (which then waits for one round at
        // most): a page waiting at browser start does not wait for all of them.
        void (async () => {
          for (let i = 0; i < WARM_UP_ROUNDS && !requested; i++) {
            await classifier.score(Array.from({ length: 64 }, (_, j) => `${WARM_UP_SENTENCES[(i + j) % WARM_UP_SENTENCES.length]!} ${j % 7 ? j : ''}`.repeat(1 + (j % 4))));
          }
        })().catch(() => undefined);
        return { scoreFeatures: (chunks: FeatureChunk[][]) => classifier.scoreFeatures(chunks), thresholds };
      })().catch((e: unknown) => {
        status = { state: 'failed', error: e instanceof Error ? e.message : String(e) };
        loading = null; // retry on the next request
        throw e;
      });
    }
    return loading;
  }

  return {
    status: (): HostState => ({ ...status, cache: cache.stats() }),
    /** Forget the texts scored so far (the cache's keys are texts she was shown). */
    forget(): void {
      cache.clear();
    },
    /** Start loading now (so the first comment does not wait for it). */
    warmUp(): void {
      load().catch(() => undefined);
    },
    async classify(texts: string[]): Promise<{ scores: Scores[]; thresholds: LevelThresholds; hostMs: number }> {
      requested = true;
      const model = await load();
      const started = performance.now();
      // Copies and re-spellings of a text already scored (a pile-on, the same text on another tab) cost nothing.
      const scores = await cache.score(texts, model.scoreFeatures);
      return { scores, thresholds: model.thresholds, hostMs: performance.now() - started };
    },
  };
}

export type ClassifierHost = ReturnType<typeof createClassifierHost>;

/** Assets as bundled in the extension (see wxt.config.ts: models/ and the ORT wasm are copied). */
export async function loadBundledAssets(getURL: (path: string) => string): Promise<ModelAssets> {
  const [modelRes, jsonRes] = await Promise.all([fetch(getURL('/models/bouclier.onnx')), fetch(getURL('/models/model.json'))]);
  if (!modelRes.ok || !jsonRes.ok) throw new Error('The Bouclier model is missing from the extension package');
  return {
    modelBytes: await modelRes.arrayBuffer(),
    modelJson: await jsonRes.json(),
    wasmUrl: getURL('/ort/ort-wasm-simd-threaded.wasm'),
  };
}
