/**
 * Score texts with the shipped model. User documentation (formats, options, exit codes): docs/cli.md.
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
 * Everything that can be checked is checked before the model loads or any file is created: the input is a
 * readable file (not a directory), the output's directory exists, and the output is not the input (by real
 * path and by device + inode, so symlinks and hard links count). An output file is written to a temporary
 * file beside it and renamed over it only when the run completes, so a failed or interrupted run leaves no
 * partial file and an existing output unchanged.
 *
 * Bad records (invalid JSON, no string `text`, malformed CSV row) are reported on stderr as
 * "line N: reason", skipped, and the rest is still scored. Invalid UTF-8 is a warning (lines named, bytes
 * replaced by U+FFFD, lines still scored), and so is an input with no records. Exit codes: EXIT below.
 */
import {
  accessSync,
  constants as fsConstants,
  createReadStream,
  createWriteStream,
  fchmodSync,
  fstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  type Stats,
  type WriteStream,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { constants as osConstants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { LABELS, LEVELS, type Level, type Scores } from '../src/classifier/labels.ts';
import { DEFAULT_MODEL_DIR, loadModelDir } from '../src/classifier/node-loader.ts';
import { flagsFor } from '../src/classifier/thresholds.ts';
import { findGenericDoxxing } from '../src/protect/doxxing.ts';
import { readCsvRecords } from './lib/csv-records.ts';
import { decodeUtf8, utf8Lines } from './lib/utf8-lines.ts';

/**
 * Exit codes, part of the CLI's contract (also in --help, docs/cli.md and docs/classifier-contract.md).
 * Anything that stops the run before it completes is 2, model included: the stderr message says which.
 */
const EXIT = {
  /** every record scored (an input with no records too: a warning says so) */
  ok: 0,
  /** some records were bad and skipped (stderr: "line N: reason"); the rest is scored and written */
  recordsFailed: 1,
  /** usage error, unreadable/bad input, unwritable output, model not loadable: no output file written */
  error: 2,
} as const;
// Interrupted by a signal: 128 + its number (130 for Ctrl-C), as shells report it; no output file written.

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

/** Bad arguments: reported with the usage line. */
class UsageError extends Error {}
/** The run cannot go on (bad input, unwritable output, no model): reported as a plain message, no stack. */
class CliError extends Error {}

const USAGE =
  'usage: classify --input <file|-> [--output <file|->] [--format jsonl|csv] [--level relaxed|balanced|strict] [--model-dir DIR]';

const HELP = `${USAGE}

Score texts with Bouclier's model (same featurizer, runtime and thresholds as the extension).

  -i, --input FILE|-    JSONL, one {"id", "text"} object per line, or CSV with a header row, a "text"
                        column and an optional "id" column; - reads stdin. Must be UTF-8.
  -o, --output FILE|-   JSONL results, one {"id", "scores", "flags", "spans"} per good record, in input
                        order (default: - for stdout). A file is written completely or not at all; its
                        directory must exist, and it must not be the input file.
      --format jsonl|csv  input format (default: csv if the input name ends in .csv, else jsonl)
      --level L         threshold level for "flags": ${LEVELS.join(', ')} (default: the model's)
      --model-dir DIR   directory holding model.json and bouclier.onnx (default: the shipped models/)
  -h, --help            show this help

Bad records are reported on stderr as "line N: reason" and skipped; the rest is still scored.
Warnings, which do not change the exit code: lines with invalid UTF-8 (bytes replaced by U+FFFD, lines
still scored), and an input with no records (empty output).

Exit codes:
  ${EXIT.ok}    every record scored (or there were none)
  ${EXIT.recordsFailed}    some records failed and were skipped; the others were scored and written
  ${EXIT.error}    usage error, unreadable or bad input, unwritable output, or model not loadable;
       no output file was written (an existing one is unchanged)
  130  interrupted (Ctrl-C; 143 for SIGTERM); no output file was written

Documentation: docs/cli.md
`;

function parseArgs(argv: string[]): Args | 'help' {
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
    else if (k === '--help' || k === '-h') return 'help';
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
  if (header.error !== undefined) throw new CliError(`line ${header.line}: bad CSV header (${header.error})`);
  const textCol = header.fields.indexOf('text');
  const idCol = header.fields.indexOf('id');
  if (textCol < 0) throw new CliError(`CSV header has no "text" column (found: ${header.fields.join(', ')})`);
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

const errnoOf = (e: unknown): string | undefined =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' ? (e as NodeJS.ErrnoException).code : undefined;

/** A system error in words, without Node's "ENOENT: …, open '…'" wrapping. */
function reason(e: unknown): string {
  switch (errnoOf(e)) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (e as Error).message;
  }
}

function statOrUndefined(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined; // closed stdin/stdout: nothing to compare
  }
}

/** Both are regular files and the same one: a path, a symlink or a hard link to it all have its dev + ino. */
const sameFile = (a: Stats | undefined, b: Stats | undefined): boolean =>
  a !== undefined && b !== undefined && a.isFile() && b.isFile() && a.dev === b.dev && a.ino === b.ino;

interface Input {
  name: string;
  fd: number;
  stat?: Stats;
  real?: string;
}

function openInput(input: string): Input {
  if (input === '-') return { name: 'stdin', fd: 0, stat: statOrUndefined(0) };
  let fd: number;
  try {
    fd = openSync(input, 'r');
  } catch (e) {
    throw new CliError(`cannot read ${input}: ${reason(e)}`);
  }
  const stat = fstatSync(fd);
  // Reading a directory only fails later, after the output was created: refuse now.
  if (stat.isDirectory()) throw new CliError(`cannot read ${input}: it is a directory, not a file`);
  return { name: input, fd, stat, real: realpathSync(input) };
}

type OutputPlan = { kind: 'stdout' } | { kind: 'file'; name: string; target: string; existing?: Stats };

/** Check the output can be written and is not the input, before anything is created. */
function planOutput(output: string, input: Input): OutputPlan {
  if (output === '-') {
    // `classify --input in.jsonl >> in.jsonl` would read its own results forever
    if (sameFile(statOrUndefined(1), input.stat)) throw new CliError(`stdout is the input file ${input.name}: write the results to another file`);
    return { kind: 'stdout' };
  }
  // Replace what a symlink points to, not the symlink itself (as writing through it did).
  let target = resolve(output);
  let existing: Stats | undefined;
  try {
    target = realpathSync(output);
    existing = statSync(target);
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw new CliError(`cannot write ${output}: ${reason(e)}`);
  }
  if (existing?.isDirectory()) throw new CliError(`cannot write ${output}: it is a directory; give a file name`);
  if ((input.real !== undefined && input.real === target) || sameFile(existing, input.stat)) {
    const how = input.name === 'stdin' ? 'stdin is redirected from it' : `it is the input file ${input.name}`;
    throw new CliError(`--output ${output}: ${how}; the results would replace the texts, write them to another file`);
  }
  const dir = dirname(target);
  const shownDir = dirname(output);
  let dirStat: Stats;
  try {
    dirStat = statSync(dir);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') throw new CliError(`cannot write ${output}: directory ${shownDir} does not exist (create it first)`);
    throw new CliError(`cannot write ${output}: ${reason(e)}`);
  }
  if (!dirStat.isDirectory()) throw new CliError(`cannot write ${output}: ${shownDir} is not a directory`);
  try {
    accessSync(dir, fsConstants.W_OK);
  } catch {
    throw new CliError(`cannot write ${output}: no permission to create files in ${shownDir}`);
  }
  if (existing) {
    // Renaming would replace a read-only file; writing into it never could.
    try {
      accessSync(target, fsConstants.W_OK);
    } catch {
      throw new CliError(`cannot write ${output}: the file is read-only`);
    }
  }
  return { kind: 'file', name: output, target, existing };
}

/** The output file, written beside its target under a temporary name and renamed over it on success. */
class AtomicOutput {
  readonly tmp: string;
  readonly stream: WriteStream;
  private done = false;

  constructor(private readonly plan: Extract<OutputPlan, { kind: 'file' }>) {
    // Same directory, so the final rename stays on one filesystem (atomic); dot-named, so it looks like what it is.
    this.tmp = join(dirname(plan.target), `.${basename(plan.target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(this.tmp, 'wx'); // opened here, not by the stream, so a failure is reported before any work
    } catch (e) {
      throw new CliError(`cannot write ${plan.name}: ${reason(e)}`);
    }
    if (plan.existing) fchmodSync(fd, plan.existing.mode & 0o7777);
    // flush: the data is on disk before the rename makes the name point at it
    this.stream = createWriteStream(this.tmp, { fd, flush: true });
  }

  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.once('close', () => resolve());
      this.stream.end();
    });
    renameSync(this.tmp, this.plan.target);
    this.done = true;
  }

  /** Drop the temporary file (idempotent, synchronous so a signal handler can call it before exiting). */
  discard(): void {
    if (this.done) return;
    this.done = true;
    this.stream.destroy();
    try {
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}

/** One warning for the whole input: a Latin-1 file would otherwise give one line per record. */
function warnInvalidUtf8(inputName: string, lines: number[], total: number): void {
  if (total === 0) return;
  const shown = lines.join(', ') + (total > lines.length ? `, … (${total} lines in all)` : '');
  process.stderr.write(
    `classify: warning: ${inputName} is not valid UTF-8 on line${total > 1 ? 's' : ''} ${shown}; ` +
      `the bad bytes were replaced by U+FFFD and those lines scored anyway, which can change their scores ` +
      `(if the file is Latin-1/Windows-1252, convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8)\n`,
  );
}
const MAX_LINES_LISTED = 20;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function main(): Promise<number> {
  let parsed: Args | 'help';
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`classify: ${e.message}\n${USAGE}\n(classify --help for more)\n`);
      return EXIT.error;
    }
    throw e;
  }
  if (parsed === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const args = parsed;

  let file: AtomicOutput | undefined;
  let onSignal: ((sig: NodeJS.Signals) => void) | undefined;
  let model: Awaited<ReturnType<typeof loadModelDir>> | undefined;
  try {
    const input = openInput(args.input);
    const plan = planOutput(args.output, input);
    try {
      model = await loadModelDir(args.modelDir);
    } catch (e) {
      const missing = errnoOf(e) === 'ENOENT' ? ' (it needs model.json and bouclier.onnx)' : '';
      throw new CliError(`cannot load the model from ${args.modelDir}${missing}: ${(e as Error).message}`);
    }
    const loaded = model;
    const level = args.level ?? loaded.info.defaultLevel;

    if (plan.kind === 'file') {
      const f = new AtomicOutput(plan);
      file = f;
      onSignal = (sig: NodeJS.Signals): void => {
        f.discard();
        process.stderr.write(`classify: interrupted (${sig}); ${plan.name} was not written\n`);
        process.exit(128 + (osConstants.signals[sig] ?? 0));
      };
      for (const sig of SIGNALS) process.once(sig, onSignal);
    }
    const out = file?.stream ?? process.stdout;
    let writeError: Error | undefined;
    out.on('error', (e: NodeJS.ErrnoException) => {
      // `classify … | head` closes our stdout early: stop quietly instead of crashing on EPIPE
      if (out === process.stdout && e.code === 'EPIPE') process.exit(EXIT.ok);
      writeError ??= e;
    });

    let failed = 0;
    let scored = 0;
    const reportError = (msg: string): void => {
      failed++;
      process.stderr.write(`classify: ${msg}\n`);
    };

    /** Score a batch and write its result lines (waiting when the output is slower than us). */
    const flush = async (batch: Item[]): Promise<void> => {
      if (batch.length === 0) return;
      const scores = await loaded.classifier.score(batch.map((it) => it.text));
      const lines = batch.map((it, i) => {
        const s = scores[i] as Scores;
        const rounded = Object.fromEntries(LABELS.map((l) => [l, round(s[l])]));
        const spans = findGenericDoxxing(it.text).map(({ label, start, end }) => ({ label, start, end }));
        const flags = { ...flagsFor(s, loaded.info.thresholds, level), doxxing: spans.length > 0 };
        return JSON.stringify({ id: it.id, scores: rounded, flags, spans });
      });
      scored += batch.length;
      if (writeError) throw writeError;
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
    };

    const BATCH = 256;
    const badUtf8: number[] = [];
    let badUtf8Total = 0;
    const noteBadUtf8 = (line: number): void => {
      if (++badUtf8Total <= MAX_LINES_LISTED) badUtf8.push(line);
    };
    if (args.format === 'csv') {
      // CSV records may span lines (quoted newlines): read the whole file, then score in batches
      let bytes: Buffer;
      try {
        bytes = readFileSync(input.fd);
      } catch (e) {
        throw new CliError(`cannot read ${input.name}: ${reason(e)}`);
      }
      const { text, invalidLines } = decodeUtf8(bytes);
      invalidLines.forEach(noteBadUtf8);
      const errors: string[] = [];
      const items = parseCsv(text, errors);
      errors.forEach(reportError);
      for (let start = 0; start < items.length; start += BATCH) await flush(items.slice(start, start + BATCH));
    } else {
      // JSONL streams line by line, so inputs larger than memory work and results appear as they are scored
      const source = args.input === '-' ? process.stdin : createReadStream(args.input, { fd: input.fd });
      let batch: Item[] = [];
      for await (const { line, text, invalidUtf8 } of utf8Lines(source)) {
        if (invalidUtf8) noteBadUtf8(line);
        const r = parseJsonlLine(text, line);
        if (typeof r === 'string') reportError(r);
        else if (r) batch.push(r);
        if (batch.length >= BATCH) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
    }
    if (writeError) throw writeError;
    await file?.commit();

    warnInvalidUtf8(input.name, badUtf8, badUtf8Total);
    if (scored === 0 && failed === 0) {
      const where = plan.kind === 'file' ? `${plan.name} is empty` : 'nothing written';
      process.stderr.write(`classify: warning: no records in ${input.name}; ${where}\n`);
    }
    if (failed > 0) process.stderr.write(`classify: ${failed} record(s) failed, ${scored} scored\n`);
    return failed > 0 ? EXIT.recordsFailed : EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`classify: ${e.message}\n`);
      return EXIT.error;
    }
    // A system error (read or write failed mid-run): Node's message names the call and path, a stack adds nothing.
    if (errnoOf(e) !== undefined) {
      process.stderr.write(`classify: ${(e as Error).message}\n`);
      return EXIT.error;
    }
    throw e;
  } finally {
    file?.discard(); // a no-op after a successful commit
    if (onSignal) for (const sig of SIGNALS) process.off(sig, onSignal);
    await model?.classifier.release();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // only bugs get here: keep the stack for the report
    process.stderr.write(`classify: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT.error;
  },
);
