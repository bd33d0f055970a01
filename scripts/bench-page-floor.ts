/**
 * `npm run bench:page-floor`: what ANY content script would cost on the bench:page fixture: the yardstick
 * of the page budgets `npm run bench` checks (the extension's main-thread JS ≤ 3× this script's, its
 * insertion → verdict p95 ≤ 1.5× this script's worker round trip).
 *
 * No extension is loaded. A minimal script in the page itself does only what no shield can skip: find
 * each new comment, read its text, mark it pending, then mark a verdict, with no classifier at all. The
 * verdict comes either
 *  - `same-thread`: in the next task (setTimeout 0): no messaging, no model;
 *  - `round-trip`: back from a Worker that answers at once: the cheapest trip off the page's main thread
 *    (our classifier lives in another process, which only costs more).
 * Each variant runs BOUCLIER_FLOOR_RUNS times (3 by default), interleaved with the page alone. Prints
 * numbers, asserts nothing; --json prints every run and the medians (what `npm run bench` divides by).
 */
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH } from '../tests/e2e/harness';
import { benchPage, N_INITIAL, N_SCROLL, URL_ } from './bench-page-fixture';

const RUNS = Number(process.env.BOUCLIER_FLOOR_RUNS ?? 3);
const json = process.argv.includes('--json');
type Variant = 'page alone' | 'same-thread' | 'round-trip';

/** The minimal shield, timed by itself (performance.now around each of its callbacks). */
function minimalScript(variant: Variant): string {
  if (variant === 'page alone') return '';
  return `<script>
window.__floorMs = 0;
const worker = ${variant === 'round-trip'} ? new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' }))) : null;
const waiting = new Map(); let nextId = 0;
const judge = (els) => { const t = performance.now(); for (const el of els) el.setAttribute('data-bouclier', 'clean'); window.__floorMs += performance.now() - t; };
if (worker) worker.onmessage = (e) => { const els = waiting.get(e.data.id); waiting.delete(e.data.id); judge(els); };
new MutationObserver((ms) => {
  const t = performance.now(); const found = [];
  for (const m of ms) for (const n of m.addedNodes) {
    if (n.nodeType !== 1) continue;
    if (n.matches('shreddit-comment')) found.push(n);
    for (const c of n.querySelectorAll('shreddit-comment')) found.push(c);
  }
  if (found.length > 0) {
    const texts = found.map((el) => { el.setAttribute('data-bouclier', 'pending'); return el.querySelector('[slot=comment]')?.textContent ?? ''; });
    if (worker) { const id = nextId++; waiting.set(id, found); worker.postMessage({ id, texts }); }
    else setTimeout(() => judge(found), 0);
  }
  window.__floorMs += performance.now() - t;
}).observe(document, { childList: true, subtree: true });
</script>`;
}

interface Run {
  scriptMs: number;
  minimalMs: number;
  latencies: number[];
}

async function runOnce(variant: Variant): Promise<Run> {
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-floor-')), {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const html = benchPage().replace('<body>', `<body>${minimalScript(variant)}`);
    await context.route('**/*', (r) => (r.request().url() === URL_ ? r.fulfill({ body: html, contentType: 'text/html' }) : r.abort()));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(URL_);
    await page.waitForFunction(() => (window as unknown as { __done: boolean }).__done, undefined, { timeout: 60_000 });
    if (variant !== 'page alone') {
      await page.waitForFunction((n) => (window as unknown as { __verdict: Map<string, number> }).__verdict.size >= n, N_INITIAL + N_SCROLL, { timeout: 60_000 });
    }
    await page.waitForTimeout(500);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
    const { minimalMs, latencies } = await page.evaluate(() => {
      const w = window as unknown as { __floorMs?: number; __inserted: Map<string, number>; __verdict: Map<string, number> };
      const out: number[] = [];
      for (const [id, t] of w.__inserted) {
        const v = w.__verdict.get(id);
        if (v !== undefined) out.push(v - t);
      }
      return { minimalMs: w.__floorMs ?? 0, latencies: out };
    });
    return { scriptMs, minimalMs, latencies };
  } finally {
    await context.close();
  }
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** One variant's figures, one entry per run. */
interface VariantRuns {
  p50Ms: number[];
  p95Ms: number[];
  /** the minimal script's own main-thread JS (its callbacks, timed in the page) */
  jsMs: number[];
  /** the page's scripting alone, measured just before */
  pageScriptMs: number[];
}
const median = (xs: number[]): number => pct(xs, 50);

const rows: Record<string, Record<string, string>> = {};
const variants: Record<'same-thread' | 'round-trip', VariantRuns> = {
  'same-thread': { p50Ms: [], p95Ms: [], jsMs: [], pageScriptMs: [] },
  'round-trip': { p50Ms: [], p95Ms: [], jsMs: [], pageScriptMs: [] },
};
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
for (let i = 1; i <= RUNS; i++) {
  const alone = await runOnce('page alone');
  for (const variant of ['same-thread', 'round-trip'] as const) {
    const r = await runOnce(variant);
    const v = variants[variant];
    v.p50Ms.push(pct(r.latencies, 50));
    v.p95Ms.push(pct(r.latencies, 95));
    v.jsMs.push(r.minimalMs);
    v.pageScriptMs.push(alone.scriptMs);
    rows[`${variant} #${i}`] = {
      'p50 (ms)': f(pct(r.latencies, 50)),
      'p95 (ms)': f(pct(r.latencies, 95)),
      [`p95 of the ${N_INITIAL} at once (ms)`]: f(pct(r.latencies.slice(0, N_INITIAL), 95)),
      'minimal JS (ms)': f(r.minimalMs),
      "page's scripting alone (ms)": f(alone.scriptMs),
      'share': `${f((100 * r.minimalMs) / alone.scriptMs)} %`,
    };
  }
}
if (json) {
  const medians = Object.fromEntries(
    Object.entries(variants).map(([k, v]) => [k, { p50Ms: median(v.p50Ms), p95Ms: median(v.p95Ms), jsMs: median(v.jsMs), pageScriptMs: median(v.pageScriptMs) }]),
  );
  console.log(JSON.stringify({ runs: RUNS, comments: N_INITIAL + N_SCROLL, variants, medians }));
} else {
  console.log(
    `bench:page-floor — the bench:page fixture (${N_INITIAL} + ${N_SCROLL} comments), no extension: a minimal in-page script reads each comment and marks a verdict with no classifier; machine load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.table(rows);
  const m = (v: VariantRuns) => `p95 ${f(median(v.p95Ms))} ms, JS ${f(median(v.jsMs))} ms`;
  console.log(`medians of ${RUNS}: same-thread ${m(variants['same-thread'])}; round-trip ${m(variants['round-trip'])}`);
}
