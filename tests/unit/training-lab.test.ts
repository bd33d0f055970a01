/**
 * The experiments of training/lab/ that build on the trainer (train_lab.py: network variants, loss and
 * calibration options) still run on the smoke dataset, and their ONNX exports are reproduced by the runtime
 * within 1e-5; without any lab option, train_lab.py trains exactly train.py's model. Needs its own smoke
 * pipeline (helpers/training-smoke.ts), run once for this file, so it passes alone and in any order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeSmokePipeline, runProcess, smokePipeline, trainAndCompare } from './helpers/training-smoke.ts';

const LAB = 'training/lab/train_lab.py';
afterAll(removeSmokePipeline);

describe('training lab (smoke)', () => {
  it('exports the wide part and the embedding-mean path so the runtime reproduces them within 1e-5', async () => {
    expect((await trainAndCompare(LAB, 'models-wide', ['--wide-slots', '16', '--emb-pool'])).maxDelta).toBeLessThanOrEqual(1e-5);
  }, 360_000);

  it('exports the GRU (ONNX GRU op, masked pooling) so the runtime reproduces it within 1e-5', async () => {
    // The runtime pads each batch to its longest chunk, so this also checks that the GRU features do not depend on padding.
    expect((await trainAndCompare(LAB, 'models-gru', ['--gru', '16'])).maxDelta).toBeLessThanOrEqual(1e-5);
  }, 360_000);

  it('distils on all labels from the teacher scores the pipeline saved, and dumps scores compare_runs.py reads', async () => {
    const { work } = await smokePipeline();
    const scores = join(work, 'teachers', 's7', 'train-scores.npz');
    expect(existsSync(scores)).toBe(true);
    const dump = join(work, 'all-labels.npz');
    const run = await trainAndCompare(LAB, 'models-all-labels', ['--distill', scores, '--distill-all-labels', '--pos-weight', 'sexual=3', '--dump', dump]);
    expect(run.maxDelta).toBeLessThanOrEqual(1e-5);
    const cmp = await runProcess('/usr/bin/python3', ['training/lab/compare_runs.py', dump, '--work', work, '--calibrations', 'default,prev10,hostile-sexual'], 60_000);
    expect(cmp.status, cmp.out).toBe(0);
    expect(cmp.out).toMatch(/all-labels \[prev10\] dev/);
  }, 360_000);

  it('trains exactly what train.py trains when no lab option is given', async () => {
    const lab = await trainAndCompare(LAB, 'models-lab-plain', ['--rank', '1.0']);
    const shipped = await trainAndCompare('training/train.py', 'models-shipped-plain', ['--rank', '1.0']);
    for (const f of ['bouclier.onnx', 'model.json', 'parity.json']) {
      expect(readFileSync(join(lab.models, f)).equals(readFileSync(join(shipped.models, f))), f).toBe(true);
    }
  }, 360_000);
});
