/**
 * Model benchmark: size, cold load, throughput and latency at batch 1/16/128, peak memory.
 *
 *   npm run --silent bench:model [-- --json] [--model models/bouclier.onnx] [--texts 2048]
 *
 * Cold load is measured in fresh child processes, the median of 5: read the files, create the model's session
 * (which starts onnxruntime-web: WASM compile + its C++ runtime's init) and run a first inference — the path
 * the extension takes. Three more children load the tiny fixture first, only to split onnxruntime-web's start
 * from the model's session (that extra session costs time of its own, so they do not count in the cold
 * load). The load average is printed with it: on a loaded machine it moves the figure a lot. Throughput is
 * end-to-end `score()` (normalise + featurize + ONNX) on seeded synthetic comments with realistic lengths
 * (scripts/lib/synthetic-comments.ts), one thread, after a warm-up. Without a shipped model it falls back
 * to the tiny test fixture and says so (those numbers only measure the runtime's overhead).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import { featurize } from '../src/classifier/featurize.ts';
import { createClassifier } from '../src/classifier/model.ts';
import { ortWasmBinary } from '../src/classifier/node-loader.ts';
import { syntheticComments } from './lib/synthetic-comments.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHIPPED = join(ROOT, 'models/bouclier.onnx');
const FIXTURE = join(ROOT, 'tests/fixtures/tiny-model.onnx');

interface BatchResult {
  batch: number;
  texts: number;
  textsPerSec: number;
  p50Ms: number;
  p95Ms: number;
}

export interface BenchResult {
  model: string;
  fixture: boolean;
  sizeBytes: number;
  coldLoadMs: {
    median: number;
    runs: number[];
    readMs: number;
    /** onnxruntime-web's start + the model's session, as one step (the real path) */
    sessionMs: number;
    firstInferenceMs: number;
    /** from the separate runs with the tiny fixture loaded first (medians) */
    split: { runtimeInitMs: number; createMs: number; runs: number };
    /** 1-minute load average before / after the cold-load runs */
    loadAverage: [number, number];
  };
  featurizeTextsPerSec: number;
  batches: BatchResult[];
  peakMemory: { rssMB: number; arrayBuffersMB: number; baselineRssMB: number };
  corpus: { texts: number; meanWords: number; seed: number };
  node: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

interface ColdRun {
  readMs: number;
  sessionMs: number;
  firstInferenceMs: number;
  totalMs: number;
}
interface SplitRun {
  runtimeInitMs: number;
  createMs: number;
}

/** Child mode: one cold load (read → session → first inference), printed as JSON. */
async function coldChild(modelPath: string): Promise<void> {
  const t0 = performance.now();
  const bytes = readFileSync(modelPath);
  const wasm = ortWasmBinary();
  const t1 = performance.now();
  const clf = await createClassifier({ modelBytes: bytes, wasmBinary: wasm });
  const t2 = performance.now();
  await clf.score(['Merci pour cet article, vraiment intéressant !']);
  const t3 = performance.now();
  const run: ColdRun = { readMs: t1 - t0, sessionMs: t2 - t1, firstInferenceMs: t3 - t2, totalMs: t3 - t0 };
  process.stdout.write(JSON.stringify(run));
}

/**
 * Child mode for the breakdown only: onnxruntime-web's start (WASM compile + its C++ runtime's init, once per
 * process) timed with the tiny fixture's session, then the model's own session.
 */
async function splitChild(modelPath: string): Promise<void> {
  const wasm = ortWasmBinary();
  const bytes = readFileSync(modelPath);
  const t0 = performance.now();
  const runtime = await createClassifier({ modelBytes: readFileSync(FIXTURE), wasmBinary: wasm });
  const t1 = performance.now();
  await createClassifier({ modelBytes: bytes, wasmBinary: wasm });
  const t2 = performance.now();
  await runtime.release();
  const run: SplitRun = { runtimeInitMs: t1 - t0, createMs: t2 - t1 };
  process.stdout.write(JSON.stringify(run));
}

function median(xs: number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

async function main(): Promise<void> {
  const childModel = arg('--cold-child');
  if (childModel) return coldChild(childModel);
  const splitModel = arg('--split-child');
  if (splitModel) return splitChild(splitModel);

  const asJson = process.argv.includes('--json');
  const requested = arg('--model');
  const modelPath = requested ? resolve(requested) : existsSync(SHIPPED) ? SHIPPED : FIXTURE;
  const fixture = modelPath === FIXTURE;
  if (!existsSync(modelPath)) throw new Error(`no model at ${modelPath}`);
  const nTexts = Number(arg('--texts') ?? 2048);
  const seed = 42;
  const log = (s: string) => {
    if (!asJson) process.stderr.write(`${s}\n`);
  };
  if (fixture) log('NOTE: models/bouclier.onnx not found — benchmarking the tiny test fixture (runtime overhead only).');

  // Cold load: fresh processes so nothing is cached in V8 or ORT. Real runs and split runs interleaved.
  const child = <T>(mode: string): T => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), mode, modelPath], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    if (r.status !== 0) throw new Error(`cold-load child failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const loadBefore = loadavg()[0] as number;
  const runs: ColdRun[] = [];
  const splits: SplitRun[] = [];
  for (let i = 0; i < 5; i++) {
    log(`cold load ${i + 1}/5…`);
    runs.push(child<ColdRun>('--cold-child'));
    if (i < 3) splits.push(child<SplitRun>('--split-child'));
  }
  const loadAfter = loadavg()[0] as number;
  const med = [...runs].sort((a, b) => a.totalMs - b.totalMs)[2] as ColdRun;
  const split = { runtimeInitMs: median(splits.map((s) => s.runtimeInitMs)), createMs: median(splits.map((s) => s.createMs)), runs: splits.length };

  const texts = syntheticComments(nTexts, seed);
  const meanWords = texts.reduce((a, t) => a + t.split(' ').length, 0) / texts.length;

  const baseline = process.memoryUsage(); // Node + tsx + corpus, before any ORT allocation
  let peakRss = 0;
  let peakAb = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakAb = Math.max(peakAb, m.arrayBuffers);
  };
  const sampler = setInterval(sample, 20);

  // featurize alone (what the extension pays before ONNX), after a JIT warm-up on other comments
  for (const t of syntheticComments(512, seed + 1)) featurize(t);
  const f0 = performance.now();
  for (const t of texts) featurize(t);
  const featurizeTextsPerSec = texts.length / ((performance.now() - f0) / 1000);

  const clf = await createClassifier({ modelBytes: readFileSync(modelPath), wasmBinary: ortWasmBinary() });
  await clf.score(texts.slice(0, 64)); // warm-up
  const batches: BatchResult[] = [];
  for (const batch of [1, 16, 128]) {
    // batch 1 is slow per text: a quarter of the corpus is enough for stable percentiles
    const use = batch === 1 ? texts.slice(0, Math.max(256, Math.floor(texts.length / 4))) : texts;
    const lat: number[] = [];
    const start = performance.now();
    for (let i = 0; i < use.length; i += batch) {
      const b0 = performance.now();
      await clf.score(use.slice(i, i + batch));
      lat.push(performance.now() - b0);
      sample();
    }
    const secs = (performance.now() - start) / 1000;
    lat.sort((a, b) => a - b);
    batches.push({ batch, texts: use.length, textsPerSec: use.length / secs, p50Ms: quantile(lat, 0.5), p95Ms: quantile(lat, 0.95) });
    log(`batch ${batch} done`);
  }
  clearInterval(sampler);
  sample();
  await clf.release();

  const result: BenchResult = {
    model: relative(ROOT, modelPath),
    fixture,
    sizeBytes: statSync(modelPath).size,
    coldLoadMs: {
      median: med.totalMs,
      runs: runs.map((r) => r.totalMs),
      readMs: med.readMs,
      sessionMs: med.sessionMs,
      firstInferenceMs: med.firstInferenceMs,
      split,
      loadAverage: [loadBefore, loadAfter],
    },
    featurizeTextsPerSec,
    batches,
    peakMemory: { rssMB: peakRss / 2 ** 20, arrayBuffersMB: peakAb / 2 ** 20, baselineRssMB: baseline.rss / 2 ** 20 },
    corpus: { texts: texts.length, meanWords, seed },
    node: process.version,
  };
  if (asJson) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const f = (x: number, d = 1) => x.toFixed(d);
  const lines = [
    `model                 ${result.model}${fixture ? '  (TEST FIXTURE, not the shipped model)' : ''}`,
    `size on disk          ${f(result.sizeBytes / 2 ** 20, 2)} MiB`,
    `cold load (median/5)  ${f(med.totalMs, 0)} ms  = read ${f(med.readMs, 0)} + onnxruntime-web start and model session ${f(med.sessionMs, 0)} + first inference ${f(med.firstInferenceMs, 0)}   (runs: ${runs.map((r) => f(r.totalMs, 0)).join(', ')} ms; load average ${f(loadBefore, 2)} → ${f(loadAfter, 2)})`,
    `  split (median/${split.runs})    onnxruntime-web start ${f(split.runtimeInitMs, 0)} ms (timed with the tiny fixture's session), then the model's session ${f(split.createMs, 0)} ms`,
    `featurize only        ${f(featurizeTextsPerSec, 0)} texts/s`,
    `corpus                ${texts.length} synthetic comments, mean ${f(meanWords)} words, seed ${seed}`,
    '',
    'batch   texts   texts/s   p50 ms/batch   p95 ms/batch',
    ...batches.map((b) => `${String(b.batch).padStart(5)} ${String(b.texts).padStart(7)} ${f(b.textsPerSec, 0).padStart(9)} ${f(b.p50Ms, 2).padStart(14)} ${f(b.p95Ms, 2).padStart(14)}`),
    '',
    `peak memory           rss ${f(result.peakMemory.rssMB)} MiB (${f(result.peakMemory.baselineRssMB)} MiB before loading ORT: Node + tsx), arrayBuffers ${f(result.peakMemory.arrayBuffersMB)} MiB (includes the 14 MiB ORT wasm binary)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench-model: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
