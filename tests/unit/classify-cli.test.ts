import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURIZER_VERSION } from '../../src/classifier/featurize.ts';
import { LABELS } from '../../src/classifier/labels.ts';

// The CLI runs against a model directory built from the tiny random fixture + a hand-made model.json,
// so this tests the CLI contract (I/O, errors, exit codes, thresholds), not classification quality.
const root = new URL('../../', import.meta.url).pathname;
const th = (v: number) => Object.fromEntries(LABELS.map((l) => [l, v]));
const THRESHOLDS = { relaxed: th(0.8), balanced: th(0.6), strict: th(0.4) };
let dir: string;

function run(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/classify.ts'), '--model-dir', dir, ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

  it('fails with a usage message (exit 2) on bad arguments', () => {
    const r = run(['--level', 'paranoid', '--input', '-'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--level must be one of/);
    expect(r.stdout).toBe('');
  });
});
