/**
 * The parts `npm run bench` (scripts/bench.ts) is built from: one table of figures (figure | measured |
 * budget | ok?), and running a bench script to read its JSON.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const log = (m: string): void => void process.stderr.write(`[bench] ${m}\n`);

export interface Row {
  figure: string;
  measured: string;
  budget: string;
  ok: 'ok' | 'MISS' | '—' | 'n/a';
}

export const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export class Table {
  readonly rows: Row[] = [];

  /**
   * A figure with a budget: `cmp` says which side is good. `runs`: the value of each run when `value` is
   * their median (shown after it).
   */
  budget(figure: string, value: number | undefined, unit: string, budget: number, cmp: '<=' | '>=', digits = 1, runs?: number[]): void {
    const b =
      budget === 0 && cmp === '<=' ? 'none' : `${cmp === '<=' ? '≤' : '≥'} ${budget.toLocaleString('en')}${unit === '×' ? '' : ' '}${unit}`;
    if (value === undefined || !Number.isFinite(value)) {
      this.rows.push({ figure, measured: 'not available', budget: b, ok: 'n/a' });
      return;
    }
    const n = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })}`;
    const each = runs && runs.length > 1 ? ` (${runs.map((x) => (Number.isFinite(x) ? n(x) : '–')).join(', ')})` : '';
    this.rows.push({
      figure,
      measured: `${n(value)}${unit === '×' ? '' : ' '}${unit}${each}`,
      budget: b,
      ok: (cmp === '<=' ? value <= budget : value >= budget) ? 'ok' : 'MISS',
    });
  }

  /** A figure without a budget. */
  info(figure: string, measured: string): void {
    this.rows.push({ figure, measured, budget: '—', ok: '—' });
  }

  /** The last row says why it has no figure (skipped, error…). */
  because(why: string): void {
    this.rows.at(-1)!.measured = why;
  }

  print(): string {
    const head: Row = { figure: 'figure', measured: 'measured', budget: 'budget', ok: 'ok?' as Row['ok'] };
    const all = [head, ...this.rows];
    const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
    const line = (r: Row) => `${r.figure.padEnd(w('figure'))} | ${r.measured.padStart(w('measured'))} | ${r.budget.padEnd(w('budget'))} | ${r.ok}`;
    const out = [line(head), `${'-'.repeat(w('figure'))}-+-${'-'.repeat(w('measured'))}-+-${'-'.repeat(w('budget'))}-+-----`, ...this.rows.map(line)];
    const misses = this.rows.filter((r) => r.ok === 'MISS');
    const missing = this.rows.filter((r) => r.ok === 'n/a');
    out.push('');
    out.push(
      misses.length === 0
        ? 'All measured budgets met.'
        : `MISSED ${misses.length} budget(s): ${misses.map((r) => `${r.figure} (${r.measured}, budget ${r.budget})`).join('; ')}`,
    );
    if (missing.length > 0) out.push(`Not measured: ${missing.map((r) => `${r.figure} (${r.measured})`).join('; ')}`);
    return out.join('\n');
  }
}

export type JsonRun = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Runs a TypeScript script with tsx; its stdout parsed as JSON (the last JSON document in it), or an error. */
export function runJson(script: string, scriptArgs: string[], env: NodeJS.ProcessEnv = {}): JsonRun {
  const file = path.join(ROOT, 'scripts', script);
  if (!fs.existsSync(file)) return { ok: false, error: 'not available' };
  log(`running ${script} ${scriptArgs.join(' ')} …`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...scriptArgs], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30 * 60_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  log(`${script} finished in ${((Date.now() - t0) / 1000).toFixed(0)} s (exit ${r.status ?? r.signal})`);
  if (r.status !== 0) return { ok: false, error: `error (exit ${r.status ?? r.signal})` };
  const out = r.stdout.trim();
  // Either one JSON document, or log lines followed by a one-line JSON document.
  for (const candidate of [out, out.slice(out.lastIndexOf('\n{') + 1), out.slice(out.indexOf('{'))]) {
    try {
      return { ok: true, value: JSON.parse(candidate) as Record<string, unknown> };
    } catch {
      /* try the next shape */
    }
  }
  return { ok: false, error: 'error (no JSON on stdout)' };
}
