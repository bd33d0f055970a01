import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { featureChecksum, featurize, FEATURIZER_VERSION } from '../../src/classifier/featurize.ts';
import { loadClassifierFromFile } from '../../src/classifier/node-loader.ts';
import { LABELS } from '../../src/classifier/labels.ts';

/**
 * Training/runtime parity: the Python side wrote, for each text, the checksum of the features it trained on
 * (featurized by this TypeScript code) and its own scores. The extension must see identical features and,
 * with ORT-web, the same scores within 1e-5. Format: docs/classifier-contract.md (models/parity.json).
 */
interface ParityFile {
  featurizerVersion: string;
  texts: string[];
  featureChecksums: string[];
  scores: number[][];
}

const root = new URL('../../', import.meta.url).pathname;
const pairs = [
  { name: 'tiny fixture (random weights, PyTorch)', parity: 'tests/fixtures/tiny-parity.json', onnx: 'tests/fixtures/tiny-model.onnx' },
  { name: 'shipped model', parity: 'models/parity.json', onnx: 'models/bouclier.onnx' },
];

for (const p of pairs) {
  const present = existsSync(root + p.parity) && existsSync(root + p.onnx);
  describe.skipIf(!present)(`parity: ${p.name}`, () => {
    const file = present ? (JSON.parse(readFileSync(root + p.parity, 'utf8')) as ParityFile) : null;

    it('was produced with this featurizer and is well-formed', () => {
      expect(file!.featurizerVersion).toBe(FEATURIZER_VERSION);
      expect(file!.texts.length).toBeGreaterThan(0);
      expect(file!.featureChecksums).toHaveLength(file!.texts.length);
      expect(file!.scores).toHaveLength(file!.texts.length);
    });

    it('featurizes every text exactly as training did', () => {
      const mismatched = file!.texts.filter((t, i) => featureChecksum(featurize(t)) !== file!.featureChecksums[i]);
      expect(mismatched).toEqual([]);
    });

    it('scores every text like training did (|Δ| ≤ 1e-5)', async () => {
      const clf = await loadClassifierFromFile(root + p.onnx);
      const scores = await clf.score(file!.texts);
      await clf.release();
      const worst = { delta: 0, text: '', label: '' };
      scores.forEach((s, i) =>
        LABELS.forEach((l, j) => {
          const d = Math.abs(s[l] - (file!.scores[i]![j] as number));
          if (d > worst.delta) Object.assign(worst, { delta: d, text: file!.texts[i], label: l });
        }),
      );
      expect(worst.delta, `worst: ${worst.label} on ${JSON.stringify(worst.text)}`).toBeLessThanOrEqual(1e-5);
    });
  });
}
