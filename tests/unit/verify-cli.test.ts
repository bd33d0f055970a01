/**
 * `npm run verify-evidence` (scripts/verify-evidence.ts): exit 0 for a consistent export (and one equal
 * to --expect), 1 for one that does not verify (first broken record named) or differs from --expect,
 * 2 for anything that could not be checked (usage, unreadable, malformed, too large); results on
 * stdout, failures to check on stderr, no stack traces; the extension's own wording, in EN or FR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJson, type ExportContext } from '../../src/review/evidence';
import type { LogEntry } from '../../src/review/types';

const root = new URL('../../', import.meta.url).pathname;
const NO_STACK = /^\s+at /m;
let dir: string;
let finalHash: string;
let doc: { records: Record<string, unknown>[] };

function run(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/verify-evidence.ts'), ...args], {
    cwd: root,
    input: opts.stdin,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LANG: 'C', LC_ALL: '', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bouclier-verify-cli-'));
  const T0 = Date.UTC(2026, 10, 28, 20, 11, 0);
  const entries: LogEntry[] = [1, 2, 3].map((i) => ({
    id: `x|p|${i}`, platform: 'x', kind: 'comment', pageUrl: 'https://x.com/marie/status/1', thread: 'https://x.com/marie/status/1',
    permalink: `https://x.com/raider_${i}/status/${100 + i}`, author: `raider_${i}`, displayName: null, text: `go back to the kitchen #${i}`,
    labels: ['misogyny'], scores: { misogyny: 0.95 }, action: 'collapse', source: 'model', seenAt: T0, lang: 'en', firstSeen: T0 + i, lastSeen: T0 + i, seenCount: 1, feedback: null,
  }));
  const ctx = { now: new Date(T0 + 3_600_000), timeZone: 'UTC', text: { lang: 'en', title: '', intro: '', exportedAt: '', timezone: '', count: '', finalHash: '', proves: '', anchorLine: '', verifyHowTo: '', columns: {}, categoryName: (c: string) => c } } as unknown as ExportContext;
  const out = await toJson(entries, ctx);
  finalHash = out.finalHash;
  doc = JSON.parse(out.json) as typeof doc;
  file('ok.json', out.json);
  const edited = structuredClone(doc);
  edited.records[1]!.text = 'a softer text';
  file('edited.json', JSON.stringify(edited));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('verify-evidence CLI', () => {
  it('0: an untouched export, on stdout, with the final hash and what it proves', () => {
    const r = run([join(dir, 'ok.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Consistent: all 3 records match their hashes and the chain.');
    expect(r.stdout).toContain(`Final hash of this file: ${finalHash}`);
    expect(r.stdout).toContain('only shows that the file is internally consistent');
    expect(r.stderr).toBe('');
  });

  it('0 with --expect equal to the recorded hash; 1 when it differs', () => {
    const ok = run([join(dir, 'ok.json'), '--expect', finalHash.toUpperCase()]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('It matches the final hash you recorded');
    const other = run([join(dir, 'ok.json'), '--expect', 'f'.repeat(64)]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('Does not match what you recorded');
  });

  it('1: an edited export, naming the first broken record', () => {
    const r = run([join(dir, 'edited.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Does not verify: the chain breaks at record 2 of 3\./);
    expect(r.stderr).toBe('');
  });

  it('speaks French with --lang fr or a French LANG', () => {
    expect(run([join(dir, 'ok.json'), '--lang', 'fr']).stdout).toContain('Cohérent : les 3 enregistrements correspondent à leurs empreintes et à la chaîne.');
    expect(run([join(dir, 'edited.json')], { env: { LANG: 'fr_FR.UTF-8' } }).stdout).toContain("la chaîne est rompue à l'enregistrement 2 sur 3");
  });

  it('--json prints the result object, with the same exit codes', () => {
    const ok = run([join(dir, 'ok.json'), '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'consistent', count: 3, finalHash, anchor: 'none' });
    const bad = run([join(dir, 'edited.json'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'broken', at: 2, reason: 'fields' });
  });

  it('reads stdin with -', () => {
    const r = run(['-'], { stdin: JSON.stringify(doc) });
    expect(r.code).toBe(0);
  });

  it('2: files that cannot be checked, with a clear message on stderr and no stack trace', () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub, { recursive: true });
    const big = join(dir, 'huge.json');
    // Sparse: over the limit without using the disk; refused from its size, never read.
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 257 * 1024 * 1024);
    closeSync(fd);
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /could not be read \(no such file\)/],
      [sub, /could not be read \(it is a directory\)/],
      [file('empty.json', ''), /The file is empty\./],
      [file('not.json', 'id,text\n1,hello\n'), /This is not a JSON file\./],
      [file('other.json', '{"format":"bouclier-settings","version":1}'), /not a Bouclier evidence export/],
      [file('none.json', '{"format":"bouclier-evidence","version":1,"count":0,"records":[],"finalHash":""}'), /holds no records/],
      [big, /too large to check here \(257 MB; the limit is 256 MB\)/],
    ];
    for (const [path, message] of cases) {
      const r = run([path]);
      expect(r.code, path).toBe(2);
      expect(r.stdout, path).toBe('');
      expect(r.stderr, path).toMatch(/This file cannot be checked\./);
      expect(r.stderr, path).toMatch(message);
      expect(r.stderr, path).not.toMatch(NO_STACK);
    }
  });

  it('2: usage errors; --help exits 0 and documents the exit codes', () => {
    for (const args of [[], ['a.json', 'b.json'], ['--expect', 'nothex', 'a.json'], ['--lang', 'de', 'a.json'], ['--bogus', 'a.json'], ['a.json', '--expect']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^verify-evidence: .+\nusage: verify-evidence/);
    }
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:\n\s+0 .+\n\s+1 .+\n\s+2 /);
  });
});
