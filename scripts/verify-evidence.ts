/**
 * Check a JSON evidence export made by Bouclier's review page. User documentation: docs/cli.md.
 *
 *   npm run --silent verify-evidence -- bouclier-fr-20261129-0900.json [--expect <final hash>] [--lang fr] [--json]
 *
 * The check is src/review/verify.ts, the code behind the extension's Verify tab, and its wording is the
 * extension's own (public/_locales/<lang>/messages.json), so both say exactly the same thing. What a
 * pass proves: the file is internally consistent; the records are unchanged since the final hash was
 * recorded somewhere independent only if it equals that hash (`--expect`). Exit codes: EXIT below.
 */
import { readFileSync, statSync } from 'node:fs';
import { explain, MAX_EVIDENCE_BYTES, normaliseHash, passes, verifyEvidence, type Said, type VerifyResult } from '../src/review/verify.ts';

/** Exit codes, part of the CLI's contract (also in --help and docs/cli.md). */
const EXIT = {
  /** consistent, and equal to --expect when given */
  ok: 0,
  /** does not verify: a record, the chain or the totals are wrong, or the final hash differs from --expect */
  failed: 1,
  /** could not check: usage error, unreadable file, empty, too large, not JSON, not an export, damaged structure */
  error: 2,
} as const;

const USAGE = 'usage: verify-evidence <export.json|-> [--expect HASH] [--lang en|fr] [--json]';
const HELP = `${USAGE}

Check a JSON evidence export made by Bouclier: every record against its hash and the chain, then the
file's count and final hash. The file is read on this machine only.

      --expect HASH   the final hash recorded somewhere independent at export time (64 hex digits);
                      only a match shows that the records are unchanged since then
      --lang en|fr    language of the messages (default: fr if LANG or LC_ALL starts with fr, else en)
      --json          print the result as one JSON object instead of sentences
  -h, --help          show this help

Without --expect, a pass shows only that the file is internally consistent: the chain has no key, so
someone who edits records can recompute every hash.

Exit codes:
  ${EXIT.ok}    consistent (and equal to --expect when given)
  ${EXIT.failed}    does not verify: the first broken record is named; or the final hash differs from --expect
  ${EXIT.error}    could not check: usage error, unreadable file, empty, too large, not JSON, not a Bouclier
       export, made by a newer version, or damaged structure

Documentation: docs/cli.md
`;

class UsageError extends Error {}

interface Args {
  file: string;
  expect: string | null;
  lang: 'en' | 'fr';
  json: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  let file: string | undefined;
  let expect: string | null = null;
  let lang: 'en' | 'fr' | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const need = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${k} needs a value`);
      return v;
    };
    if (k === '--help' || k === '-h') return 'help';
    else if (k === '--expect') {
      const v = need();
      expect = normaliseHash(v);
      if (!expect) throw new UsageError(`--expect must be a SHA-256 hash (64 hex digits), not ${v}`);
    } else if (k === '--lang') {
      const v = need();
      if (v !== 'en' && v !== 'fr') throw new UsageError(`--lang must be en or fr, not ${v}`);
      lang = v;
    } else if (k === '--json') json = true;
    else if (k.startsWith('-') && k !== '-') throw new UsageError(`unknown option ${k}`);
    else if (file !== undefined) throw new UsageError('give one file');
    else file = k;
  }
  if (file === undefined) throw new UsageError('give the export to check (a .json file, or - for stdin)');
  const env = process.env.LC_ALL || process.env.LANG || '';
  return { file, expect, lang: lang ?? (env.toLowerCase().startsWith('fr') ? 'fr' : 'en'), json };
}

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** browser.i18n.getMessage over the extension's own catalogue: named placeholders, then $1…$9. */
function catalogue(lang: 'en' | 'fr'): (s: Said) => string {
  const m = JSON.parse(readFileSync(new URL(`../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Messages;
  return ({ key, subs = [] }) => {
    const e = m[key];
    if (!e) return key;
    return e.message
      .replace(/\$([a-z0-9_]+)\$/gi, (_, name: string) => e.placeholders?.[name.toLowerCase()]?.content ?? '')
      .replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  };
}

const errnoReason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return e instanceof Error ? e.message : String(e);
};

/** The file's text, or why it cannot be checked (too large is decided before reading it). */
async function read(file: string): Promise<string | VerifyResult> {
  const unreadable = (reason: 'read' | 'too_big', detail: string): VerifyResult => ({ status: 'unreadable', reason, detail });
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_EVIDENCE_BYTES) return unreadable('too_big', String(size));
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const st = statSync(file);
    if (st.isDirectory()) return unreadable('read', 'it is a directory');
    if (st.size > MAX_EVIDENCE_BYTES) return unreadable('too_big', String(st.size));
    return readFileSync(file, 'utf8');
  } catch (e) {
    return unreadable('read', errnoReason(e));
  }
}

async function main(): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`verify-evidence: ${e.message}\n${USAGE}\n`);
    return EXIT.error;
  }
  if (args === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const text = await read(args.file);
  const result = typeof text === 'string' ? await verifyEvidence(text, { expectedHash: args.expect }) : text;
  const code = passes(result) ? EXIT.ok : result.status === 'unreadable' ? EXIT.error : EXIT.failed;
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return code;
  }
  const say = catalogue(args.lang);
  const { verdict, details } = explain(result);
  const lines = [say(verdict), ...details.map(say)].join('\n') + '\n';
  // A result goes to stdout; a file that could not be checked is an error, on stderr.
  if (code === EXIT.error) process.stderr.write(`verify-evidence: ${args.file}: ${lines}`);
  else process.stdout.write(lines);
  return code;
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `verify-evidence … | head` closes stdout early: the exit code still says the result
  if (e.code !== 'EPIPE') throw e;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`verify-evidence: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT.error;
  },
);
