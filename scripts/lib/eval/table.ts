/**
 * The eval's rows and measures: test rows with their scores and flags, per-label metrics over the rows that
 * annotate a label, and the plain-text tables it prints.
 */
import { LABELS, type Label, type Scores } from '../../../src/classifier/labels.ts';
import { confusion, f1, precision, recall, rocAuc } from '../../../src/classifier/metrics.ts';
import type { Flags } from '../../../src/classifier/thresholds.ts';

export const GENERATED = 'bouclier-gen';
/** Our hand-written contrast sentences (training/contrast/): ours, like the generated rows, not public data. */
export const CONTRAST = 'bouclier-contrast';
export const PUBLIC = (r: EvalRow) => r.source !== GENERATED && r.source !== CONTRAST;

export interface EvalRow {
  id: string;
  text: string;
  lang: string;
  source: string;
  split: string;
  labels: Partial<Record<Label, 0 | 1 | null>>;
  kind?: string;
  target?: string;
  alsoIn?: string[];
}

export interface Scored {
  row: EvalRow;
  scores: Scores;
  flags: Flags;
}

export interface LabelMetrics {
  n: number;
  positives: number;
  auc: number;
  f1: number;
  precision: number;
  recall: number;
}

export type GroupMetrics = Partial<Record<Label, LabelMetrics>>;

export const log = (s = ''): void => {
  process.stdout.write(`${s}\n`);
};

function labelMetrics(items: readonly { score: number; flag: boolean; y: 0 | 1 }[]): LabelMetrics {
  const ys = items.map((i) => i.y);
  const c = confusion(
    items.map((i) => i.flag),
    ys,
  );
  return {
    n: items.length,
    positives: ys.filter((y) => y === 1).length,
    auc: rocAuc(
      items.map((i) => i.score),
      ys,
    ),
    f1: f1(c),
    precision: precision(c),
    recall: recall(c),
  };
}

/** Per-label metrics over the rows that annotate the label. `flagOf` lets baselines reuse this. */
export function groupMetrics(rows: readonly Scored[], flagOf: (s: Scored, l: Label) => boolean = (s, l) => s.flags[l]): GroupMetrics {
  const out: GroupMetrics = {};
  for (const l of LABELS) {
    const items = rows
      .filter((s) => s.row.labels[l] === 0 || s.row.labels[l] === 1)
      .map((s) => ({ score: s.scores[l], flag: flagOf(s, l), y: s.row.labels[l] as 0 | 1 }));
    if (items.length > 0) out[l] = labelMetrics(items);
  }
  return out;
}

export const fmt = (x: number | undefined, d = 3): string => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
export const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "AUC/F1 (n+)" per label, one row per group. */
export function compactTable(title: string, groups: [string, number, GroupMetrics][]): string {
  const rows = groups.map(([name, n, m]) => [
    name,
    String(n),
    ...LABELS.map((l) => {
      const x = m[l];
      return x && x.positives > 0 ? `${fmt(x.auc, 2)}/${fmt(x.f1, 2)} (${x.positives})` : '-';
    }),
  ]);
  return `${title}\n${table(['group', 'n', ...LABELS], rows)}`;
}

export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const arr = m.get(k);
    if (arr) arr.push(x);
    else m.set(k, [x]);
  }
  return m;
}
