/**
 * The smoke training pipeline (training/train.sh --smoke: a few hundred rows of the committed fixture, one
 * epoch, one teacher and the distilled student) for the tests that need its outputs. Each test file that calls
 * smokePipeline() gets its own run in its own temporary folder, started by whichever of its tests needs it first
 * and run once per file, so every file passes alone and in any order. Fails (does not skip) when Debian's
 * PyTorch is missing, because CI is expected to install it. BOUCLIER_DATASETS is removed from the pipeline's
 * environment so it always runs on the fixture.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { LABELS, type Scores } from '../../../src/classifier/labels.ts';
import { loadClassifierFromFile } from '../../../src/classifier/node-loader.ts';
import { parseModelJson } from '../../../src/classifier/thresholds.ts';

export interface ProcessResult {
  status: number | null;
  out: string;
}

/** Run a command without blocking (a blocking spawnSync would starve vitest's worker RPC during the run). */
export function runProcess(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, env ? { env } : {});
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolveRun({ status, out });
    });
  });
}

function requireTorch(): void {
  const torchCheck = spawnSync('/usr/bin/python3', ['-c', 'import torch, onnx, numpy, scipy, sklearn'], { encoding: 'utf8' });
  if (torchCheck.status !== 0) {
    throw new Error(`/usr/bin/python3 cannot import torch/onnx/numpy/scipy/sklearn (install python3-torch python3-onnx python3-numpy python3-scipy python3-sklearn):\n${torchCheck.stderr}`);
  }
}

export interface SmokeRun extends ProcessResult {
  /** The work folder: rows.jsonl, features.bin, teachers/s7/, models/ (the student). */
  work: string;
  /** The student's report.json as the pipeline left it (later train.py runs in `work` may rewrite the file). */
  report: string;
}

let pipeline: Promise<SmokeRun> | undefined;

/** `train.sh --smoke` into a fresh temporary folder, run at most once per test file; every caller awaits it. */
export async function smokePipeline(): Promise<SmokeRun> {
  requireTorch();
  pipeline ??= (async () => {
    const work = mkdtempSync(join(tmpdir(), 'bouclier-smoke-test-'));
    const env: NodeJS.ProcessEnv = { ...process.env, BOUCLIER_SMOKE_DIR: work };
    delete env['BOUCLIER_DATASETS'];
    const run = await runProcess('bash', ['training/train.sh', '--smoke'], 230_000, env);
    const reportPath = join(work, 'report.json');
    return { ...run, work, report: existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '' };
  })();
  const run = await pipeline;
  expect(run.status, `smoke pipeline failed:\n${run.out}`).toBe(0);
  return run;
}

/** Removes this file's pipeline folder (for afterAll); a no-op when no test started it. */
export async function removeSmokePipeline(): Promise<void> {
  const run = await pipeline?.catch(() => undefined);
  if (run) rmSync(run.work, { recursive: true, force: true });
}

/** Scores of the parity texts in onnxruntime-web, and their largest distance from PyTorch's. */
export async function runtimeVsTraining(
  onnxPath: string,
  featurizerVersion: string,
  parity: { texts: string[]; scores: number[][] },
): Promise<{ scores: Scores[]; maxDelta: number }> {
  const classifier = await loadClassifierFromFile(onnxPath, featurizerVersion);
  const scores = await classifier.score(parity.texts);
  await classifier.release();
  let maxDelta = 0;
  scores.forEach((s, i) =>
    LABELS.forEach((l, j) => {
      maxDelta = Math.max(maxDelta, Math.abs(s[l] - parity.scores[i]![j]!));
    }),
  );
  return { scores, maxDelta };
}

/**
 * Train again on the smoke dataset with a training script (train.py or a lab script) and options, into
 * `<work>/<dir>`; returns the runtime's largest distance from PyTorch on the parity texts.
 */
export async function trainAndCompare(script: string, dir: string, options: string[]): Promise<{ models: string; maxDelta: number }> {
  const { work } = await smokePipeline();
  const models = join(work, dir);
  const run = await runProcess('/usr/bin/python3', [script, '--smoke', '--work', work, '--models', models, '--report', join(models, 'report.json'), ...options], 110_000);
  expect(run.status, `${script} ${options.join(' ')} failed:\n${run.out}`).toBe(0);
  const info = parseModelJson(JSON.parse(readFileSync(join(models, 'model.json'), 'utf8')));
  const parity = JSON.parse(readFileSync(join(models, 'parity.json'), 'utf8')) as { texts: string[]; scores: number[][] };
  return { models, maxDelta: (await runtimeVsTraining(join(models, 'bouclier.onnx'), info.featurizerVersion, parity)).maxDelta };
}
