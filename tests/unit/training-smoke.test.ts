/**
 * End-to-end smoke run of the training pipeline (training/train.sh --smoke: a few hundred rows, one epoch),
 * then the exported ONNX is run by the extension's own runtime (onnxruntime-web in Node) on the parity
 * texts and must reproduce the scores PyTorch computed, within 1e-5. Fails (does not skip) when Debian's
 * PyTorch is missing, because CI is expected to install it.
 * The data is the committed fixture (tests/fixtures/datasets, tests/fixtures/contrast), so the test needs no
 * ../shared; BOUCLIER_DATASETS is removed from the pipeline's environment so it always runs on the fixture.
 * The pipeline runs once per file, started by whichever test needs it first, so the tests run in any order.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { featureChecksum, featurize } from '../../src/classifier/featurize.ts';
import { LABELS, type Scores } from '../../src/classifier/labels.ts';
import { loadClassifierFromFile } from '../../src/classifier/node-loader.ts';
import { parseModelJson } from '../../src/classifier/thresholds.ts';

const work = mkdtempSync(join(tmpdir(), 'bouclier-smoke-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Run a command without blocking (a blocking spawnSync would starve vitest's worker RPC during the run). */
function runProcess(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<{ status: number | null; out: string }> {
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
  const torchCheck = spawnSync('/usr/bin/python3', ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8' });
  if (torchCheck.status !== 0) {
    throw new Error(`/usr/bin/python3 cannot import torch/onnx/numpy (install python3-torch python3-onnx python3-numpy):\n${torchCheck.stderr}`);
  }
}

let pipeline: Promise<{ status: number | null; out: string; report: string }> | undefined;
/**
 * `train.sh --smoke` into `work`, run at most once; every test that needs its outputs awaits it. Returns the
 * student's report.json as the pipeline left it: the other tests' train.py runs rewrite <work>/report.json.
 */
async function smokePipeline(): Promise<{ report: string }> {
  requireTorch();
  const env: NodeJS.ProcessEnv = { ...process.env, BOUCLIER_SMOKE_DIR: work };
  delete env['BOUCLIER_DATASETS'];
  pipeline ??= runProcess('bash', ['training/train.sh', '--smoke'], 230_000, env).then((run) => {
    const reportPath = join(work, 'report.json');
    return { ...run, report: existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '' };
  });
  const run = await pipeline;
  expect(run.status, `smoke pipeline failed:\n${run.out}`).toBe(0);
  return run;
}

/** Train again on the smoke dataset in `work` with extra train.py options; the runtime's largest distance from PyTorch. */
async function optionExportDelta(dir: string, options: string[]): Promise<number> {
  await smokePipeline();
  const models = join(work, dir);
  const run = await runProcess('/usr/bin/python3', ['training/train.py', '--smoke', '--work', work, '--models', models, ...options], 110_000);
  expect(run.status, `train.py ${options.join(' ')} failed:\n${run.out}`).toBe(0);
  const info = parseModelJson(JSON.parse(readFileSync(join(models, 'model.json'), 'utf8')));
  const parity = JSON.parse(readFileSync(join(models, 'parity.json'), 'utf8')) as { texts: string[]; scores: number[][] };
  return (await runtimeVsTraining(join(models, 'bouclier.onnx'), info.featurizerVersion, parity)).maxDelta;
}

/** Scores of the parity texts in onnxruntime-web, and their largest distance from PyTorch's. */
async function runtimeVsTraining(
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

describe('training pipeline (smoke)', () => {
  it('trains, exports an ONNX model the runtime reproduces within 1e-5, and valid thresholds', async () => {
    const { report: reportJson } = await smokePipeline();
    // The fixture's datasets and contrast rows made it into the table, with their source names.
    const sources = new Set(
      readFileSync(join(work, 'rows.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { source: string }).source),
    );
    for (const s of ['edos', 'sexism-twitter-french', 'cyberagression-large', 'bouclier-contrast', 'bouclier-gen']) expect(sources).toContain(s);
    // Like `npm run train`: a teacher saved its scores on the train rows and the exported student was trained on them.
    const teacherScores = join(work, 'teachers', 's7', 'train-scores.npz');
    expect(existsSync(teacherScores)).toBe(true);
    const report = JSON.parse(reportJson) as { config: { distill: string; rank: number } };
    expect(report.config.distill).toBe(teacherScores);
    // The shipped recipe's ranking loss on our contrast minimal pairs ran (train.sh RECIPE).
    expect(report.config.rank).toBeGreaterThan(0);

    const models = join(work, 'models');
    const onnxPath = join(models, 'bouclier.onnx');
    expect(existsSync(onnxPath)).toBe(true);
    expect(statSync(onnxPath).size).toBeLessThan(10 * 1024 * 1024);

    const info = parseModelJson(JSON.parse(readFileSync(join(models, 'model.json'), 'utf8')));
    for (const l of LABELS) {
      // precision-oriented ≥ F1-optimal ≥ recall-oriented
      expect(info.thresholds.relaxed[l]).toBeGreaterThanOrEqual(info.thresholds.balanced[l]);
      expect(info.thresholds.balanced[l]).toBeGreaterThanOrEqual(info.thresholds.strict[l]);
    }

    const parity = JSON.parse(readFileSync(join(models, 'parity.json'), 'utf8')) as {
      texts: string[];
      featureChecksums: string[];
      scores: number[][];
    };
    expect(parity.texts.length).toBeGreaterThanOrEqual(40);
    parity.texts.forEach((t, i) => expect(featureChecksum(featurize(t))).toBe(parity.featureChecksums[i]));

    const { scores, maxDelta } = await runtimeVsTraining(onnxPath, info.featurizerVersion, parity);
    expect(maxDelta).toBeLessThanOrEqual(1e-5);
    // The parity set must exercise the model: not every text may get the same score.
    const distinct = new Set(scores.map((s) => s.misogyny.toFixed(6)));
    expect(distinct.size).toBeGreaterThan(5);
  }, 260_000);

  // Each test below may be the first to run (any order): its timeout covers the shared pipeline too.
  it('exports the opt-in wide part and embedding-mean path so the runtime reproduces them within 1e-5', async () => {
    // Reuses the smoke dataset in `work`; only train.py runs again, with both options on.
    expect(await optionExportDelta('models-options', ['--wide-slots', '16', '--emb-pool'])).toBeLessThanOrEqual(1e-5);
  }, 360_000);

  it('exports the opt-in GRU (ONNX GRU op, masked pooling) so the runtime reproduces it within 1e-5', async () => {
    // Same dataset again; train.py with --gru only. The runtime pads each batch to its longest chunk, so this
    // also checks that the GRU features do not depend on padding.
    expect(await optionExportDelta('models-gru', ['--gru', '16'])).toBeLessThanOrEqual(1e-5);
  }, 360_000);

  it('the all-labels distillation option exports too', async () => {
    // Reuses the teacher scores train.sh --smoke saved (the first test checks the student used them).
    await smokePipeline();
    const scores = join(work, 'teachers', 's7', 'train-scores.npz');
    expect(existsSync(scores)).toBe(true);
    expect(await optionExportDelta('models-student', ['--distill', scores, '--distill-all-labels'])).toBeLessThanOrEqual(1e-5);
  }, 360_000);
});
