/**
 * Score texts with the shipped model.
 *
 *   npm run --silent classify -- --input in.jsonl --output out.jsonl [--level relaxed|balanced|strict]
 *   npm run --silent classify -- --input comments.csv            (CSV: a `text` column, optional `id`)
 *   cat in.jsonl | npm run --silent classify -- --input - --output -
 *
 * Input: JSONL, one {"id": any, "text": string} per line (id defaults to the line number), or CSV (by the
 * `.csv` extension or --format csv) with a header row, a `text` column and an optional `id` column (default:
 * the data row number, 1-based). Output: JSONL, one {"id", "scores": {label: p}, "flags": {label: bool}} per
 * good input record, in input order; flags use models/model.json thresholds at --level (default: its
 * defaultLevel). Nothing but results goes to stdout.
 * Also `flags.doxxing` (personal data found by src/protect/doxxing.ts generic patterns: phone, e-mail,
 * street address, plate; never her own identifiers, which only the extension knows) and `spans`:
 * [{label: "doxxing", start, end}] as UTF-16 offsets into `text`.
 *
 * Bad records (invalid JSON, no string `text`, malformed CSV row) are reported on stderr as
 * "line N: reason", skipped, and the rest is still scored. Exit code: 0 all good, 1 some records failed,
 * 2 usage error / unreadable input / model not loadable.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { LABELS, LEVELS, type Level, type Scores } from '../src/classifier/labels.ts';
import { DEFAULT_MODEL_DIR, loadModelDir } from '../src/classifier/node-loader.ts';
import { flagsFor } from '../src/classifier/thresholds.ts';
import { findGenericDoxxing } from '../src/protect/doxxing.ts';
import { readCsvRecords } from './lib/csv-records.ts';

interface Args {
  input: string;
  output: string;
  format: 'jsonl' | 'csv';
  level?: Level;
  modelDir: string;
}

interface Item {
  id: unknown;
  text: string;
}

class UsageError extends Error {}

const USAGE =
  'usage: classify --input <file|-> [--output <file|->] [--format jsonl|csv] [--level relaxed|balanced|strict] [--model-dir DIR]';

function parseArgs(argv: string[]): Args {
  const a: Partial<Args> & { format?: Args['format'] } = { output: '-', modelDir: DEFAULT_MODEL_DIR };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    const need = (): string => {
      if (v === undefined) throw new UsageError(`${k} needs a value`);
      i++;
      return v;
    };
    if (k === '--input' || k === '-i') a.input = need();
    else if (k === '--output' || k === '-o') a.output = need();
    else if (k === '--format') {
      const f = need();
      if (f !== 'jsonl' && f !== 'csv') throw new UsageError(`--format must be jsonl or csv, not ${f}`);
      a.format = f;
    } else if (k === '--level') {
      const l = need();
      if (!(LEVELS as readonly string[]).includes(l)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
      a.level = l as Level;
    } else if (k === '--model-dir') a.modelDir = need();
    else if (k === '--help' || k === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${k}`);
  }
  if (!a.input) throw new UsageError('--input is required (use - for stdin)');
  const format = a.format ?? (a.input.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  return { input: a.input, output: a.output ?? '-', format, level: a.level, modelDir: a.modelDir ?? DEFAULT_MODEL_DIR };
}

function parseJsonl(content: string, errors: string[]): Item[] {
  const items: Item[] = [];
  content.split(/\r?\n/).forEach((line, idx) => {
    const n = idx + 1;
    if (line.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      errors.push(`line ${n}: invalid JSON (${(e as Error).message})`);
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push(`line ${n}: expected a JSON object {"id", "text"}`);
      return;
    }
    const rec = obj as Record<string, unknown>;
    if (typeof rec['text'] !== 'string') {
      errors.push(`line ${n}: "text" is missing or not a string`);
      return;
    }
    items.push({ id: 'id' in rec ? rec['id'] : n, text: rec['text'] });
  });
  return items;
}

function parseCsv(content: string, errors: string[]): Item[] {
  const records = readCsvRecords(content);
  const header = records[0];
  if (!header) return [];
  if (header.error !== undefined) throw new UsageError(`line ${header.line}: bad CSV header (${header.error})`);
  const textCol = header.fields.indexOf('text');
  const idCol = header.fields.indexOf('id');
  if (textCol < 0) throw new UsageError(`CSV header has no "text" column (found: ${header.fields.join(', ')})`);
  const items: Item[] = [];
  records.slice(1).forEach((r, k) => {
    if (r.error !== undefined) {
      errors.push(`line ${r.line}: ${r.error}`);
      return;
    }
    if (r.fields.length !== header.fields.length) {
      errors.push(`line ${r.line}: ${r.fields.length} fields, the header has ${header.fields.length}`);
      return;
    }
    items.push({ id: idCol >= 0 ? r.fields[idCol] : k + 1, text: r.fields[textCol] as string });
  });
  return items;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`classify: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let content: string;
  try {
    content = readFileSync(args.input === '-' ? 0 : args.input, 'utf8');
  } catch (e) {
    process.stderr.write(`classify: cannot read ${args.input}: ${(e as Error).message}\n`);
    return 2;
  }
  const errors: string[] = [];
  let items: Item[];
  try {
    items = args.format === 'csv' ? parseCsv(content, errors) : parseJsonl(content, errors);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`classify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const msg of errors) process.stderr.write(`classify: ${msg}\n`);

  let model: Awaited<ReturnType<typeof loadModelDir>>;
  try {
    model = await loadModelDir(args.modelDir);
  } catch (e) {
    process.stderr.write(`classify: cannot load the model from ${args.modelDir}: ${(e as Error).message}\n`);
    return 2;
  }
  const level = args.level ?? model.info.defaultLevel;
  const lines: string[] = [];
  const BATCH = 256;
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    const scores = await model.classifier.score(batch.map((it) => it.text));
    batch.forEach((it, i) => {
      const s = scores[i] as Scores;
      const rounded = Object.fromEntries(LABELS.map((l) => [l, round(s[l])]));
      const spans = findGenericDoxxing(it.text).map(({ label, start, end }) => ({ label, start, end }));
      const flags = { ...flagsFor(s, model.info.thresholds, level), doxxing: spans.length > 0 };
      lines.push(JSON.stringify({ id: it.id, scores: rounded, flags, spans }));
    });
  }
  await model.classifier.release();
  const out = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  if (args.output === '-') process.stdout.write(out);
  else writeFileSync(args.output, out);
  if (errors.length > 0) process.stderr.write(`classify: ${errors.length} record(s) failed, ${items.length} scored\n`);
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`classify: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
