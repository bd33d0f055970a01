/** The builder's outputs: the work folder that train.py reads, and the per-source table printed after a build. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureFileBuilder } from '../../src/classifier/feature-file.ts';
import { FEATURIZER_VERSION, featurize } from '../../src/classifier/featurize.ts';
import { LABELS } from '../../src/classifier/labels.ts';
import { writeParityInputs } from '../parity-texts.ts';
import { writeGroupWords } from './group-words.ts';
import type { BuildStats, Row } from './types.ts';

/** Writes rows.jsonl, features.bin, dataset-stats.json and group-words.json into `outDir`. */
export function writeWork(rows: Row[], stats: BuildStats, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const builder = new FeatureFileBuilder();
  const lines: string[] = [];
  for (const r of rows) {
    builder.push(featurize(r.text));
    lines.push(JSON.stringify(r));
  }
  writeFileSync(join(outDir, 'rows.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(outDir, 'features.bin'), builder.toBytes());
  writeFileSync(join(outDir, 'dataset-stats.json'), JSON.stringify({ featurizerVersion: FEATURIZER_VERSION, ...stats }, null, 2));
  writeParityInputs(outDir);
  writeGroupWords(outDir);
}

/** Per-source table: rows read per reader; rows kept per source (a merged duplicate counts for its first source), by split, and positives per label. */
export function formatStats(stats: BuildStats): string {
  const out = ['rows read per reader: ' + Object.entries(stats.read).map(([k, v]) => `${k} ${v}`).join(', ')];
  const head = ['source', 'rows', 'train', 'dev', 'test', ...LABELS];
  const table = Object.keys(stats.bySourceSplit)
    .sort()
    .map((src) => {
      const sp = stats.bySourceSplit[src]!;
      const n = (sp['train'] ?? 0) + (sp['dev'] ?? 0) + (sp['test'] ?? 0);
      return [src, n, sp['train'] ?? 0, sp['dev'] ?? 0, sp['test'] ?? 0, ...LABELS.map((l) => stats.positives[src]?.[l] ?? 0)].map(String);
    });
  const width = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  for (const r of [head, ...table]) out.push(r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  '));
  out.push(
    `duplicates merged ${stats.duplicatesMerged}, empty dropped ${stats.droppedEmpty}, functional-suite texts dropped ${stats.droppedSuite}, split keys with a text in another split ${JSON.stringify(stats.splitKeysStraddling ?? {})}` +
      (stats.contrastSkipped ? `, malformed contrast lines skipped ${stats.contrastSkipped}` : ''),
  );
  return out.join('\n');
}
