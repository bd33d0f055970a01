import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FEATURIZER_VERSION } from '../../src/classifier/featurize.ts';
import { LABELS } from '../../src/classifier/labels.ts';

// The CLI runs against a model directory built from the tiny random fixture + a hand-made model.json,
// so this tests the CLI contract (I/O, errors, exit codes, thresholds), not classification quality.
const root = new URL('../../', import.meta.url).pathname;
const th = (v: number) => Object.fromEntries(LABELS.map((l) => [l, v]));
const THRESHOLDS = { relaxed: th(0.8), balanced: th(0.6), strict: th(0.4) };
let dir: string;

const cliArgs = (args: string[]) => ['--import', 'tsx', join(root, 'scripts/classify.ts'), '--model-dir', dir, ...args];

function run(args: string[], stdin?: string, stdio?: StdioOptions) {
  const r = spawnSync(process.execPath, cliArgs(args), { cwd: root, input: stdin, stdio, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A fresh directory holding `in.jsonl` (or another name) with the given bytes; `intact()` checks them. */
function workspace(content: string | Buffer, name = 'in.jsonl') {
  const d = mkdtempSync(join(dir, 'ws-'));
  const input = join(d, name);
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  writeFileSync(input, bytes);
  return {
    d,
    input,
    intact: () => expect(readFileSync(input).equals(bytes), `${input} changed`).toBe(true),
    leftovers: () => readdirSync(d).filter((n) => n.endsWith('.tmp')),
  };
}

const TWO_LINES = '{"id": 1, "text": "tu es belle"}\n{"id": 2, "text": "ta gueule"}\n';
const NO_STACK = /^\s+at /m;

const parseOut = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bouclier-cli-'));
  copyFileSync(join(root, 'tests/fixtures/tiny-model.onnx'), join(dir, 'bouclier.onnx'));
  writeFileSync(
    join(dir, 'model.json'),
    JSON.stringify({ featurizerVersion: FEATURIZER_VERSION, labels: LABELS, thresholds: THRESHOLDS, defaultLevel: 'balanced' }),
  );
});

describe('classify CLI', () => {
  it('scores good JSONL lines, reports bad ones by line number on stderr, exits 1', () => {
    const input = join(dir, 'in.jsonl');
    const output = join(dir, 'out.jsonl');
    writeFileSync(
      input,
      [
        '{"id": 1, "text": "tu es belle"}',
        '{"id": "b", "text": "t\'es qu\'une s4l0pe"}',
        '{"id": 3, "text": oops}',
        '',
        '{"id": 4}',
        '{"text": "no id here"}',
      ].join('\n'),
    );
    const r = run(['--input', input, '--output', output]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(''); // results went to the file
    expect(r.stderr).toMatch(/line 3: invalid JSON/);
    expect(r.stderr).toMatch(/line 5: "text" is missing/);
    const rows = parseOut(readFileSync(output, 'utf8'));
    expect(rows.map((x) => x.id)).toEqual([1, 'b', 6]); // missing id → line number
    for (const row of rows) {
      expect(Object.keys(row.scores)).toEqual([...LABELS]);
      // flags are exactly score ≥ the default level's (balanced) threshold
      for (const l of LABELS) expect(row.flags[l]).toBe(row.scores[l] >= THRESHOLDS.balanced[l]!);
    }
  });

  it('reads CSV from stdin (quoted fields, multi-line text), honours --level, reports a broken row', () => {
    const csv = 'lang,text,id\nfr,"bonjour, ""toi""",x1\nen,"two\nlines",x2\nfr,only two\nen,"t\'es qu\'une salooope",x4\n';
    const r = run(['--input', '-', '--output', '-', '--format', 'csv', '--level', 'strict'], csv);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 5: 2 fields, the header has 3/);
    const rows = parseOut(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['x1', 'x2', 'x4']);
    for (const row of rows) for (const l of LABELS) expect(row.flags[l]).toBe(row.scores[l] >= THRESHOLDS.strict[l]!);
    // strict flags something the default (balanced) level would not: the level really changed
    const strictOnly = rows.some((row) => LABELS.some((l) => row.flags[l] && row.scores[l] < THRESHOLDS.balanced[l]!));
    expect(strictOnly).toBe(true);
  });

  it('--help prints the usage, options and exit codes on stdout and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: classify --input/);
    for (const code of ['0', '1', '2', '130']) expect(r.stdout).toMatch(new RegExp(`^  ${code} `, 'm'));
    expect(r.stderr).toBe('');
  });

  it('fails with a usage message (exit 2) on bad arguments', () => {
    const r = run(['--level', 'paranoid', '--input', '-'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--level must be one of/);
    expect(r.stdout).toBe('');
  });
});

describe('classify CLI: input and output files', () => {
  it('refuses (exit 2) when the output is the input: same path, other spelling, symlink, hard link, redirects', () => {
    const w = workspace(TWO_LINES);
    symlinkSync(w.input, join(w.d, 'symlink.jsonl'));
    linkSync(w.input, join(w.d, 'hardlink.jsonl'));
    const cases: [string, string[]][] = [
      ['same path', ['--input', w.input, '--output', w.input]],
      ['other spelling', ['--input', w.input, '--output', join(w.d, '.', '..', basename(w.d), 'in.jsonl')]],
      ['symlink', ['--input', w.input, '--output', join(w.d, 'symlink.jsonl')]],
      ['symlink as input', ['--input', join(w.d, 'symlink.jsonl'), '--output', w.input]],
      ['hard link', ['--input', w.input, '--output', join(w.d, 'hardlink.jsonl')]],
    ];
    for (const [what, args] of cases) {
      const r = run(args);
      expect(r.code, what).toBe(2);
      expect(r.stderr, what).toMatch(/it is the input file .*write them to another file/);
      expect(r.stderr, what).not.toMatch(NO_STACK);
      w.intact();
    }
    // `--input - < in.jsonl` and `>> in.jsonl`: the same file reached through stdin / stdout
    const inFd = openSync(w.input, 'r');
    const viaStdin = run(['--input', '-', '--output', w.input], undefined, [inFd, 'pipe', 'pipe']);
    closeSync(inFd);
    expect(viaStdin.code).toBe(2);
    expect(viaStdin.stderr).toMatch(/stdin is redirected from it/);
    const outFd = openSync(w.input, 'a');
    const viaStdout = run(['--input', w.input], undefined, ['pipe', outFd, 'pipe']);
    closeSync(outFd);
    expect(viaStdout.code).toBe(2);
    expect(viaStdout.stderr).toMatch(/stdout is the input file/);
    w.intact();
    expect(w.leftovers()).toEqual([]);
  });

  it('refuses (exit 2, clear message, no stack trace) an output in a missing directory, and creates nothing', () => {
    const w = workspace(TWO_LINES);
    const output = join(w.d, 'missing', 'out.jsonl');
    const r = run(['--input', w.input, '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*out\.jsonl: directory .*missing does not exist \(create it first\)/);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(existsSync(join(w.d, 'missing'))).toBe(false);
    w.intact();
  });

  it('refuses (exit 2) a directory as input before creating the output', () => {
    const w = workspace(TWO_LINES);
    const output = join(w.d, 'out.jsonl');
    const r = run(['--input', w.d, '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*: it is a directory, not a file/);
    expect(existsSync(output)).toBe(false);
    expect(w.leftovers()).toEqual([]);
    w.intact();
  });

  it('a failed run leaves no partial file and an existing output unchanged; a good one replaces it', () => {
    const w = workspace('lang,texte\nfr,bonjour\n', 'in.csv');
    const output = join(w.d, 'out.jsonl');
    const previous = '{"id": "from an earlier run"}\n';
    writeFileSync(output, previous);
    // fails after the output was opened: the CSV has no "text" column
    const badCsv = run(['--input', w.input, '--output', output]);
    expect(badCsv.code).toBe(2);
    expect(badCsv.stderr).toMatch(/CSV header has no "text" column/);
    expect(readFileSync(output, 'utf8')).toBe(previous);
    expect(w.leftovers()).toEqual([]);
    w.intact();
    // fails before: the model cannot be loaded
    const noModel = run(['--input', w.input, '--output', output, '--model-dir', w.d]); // the last --model-dir wins
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/cannot load the model from .*needs model\.json and bouclier\.onnx/);
    expect(readFileSync(output, 'utf8')).toBe(previous);
    expect(w.leftovers()).toEqual([]);
    w.intact();
    // a good run replaces it whole
    const good = workspace(TWO_LINES);
    const ok = run(['--input', good.input, '--output', output]);
    expect(ok.code).toBe(0);
    expect(parseOut(readFileSync(output, 'utf8')).map((x) => x.id)).toEqual([1, 2]);
    expect(w.leftovers()).toEqual([]);
    good.intact();
  });

  it('interrupted mid-run (SIGTERM): exit 143, the temporary file removed, an existing output unchanged', async () => {
    const w = workspace(TWO_LINES);
    const output = join(w.d, 'out.jsonl');
    writeFileSync(output, 'previous\n');
    // stdin stays open, so the run is still going (output file open, a batch pending) when the signal comes
    const child = spawn(process.execPath, cliArgs(['--input', '-', '--output', output]), { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    try {
      child.stdin.write(TWO_LINES);
      const deadline = Date.now() + 30_000;
      while (w.leftovers().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(w.leftovers()).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); // never leave it waiting on stdin
    }
    expect(stderr).toMatch(/interrupted \(SIGTERM\); .*out\.jsonl was not written/);
    expect(readFileSync(output, 'utf8')).toBe('previous\n');
    expect(w.leftovers()).toEqual([]);
    w.intact();
  }, 40_000);

  it('warns about invalid UTF-8 with the line numbers, and still scores those lines (exit 0)', () => {
    const latin1 = Buffer.concat([
      Buffer.from('{"id": 1, "text": "d\u00e9j\u00e0 vu \ufffd ok"}\n', 'utf8'), // valid UTF-8, a real U+FFFD included
      Buffer.from('{"id": 2, "text": "caf\xe9"}\n', 'latin1'),
      Buffer.from('{"id": 3, "text": "fine"}\r\n', 'utf8'),
      Buffer.from('{"id": 4, "text": "\xe0 bient\xf4t"}', 'latin1'), // last line, no newline
    ]);
    const w = workspace(latin1);
    const output = join(w.d, 'out.jsonl');
    const r = run(['--input', w.input, '--output', output]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*in\.jsonl is not valid UTF-8 on lines 2, 4; .*replaced by U\+FFFD and those lines scored anyway/);
    expect(parseOut(readFileSync(output, 'utf8')).map((x) => x.id)).toEqual([1, 2, 3, 4]);
    w.intact();
    // CSV (read whole) names the lines too
    const csv = workspace(Buffer.concat([Buffer.from('id,text\na,ok\n', 'utf8'), Buffer.from('b,"caf\xe9\nnoir"\n', 'latin1')]), 'in.csv');
    const rc = run(['--input', csv.input, '--output', '-']);
    expect(rc.code).toBe(0);
    expect(rc.stderr).toMatch(/in\.csv is not valid UTF-8 on line 3;/);
    expect(parseOut(rc.stdout).map((x) => x.id)).toEqual(['a', 'b']);
    csv.intact();
  });

  it('says "no records" for an empty input (exit 0) and writes an empty output', () => {
    for (const [content, name] of [
      ['', 'in.jsonl'],
      ['\n  \n\n', 'in.jsonl'],
      ['id,text\n', 'in.csv'],
    ] as const) {
      const w = workspace(content, name);
      const output = join(w.d, 'out.jsonl');
      const r = run(['--input', w.input, '--output', output]);
      expect(r.code, JSON.stringify(content)).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`warning: no records in .*${name.replace('.', '\\.')}; .*out\\.jsonl is empty`));
      expect(statSync(output).size).toBe(0);
      w.intact();
    }
    const stdin = run(['--input', '-'], '');
    expect(stdin.code).toBe(0);
    expect(stdin.stderr).toMatch(/warning: no records in stdin; nothing written/);
  });
});
