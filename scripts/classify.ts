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
 * replaced by U+FFFD, lines still scored), and so is an input with no records. Exit codes: EXIT in
 * scripts/lib/classify/args.ts, with the options; the input and output files: files.ts; records: records.ts.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { constants as osConstants } from 'node:os';
import { LABELS, type Scores } from '../src/classifier/labels.ts';
import { loadModelDir } from '../src/classifier/node-loader.ts';
import { flagsFor } from '../src/classifier/thresholds.ts';
import { findGenericDoxxing } from '../src/protect/doxxing.ts';
import { CliError, EXIT, HELP, USAGE, UsageError, parseArgs, type Args } from './lib/classify/args.ts';
import { AtomicOutput, errnoOf, openInput, planOutput, reason } from './lib/classify/files.ts';
import { parseCsv, parseJsonlLine, warnInvalidUtf8, MAX_LINES_LISTED, type Item } from './lib/classify/records.ts';
import { decodeUtf8, utf8Lines } from './lib/utf8-lines.ts';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

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
