/** The command line of scripts/classify.ts: its options, help text and exit codes (docs/cli.md). */
import { LEVELS, type Level } from '../../../src/classifier/labels.ts';
import { DEFAULT_MODEL_DIR } from '../../../src/classifier/node-loader.ts';

/**
 * Exit codes, part of the CLI's contract (also in --help, docs/cli.md and docs/classifier-contract.md).
 * Anything that stops the run before it completes is 2, model included: the stderr message says which.
 */
export const EXIT = {
  /** every record scored (an input with no records too: a warning says so) */
  ok: 0,
  /** some records were bad and skipped (stderr: "line N: reason"); the rest is scored and written */
  recordsFailed: 1,
  /** usage error, unreadable/bad input, unwritable output, model not loadable: no output file written */
  error: 2,
} as const;
// Interrupted by a signal: 128 + its number (130 for Ctrl-C), as shells report it; no output file written.

export interface Args {
  input: string;
  output: string;
  format: 'jsonl' | 'csv';
  level?: Level;
  modelDir: string;
}

/** Bad arguments: reported with the usage line. */
export class UsageError extends Error {}
/** The run cannot go on (bad input, unwritable output, no model): reported as a plain message, no stack. */
export class CliError extends Error {}

export const USAGE =
  'usage: classify --input <file|-> [--output <file|->] [--format jsonl|csv] [--level relaxed|balanced|strict] [--model-dir DIR]';

export const HELP = `${USAGE}

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

export function parseArgs(argv: string[]): Args | 'help' {
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
