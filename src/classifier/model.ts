/**
 * The on-device classifier runtime: featurize → ONNX (onnxruntime-web, WASM backend, 1 thread) → Scores.
 * Runs in Node (CLI, tests, bench) and in an extension page (offscreen document / Firefox background), so it
 * has no Node-only imports; Node helpers live in node-loader.ts.
 *
 * Extension contexts must pass `wasmPaths: { wasm: url }` (an object): a string prefix makes ORT
 * dynamic-import its .mjs glue, which an MV3 service worker forbids. Node passes `wasmBinary` instead.
 */
import * as ort from 'onnxruntime-web/wasm';
import { FEATURIZER, FEATURIZER_VERSION, chunkLength, featurize, packBatch, type FeatureChunk } from './featurize.ts';
import { LABELS, type Scores } from './labels.ts';

export interface ClassifierOptions {
  /** bytes of models/bouclier.onnx */
  modelBytes: ArrayBuffer | Uint8Array;
  /** extension: URL of ort-wasm-simd-threaded.wasm, as an object (see header) */
  wasmPaths?: { wasm: string | URL };
  /** Node: the bytes of ort-wasm-simd-threaded.wasm (avoids any fetch / dynamic import) */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** model.json's featurizerVersion; a mismatch with this build's featurizer is refused */
  featurizerVersion?: string;
  /** chunks per ONNX run (default 128): bounds memory for long texts and big batches */
  maxBatchChunks?: number;
}

export interface Classifier {
  /** One Scores per text, same order. A text with no tokens (empty, only punctuation) scores 0 everywhere. */
  score(texts: readonly string[]): Promise<Scores[]>;
  /** Same, from already featurized texts (eval and bench use it to time ONNX alone). */
  scoreFeatures(texts: readonly FeatureChunk[][]): Promise<Scores[]>;
  release(): Promise<void>;
}

export const DEFAULT_MAX_BATCH_CHUNKS = 128;
/**
 * The fixed cost of one ONNX run, in padded token rows (a run costs a fixed part plus a part per
 * batch × length row; this is their ratio, timed with the shipped model in Node). Used to split a batch
 * where padding would cost more than another run.
 */
export const RUN_OVERHEAD_ROWS = 400;

/**
 * Split chunks sorted by length into consecutive runs of ≤ maxChunks, minimising the estimated cost
 * Σ (RUN_OVERHEAD_ROWS + run size × its longest chunk): a batch mixing 3-token and 64-token comments
 * would otherwise pad every short one to 64. Returns each run's end index. Scores do not depend on
 * the split (padding is masked everywhere in the model).
 */
export function planRuns(sortedLengths: readonly number[], maxChunks: number): number[] {
  const n = sortedLengths.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    const longest = Math.max(1, sortedLengths[i - 1]!);
    for (let j = Math.max(0, i - maxChunks); j < i; j++) {
      const cost = best[j]! + RUN_OVERHEAD_ROWS + (i - j) * longest;
      if (cost < best[i]!) {
        best[i] = cost;
        from[i] = j;
      }
    }
  }
  const ends: number[] = [];
  for (let i = n; i > 0; i = from[i]!) ends.push(i);
  return ends.reverse();
}

function zeroScores(): Scores {
  return Object.fromEntries(LABELS.map((l) => [l, 0])) as Scores;
}

export async function createClassifier(opts: ClassifierOptions): Promise<Classifier> {
  if (opts.featurizerVersion !== undefined && opts.featurizerVersion !== FEATURIZER_VERSION) {
    throw new Error(
      `model was trained with featurizer "${opts.featurizerVersion}" but this build has "${FEATURIZER_VERSION}"`,
    );
  }
  // ORT's env is global; these settings are the same for every session we create.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  if (opts.wasmBinary) ort.env.wasm.wasmBinary = opts.wasmBinary;
  if (opts.wasmPaths) ort.env.wasm.wasmPaths = opts.wasmPaths;
  const bytes = opts.modelBytes instanceof Uint8Array ? opts.modelBytes : new Uint8Array(opts.modelBytes);
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    // No graph optimisation: for a graph this small, ORT's optimisers are a large share of its session creation
    // (and make the first run slower) for no measurable gain in throughput (interleaved A/B in models/README.md).
    graphOptimizationLevel: 'disabled',
  });
  for (const name of ['ids', 'mask']) {
    if (!session.inputNames.includes(name)) throw new Error(`model has no "${name}" input (contract: ids, mask)`);
  }
  if (!session.outputNames.includes('scores')) throw new Error('model has no "scores" output');
  const maxChunks = Math.max(1, opts.maxBatchChunks ?? DEFAULT_MAX_BATCH_CHUNKS);

  // ORT-web sessions must not run concurrently: serialise calls.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function runChunks(chunks: FeatureChunk[]): Promise<Float32Array> {
    const packed = packBatch(chunks);
    const feeds = {
      ids: new ort.Tensor('int32', packed.ids, [packed.B, packed.T, FEATURIZER.K]),
      mask: new ort.Tensor('float32', packed.mask, [packed.B, packed.T]),
    };
    const out = await session.run(feeds);
    const scores = out['scores'];
    if (!scores || scores.dims.length !== 2 || scores.dims[0] !== packed.B || scores.dims[1] !== LABELS.length) {
      throw new Error(`model output "scores" has shape [${scores?.dims.join(', ')}], expected [${packed.B}, ${LABELS.length}]`);
    }
    const data = scores.data as Float32Array;
    for (const t of Object.values(out)) t.dispose();
    return data;
  }

  async function scoreFeatures(texts: readonly FeatureChunk[][]): Promise<Scores[]> {
    const result = texts.map(() => zeroScores());
    // Flatten chunks (remembering their text), sort by length so runs pad little, split where padding costs
    // more than a run (planRuns), ≤ maxChunks per run.
    const all: { text: number; chunk: FeatureChunk; length: number }[] = [];
    texts.forEach((chunks, i) => chunks.forEach((chunk) => all.push({ text: i, chunk, length: chunkLength(chunk) })));
    all.sort((a, b) => a.length - b.length);
    let start = 0;
    for (const end of planRuns(all.map((c) => c.length), maxChunks)) {
      const group = all.slice(start, end);
      start = end;
      const data = await runChunks(group.map((g) => g.chunk));
      group.forEach((g, b) => {
        const s = result[g.text] as Scores;
        LABELS.forEach((label, j) => {
          // max over a text's chunks: one hostile passage in a long comment is enough
          s[label] = Math.max(s[label], data[b * LABELS.length + j] as number);
        });
      });
    }
    return result;
  }

  return {
    score: (texts) => serial(() => scoreFeatures(texts.map((t) => featurize(t)))),
    scoreFeatures: (texts) => serial(() => scoreFeatures(texts)),
    release: () => serial(() => session.release()),
  };
}
