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
 * JSONL is streamed (read line by line, scored in batches of 256, written as it goes), so inputs larger than
 * memory work; CSV is read whole (quoted fields may span lines).
 *
 * Bad records (invalid JSON, no string `text`, malformed CSV row) are reported on stderr as
 * "line N: reason", skipped, and the rest is still scored. Exit code: 0 all good, 1 some records failed,
 * 2 usage error / unreadable input / model not loadable.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
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

/** One JSONL line → an item, an error message, or null for a blank line. */
function parseJsonlLine(line: string, n: number): Item | string | null {
  if (line.trim() === '') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return `line ${n}: invalid JSON (${(e as Error).message})`;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return `line ${n}: expected a JSON object {"id", "text"}`;
  const rec = obj as Record<string, unknown>;
  if (typeof rec['text'] !== 'string') return `line ${n}: "text" is missing or not a string`;
  return { id: 'id' in rec ? rec['id'] : n, text: rec['text'] };
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
  if (args.input !== '-' && !existsSync(args.input)) {
    process.stderr.write(`classify: cannot read ${args.input}: no such file\n`);
    return 2;
  }
  let model: Awaited<ReturnType<typeof loadModelDir>>;
  try {
    model = await loadModelDir(args.modelDir);
  } catch (e) {
    process.stderr.write(`classify: cannot load the model from ${args.modelDir}: ${(e as Error).message}\n`);
    return 2;
  }
  const level = args.level ?? model.info.defaultLevel;
  const out = args.output === '-' ? process.stdout : createWriteStream(args.output);
  // `classify … | head` closes our stdout early: stop quietly instead of crashing on EPIPE
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  let failed = 0;
  let scored = 0;
  const reportError = (msg: string): void => {
    failed++;
    process.stderr.write(`classify: ${msg}\n`);
  };

  /** Score a batch and write its result lines (waiting when the output is slower than us). */
  async function flush(batch: Item[]): Promise<void> {
    if (batch.length === 0) return;
    const scores = await model.classifier.score(batch.map((it) => it.text));
    const lines = batch.map((it, i) => {
      const s = scores[i] as Scores;
      const rounded = Object.fromEntries(LABELS.map((l) => [l, round(s[l])]));
      const spans = findGenericDoxxing(it.text).map(({ label, start, end }) => ({ label, start, end }));
      const flags = { ...flagsFor(s, model.info.thresholds, level), doxxing: spans.length > 0 };
      return JSON.stringify({ id: it.id, scores: rounded, flags, spans });
    });
    scored += batch.length;
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }

  const BATCH = 256;
  try {
    if (args.format === 'csv') {
      // CSV records may span lines (quoted newlines): read the whole file, then score in batches
      const errors: string[] = [];
      const items = parseCsv(readFileSync(args.input === '-' ? 0 : args.input, 'utf8'), errors);
      errors.forEach(reportError);
      for (let start = 0; start < items.length; start += BATCH) await flush(items.slice(start, start + BATCH));
    } else {
      // JSONL streams line by line, so inputs larger than memory work and results appear as they are scored
      const input = args.input === '-' ? process.stdin : createReadStream(args.input);
      const lines = createInterface({ input, crlfDelay: Infinity });
      let n = 0;
      let batch: Item[] = [];
      for await (const line of lines) {
        const r = parseJsonlLine(line, ++n);
        if (typeof r === 'string') reportError(r);
        else if (r) batch.push(r);
        if (batch.length >= BATCH) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`classify: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await model.classifier.release();
    if (out !== process.stdout) await new Promise<void>((resolve) => out.end(resolve));
  }
  if (failed > 0) process.stderr.write(`classify: ${failed} record(s) failed, ${scored} scored\n`);
  return failed > 0 ? 1 : 0;
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
