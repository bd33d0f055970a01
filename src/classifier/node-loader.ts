/** Node-only helpers (CLI, tests, bench, eval): load the model and ORT's wasm from disk. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createClassifier, type Classifier } from './model.ts';
import { parseModelJson, type ModelInfo } from './thresholds.ts';

export const DEFAULT_MODEL_DIR = resolve(import.meta.dirname ?? '.', '../../models');

export function ortWasmBinary(): Uint8Array {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
}

/** Load a classifier from an .onnx file (no model.json: used by tests with the tiny fixture). */
export async function loadClassifierFromFile(onnxPath: string, featurizerVersion?: string): Promise<Classifier> {
  return createClassifier({ modelBytes: readFileSync(onnxPath), wasmBinary: ortWasmBinary(), featurizerVersion });
}

/** Load models/bouclier.onnx + models/model.json (or another directory with the same two files). */
export async function loadModelDir(dir: string = DEFAULT_MODEL_DIR): Promise<{ classifier: Classifier; info: ModelInfo }> {
  const info = parseModelJson(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')));
  const classifier = await loadClassifierFromFile(join(dir, 'bouclier.onnx'), info.featurizerVersion);
  return { classifier, info };
}
