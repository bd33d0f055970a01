/**
 * Scores of the functional suite's cases by one or more model folders, for comparing runs offline (ensembles,
 * averages of teachers) without exporting a model per combination. Prints JSON lines
 * {text, lang, function, expected, women, scores: {dir: [6 scores]}}.
 *
 *   npx tsx training/lab/suite-scores.ts DIR [DIR ...] > scores.jsonl
 */
import { loadModelDir } from '../../src/classifier/node-loader.ts';
import { loadCases } from '../../tests/functional/load-cases.ts';
import { LABELS } from '../../src/classifier/labels.ts';

const dirs = process.argv.slice(2);
const cases = loadCases();
const byDir: Record<string, number[][]> = {};
for (const d of dirs) {
  const m = await loadModelDir(d);
  const all = await m.classifier.score(cases.map((c) => c.text));
  byDir[d] = all.map((s) => LABELS.map((l) => (s as Record<string, number>)[l] ?? 0));
}
cases.forEach((c, i) => {
  const scores: Record<string, number[]> = {};
  for (const d of dirs) scores[d] = byDir[d]![i]!;
  process.stdout.write(JSON.stringify({ ...c, scores }) + '\n');
});
