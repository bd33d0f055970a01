/**
 * The page budgets of `npm run bench`, measured in one sitting: bench:page and bench:page-floor run in
 * turn (page, floor, page, floor, …) so that both see the same machine load, `runs` times (3 by default).
 * Each ratio is the median of its per-run ratios (a run of the extension against the floor run right
 * after it); each other figure is the median of its runs, the runs themselves shown in brackets.
 *
 * The floor is the minimal in-page script of bench-page-floor.ts in its `round-trip` variant: it reads
 * every comment, sends the texts to a Worker that answers at once and marks a verdict — what any shield
 * whose classifier runs off the page's main thread cannot skip.
 */
import { median, runJson, type Table } from './bench-table';

/** What bench-page.ts --json prints (the fields read here). */
interface PageRun {
  latencyP50Ms: number;
  latencyP95Ms: number;
  onScreenCount: number;
  onScreenReadable: number;
  extensionBusyMs: number;
  /** milliseconds per part (src/scanner/busy.ts) */
  extensionMsByPart: Record<string, number>;
  extensionMaxTaskMs: number;
  extensionMaxTaskIn: string;
  extensionShareOfPageScript: number;
  contentScriptStartMs: number;
  contentScriptReadyMs: number;
}

/** What bench-page-floor.ts --json prints, with BOUCLIER_FLOOR_RUNS=1 (one value per list). */
interface FloorRun {
  variants: Record<'same-thread' | 'round-trip', { p95Ms: number[]; jsMs: number[] }>;
}

export interface Sitting {
  pages: PageRun[];
  floors: FloorRun[];
  errors: string[];
}

export function pageSitting(runs: number, env: NodeJS.ProcessEnv): Sitting {
  const sitting: Sitting = { pages: [], floors: [], errors: [] };
  for (let i = 1; i <= runs; i++) {
    const page = runJson('bench-page.ts', ['--json'], env);
    const floor = runJson('bench-page-floor.ts', ['--json'], { BOUCLIER_FLOOR_RUNS: '1' });
    if (!page.ok) sitting.errors.push(`bench:page run ${i}: ${page.error}`);
    if (!floor.ok) sitting.errors.push(`bench:page-floor run ${i}: ${floor.error}`);
    if (page.ok && floor.ok) {
      sitting.pages.push(page.value as unknown as PageRun);
      sitting.floors.push(floor.value as unknown as FloorRun);
    }
  }
  return sitting;
}

/** Each page figure: name, unit, budget (all "at most"). */
const PAGE_FIGURES: [string, string, number][] = [
  ["extension main-thread JS ÷ floor script's", '×', 3],
  ["insertion → verdict p95 ÷ floor's worker round trip p95", '×', 1.5],
  ['on-screen comments painted readable before their verdict', 'comments', 0],
  ['longest extension task on the page', 'ms', 50],
  ["content script's own start (to main()'s first wait)", 'ms', 10],
  ['insertion → verdict p95 (2,000-comment page)', 'ms', 50],
  ["extension main-thread share of the page's scripting", '%', 10],
];

/** The page rows of the table, from one sitting (or why there are none). */
export function pageRows(table: Table, sitting: Sitting | string): void {
  if (typeof sitting === 'string' || sitting.pages.length === 0) {
    const why = typeof sitting === 'string' ? sitting : sitting.errors.join('; ') || 'not available';
    for (const [figure, unit, budget] of PAGE_FIGURES) {
      table.budget(figure, undefined, unit, budget, '<=');
      table.because(why);
    }
    return;
  }
  const { pages, floors } = sitting;
  const n = pages.length;
  const of = <T>(xs: T[], f: (x: T) => number) => xs.map(f);
  const roundTrip = (i: number) => floors[i]!.variants['round-trip'];
  const sameThread = (i: number) => floors[i]!.variants['same-thread'];
  const runs = `median of ${n}`;
  const row = (k: number, label: string, values: number[], digits: number, value = median(values)) => {
    const [figure, unit, budget] = PAGE_FIGURES[k]!;
    table.budget(`${figure} (${label})`, value, unit, budget, '<=', digits, values);
  };
  row(0, runs, pages.map((p, i) => p.extensionBusyMs / roundTrip(i).jsMs[0]!), 1);
  row(1, runs, pages.map((p, i) => p.latencyP95Ms / roundTrip(i).p95Ms[0]!), 2);
  // Any comment painted readable in any run is a miss: the worst run is the figure.
  const readable = of(pages, (p) => p.onScreenReadable);
  row(2, `worst of ${n}, of ${pages[0]!.onScreenCount} on screen`, readable, 0, Math.max(...readable));
  row(3, runs, of(pages, (p) => p.extensionMaxTaskMs), 1);
  row(4, runs, of(pages, (p) => p.contentScriptStartMs), 1);
  const p95s = of(pages, (p) => p.latencyP95Ms);
  row(5, runs, p95s, 0);
  row(6, runs, of(pages, (p) => 100 * p.extensionShareOfPageScript), 0);

  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
  const js = (i: number) => roundTrip(i).jsMs[0]!;
  table.info('  extension JS / floor JS, medians', `${ms(median(of(pages, (p) => p.extensionBusyMs)))} / ${ms(median(pages.map((_, i) => js(i))))}`);
  table.info(
    '  insertion → verdict p95 / floor round-trip p95, medians',
    `${ms(median(p95s))} / ${ms(median(pages.map((_, i) => roundTrip(i).p95Ms[0]!)))}`,
  );
  table.info(
    '  floor, same thread (no messaging): p95 / JS, medians',
    `${ms(median(pages.map((_, i) => sameThread(i).p95Ms[0]!)))} / ${ms(median(pages.map((_, i) => sameThread(i).jsMs[0]!)))}`,
  );
  // Where the extension's time goes: each part's median over the runs, largest first.
  const parts = [...new Set(pages.flatMap((p) => Object.keys(p.extensionMsByPart ?? {})))];
  const byPart = parts.map((k) => [k, median(of(pages, (p) => p.extensionMsByPart?.[k] ?? 0))] as const).sort((a, b) => b[1] - a[1]);
  const listed = byPart.filter(([, v]) => v >= 1).map(([k, v]) => `${k} ${v.toFixed(0)}`);
  // Two rows, so the table's column stays readable.
  table.info('  extension JS by part, medians (ms)', listed.slice(0, 5).join(', '));
  if (listed.length > 5) table.info('  … and (ms)', listed.slice(5).join(', '));
  table.info('  insertion → verdict p50, median', ms(median(of(pages, (p) => p.latencyP50Ms))));
  table.info('  longest extension task ran in', [...new Set(pages.map((p) => p.extensionMaxTaskIn))].join(', '));
  table.info('  content script ready (main() done, storage waits included), median', ms(median(of(pages, (p) => p.contentScriptReadyMs))));
  if (sitting.errors.length > 0) table.info('  runs that failed', sitting.errors.join('; '));
}
