/**
 * `npm run bench:page`: a 2,000-comment Reddit thread (+200 added by "scrolling") in Chromium, run
 * twice in one go — without and with the extension — to measure what Bouclier costs the page:
 *  - insertion → verdict latency per comment (p50/p95), measured in the page's own clock: the page
 *    stamps each comment when it inserts it, a main-world observer stamps when data-bouclier turns
 *    clean/flagged (warm model: a warm-up page runs first);
 *  - main-thread time: the extension's own accounting of every callback it runs on the page
 *    (src/scanner/busy.ts), and the page's script
 *    time from DevTools metrics (ScriptDuration) with vs without the extension;
 *  - the longest task the extension ran; JS heap with vs without (≈ content-script memory);
 *  - the content script's own start (src/scanner/start-clock.ts): its modules' top-level code and main()
 *    up to its first wait, and until main() is done (wall clock, storage waits included).
 * Prints a table; --json prints machine-readable results. Numbers, not assertions.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchExtension, CHROMIUM_PATH } from '../tests/e2e/harness';
import { benchPage, N_INITIAL, N_SCROLL, URL_ } from './bench-page-fixture';

const json = process.argv.includes('--json');

interface RunResult {
  scriptMs: number;
  taskMs: number;
  /** CPU time of the page's main thread (unlike task durations, not inflated when the machine is busy) */
  threadMs: number;
  layouts: number;
  styleRecalcs: number;
  /** main-thread time in style recalculation and layout (DevTools metrics) */
  styleMs: number;
  layoutMs: number;
  heapMB: number;
  /** insertion → verdict of every comment, in insertion order */
  latencies: number[];
  /** the same, only for comments on screen (inside the viewport; the bench does not scroll) */
  onScreen: number[];
  /** comments on screen: how many frames painted each one readable before its verdict */
  onScreenReadableFrames: number[];
}

async function runOnce(context: BrowserContext, page: Page, withExtension: boolean): Promise<RunResult> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(URL_);
  await page.waitForFunction(() => (window as unknown as { __done: boolean }).__done, undefined, { timeout: 60_000 });
  if (withExtension) {
    await page.waitForFunction(
      (n) => (window as unknown as { __verdict: Map<string, number> }).__verdict.size >= n,
      N_INITIAL + N_SCROLL,
      { timeout: 60_000 },
    );
    // Labels of flagged comments far from the screen are built when idle: count that work too.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-bouclier="flagged"]').length === document.querySelectorAll('[data-bouclier-ui="shield"]').length,
      undefined,
      { timeout: 60_000 },
    );
  } else {
    await page.waitForTimeout(500);
  }
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? 0;
  // Read after the run (layout reads here cost the measured run nothing).
  const { latencies, onScreen, onScreenReadableFrames } = await page.evaluate(() => {
    const w = window as unknown as { __inserted: Map<string, number>; __verdict: Map<string, number>; __readable: Map<string, number> };
    const all: number[] = [];
    const visible: number[] = [];
    const readable: number[] = [];
    for (const [id, t] of w.__inserted) {
      const v = w.__verdict.get(id);
      if (v === undefined) continue;
      all.push(v - t);
      if ((document.getElementById(id)?.getBoundingClientRect().top ?? Infinity) < innerHeight) {
        visible.push(v - t);
        readable.push(w.__readable.get(id) ?? 0);
      }
    }
    return { latencies: all, onScreen: visible, onScreenReadableFrames: readable };
  });
  return {
    scriptMs: m('ScriptDuration') * 1000,
    taskMs: m('TaskDuration') * 1000,
    threadMs: m('ThreadTime') * 1000,
    layouts: m('LayoutCount'),
    styleRecalcs: m('RecalcStyleCount'),
    styleMs: m('RecalcStyleDuration') * 1000,
    layoutMs: m('LayoutDuration') * 1000,
    heapMB: m('JSHeapUsedSize') / 1e6, latencies, onScreen, onScreenReadableFrames };
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const html = benchPage();
const sampledHtml = benchPage(true);

// 1. Without the extension: the page's own cost.
const bare = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-bench-')), {
  executablePath: CHROMIUM_PATH,
  headless: false,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
await bare.route('**/*', (r) => (r.request().url() === URL_ ? r.fulfill({ body: html, contentType: 'text/html' }) : r.abort()));
const without = await runOnce(bare, await bare.newPage(), false);
await bare.close();

// 2. With the extension, model warmed up first.
const h = await launchExtension();
h.serve(URL_, sampledHtml);
// The model's cold load inside the extension (offscreen document, started with the browser).
let extensionLoadMs = NaN;
for (let i = 0; i < 300 && Number.isNaN(extensionLoadMs); i++) {
  const st = (await h.serviceWorker
    .evaluate(() => chrome.runtime.sendMessage({ target: 'offscreen', type: 'host-status' }))
    .catch(() => null)) as { state?: string; loadMs?: number } | null;
  if (st?.state === 'ready' && typeof st.loadMs === 'number') extensionLoadMs = st.loadMs;
  else await new Promise((r) => setTimeout(r, 100));
}
const warm = await h.openFixture('https://www.reddit.com/r/france/comments/1warm/warm/', '<shreddit-comment author="a"><div slot="comment">warm up</div></shreddit-comment>');
await warm.waitForFunction(() => document.querySelector('[data-bouclier="clean"],[data-bouclier="flagged"]'), undefined, { timeout: 30_000 });
await warm.close();
const page = await h.context.newPage();
const withExt = await runOnce(h.context, page, true);
const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, URL_);
const perf = (await h.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id!, { type: 'get-perf' }), tabId)) as {
  /** every callback of the extension on the page (src/scanner/busy.ts) */
  busyMs: number;
  maxTaskMs: number;
  /** which part ran it: read (reading slice), render (verdicts in a frame), observer, labels, guard, … */
  maxTaskIn: string;
  tasks: number;
  /** milliseconds per part */
  byPart: Record<string, number>;
  cached: number;
  batches: number;
  classified: number;
  roundTripMs: number;
  hostMs: number;
  firstSentAt: number;
  firstAnswerAt: number;
  firstHostMs: number;
  /** the content script's own start (src/scanner/start-clock.ts) */
  start?: { startMs: number; readyMs: number };
};
const flagged = await page.locator('[data-bouclier="flagged"]').count();
// The host's cache by normalised text (after the warm-up page): texts the model scored vs answered from it.
const hostCache = (
  (await h.serviceWorker.evaluate(() => chrome.runtime.sendMessage({ target: 'offscreen', type: 'host-status' })).catch(() => null)) as {
    cache?: { scored: number; hits: number };
  } | null
)?.cache;
// Popup on this busy tab: from opening it to its per-category counts on screen (median of 5 opens).
const popupMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = Date.now();
  const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.locator('[data-testid="counts"]').waitFor({ timeout: 30_000 });
  popupMs.push(Date.now() - started);
  await popup.close();
}
await h.close();

const initial = withExt.latencies.slice(0, N_INITIAL);
const scrolled = withExt.latencies.slice(N_INITIAL);
const result = {
  comments: N_INITIAL + N_SCROLL,
  flagged,
  verdicts: withExt.latencies.length,
  latencyP50Ms: pct(withExt.latencies, 50),
  latencyP95Ms: pct(withExt.latencies, 95),
  latencyMaxMs: pct(withExt.latencies, 100),
  initialP95Ms: pct(initial, 95),
  scrolledP50Ms: pct(scrolled, 50),
  scrolledP95Ms: pct(scrolled, 95),
  onScreenCount: withExt.onScreen.length,
  onScreenP95Ms: pct(withExt.onScreen, 95),
  /** on-screen comments painted readable before their verdict in at least one frame, and in how many frames in all */
  onScreenReadable: withExt.onScreenReadableFrames.filter((n) => n > 0).length,
  onScreenReadableFrames: withExt.onScreenReadableFrames.reduce((a, n) => a + n, 0),
  batches: perf.batches,
  meanRoundTripMs: perf.batches ? perf.roundTripMs / perf.batches : NaN,
  meanHostMs: perf.batches ? perf.hostMs / perf.batches : NaN,
  /** the page's first request (the comments on screen): round trip and host compute */
  firstRoundTripMs: perf.firstAnswerAt - perf.firstSentAt,
  firstHostMs: perf.firstHostMs,
  /** texts sent to the host: scored by the model / answered by normalised text (incl. the warm-up page's one) */
  hostScored: hostCache?.scored ?? NaN,
  hostCacheHits: hostCache?.hits ?? NaN,
  /** the content script's modules and main() up to its first wait: what holds the page at document_start */
  contentScriptStartMs: perf.start?.startMs ?? NaN,
  /** …and until main() is done: wall clock, storage answers and the page's own tasks included */
  contentScriptReadyMs: perf.start?.readyMs ?? NaN,
  extensionBusyMs: perf.busyMs,
  extensionMaxTaskMs: perf.maxTaskMs,
  extensionMaxTaskIn: perf.maxTaskIn,
  extensionTasks: perf.tasks,
  extensionMsByPart: perf.byPart ?? {},
  pageScriptMsWithout: without.scriptMs,
  pageScriptMsWith: withExt.scriptMs,
  /** the extension's own JS (its accounting of every slice and callback) vs the page's own scripting */
  extensionShareOfPageScript: perf.busyMs / without.scriptMs,
  /** all main-thread work, rendering included (DevTools TaskDuration), with vs without */
  pageTaskMsWithout: without.taskMs,
  pageTaskMsWith: withExt.taskMs,
  pageCpuMsWithout: without.threadMs,
  pageCpuMsWith: withExt.threadMs,
  layoutsWithout: without.layouts,
  layoutsWith: withExt.layouts,
  styleMsWithout: without.styleMs,
  styleMsWith: withExt.styleMs,
  layoutMsWithout: without.layoutMs,
  layoutMsWith: withExt.layoutMs,
  heapMBWithout: without.heapMB,
  heapMBWith: withExt.heapMB,
  popupOpenMs: pct(popupMs, 50),
  extensionModelLoadMs: extensionLoadMs,
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  console.log(`bench:page — ${result.comments} comments (${N_INITIAL} rendered + ${N_SCROLL} scrolled in), ${flagged} flagged, machine load ${os.loadavg()[0]!.toFixed(2)}`);
  console.table({
    'insertion → verdict p50, all (ms)': { value: f(result.latencyP50Ms), budget: '' },
    'insertion → verdict p95, all (ms)': { value: f(result.latencyP95Ms), budget: '≤ 50' },
    'insertion → verdict max (ms)': { value: f(result.latencyMaxMs), budget: '' },
    [`  p95 of the ${N_INITIAL} rendered at once (ms)`]: { value: f(result.initialP95Ms), budget: '' },
    [`  p50 / p95 of the ${N_SCROLL} scrolled in (ms)`]: { value: `${f(result.scrolledP50Ms)} / ${f(result.scrolledP95Ms)}`, budget: '' },
    [`  p95 of the ${result.onScreenCount} on screen (ms)`]: { value: f(result.onScreenP95Ms), budget: '' },
    [`  of those, painted readable before their verdict (frames in all)`]: {
      value: `${result.onScreenReadable} of ${result.onScreenCount} (${result.onScreenReadableFrames})`,
      budget: 'none',
    },
    'classify batches; mean round trip / host compute (ms)': {
      value: `${result.batches}; ${f(result.meanRoundTripMs)} / ${f(result.meanHostMs)}`,
      budget: '',
    },
    'first request (on-screen comments): round trip / host compute (ms)': { value: `${f(result.firstRoundTripMs)} / ${f(result.firstHostMs)}`, budget: '' },
    'texts the host scored / answered by normalised text': { value: `${result.hostScored} / ${result.hostCacheHits}`, budget: '' },
    'extension JS on the main thread (ms)': { value: f(result.extensionBusyMs), budget: '' },
    "page's own scripting, no extension (ms)": { value: f(result.pageScriptMsWithout), budget: '' },
    'extension JS share of page scripting': { value: `${f(100 * result.extensionShareOfPageScript)} %`, budget: '≤ 10 %' },
    'main-thread CPU without → with (ms, incl. rendering)': {
      value: `${f(result.pageCpuMsWithout, 0)} → ${f(result.pageCpuMsWith, 0)}`,
      budget: '',
    },
    'layouts without → with': { value: `${result.layoutsWithout} → ${result.layoutsWith}`, budget: '' },
    'style / layout time without → with (ms)': {
      value: `${f(result.styleMsWithout, 0)} / ${f(result.layoutMsWithout, 0)} → ${f(result.styleMsWith, 0)} / ${f(result.layoutMsWith, 0)}`,
      budget: '',
    },
    "content script's own start: to main()'s first wait / ready (ms)": {
      value: `${f(result.contentScriptStartMs)} / ${f(result.contentScriptReadyMs)}`,
      budget: '≤ 10 / —',
    },
    'longest extension task (ms)': { value: `${f(result.extensionMaxTaskMs)} (${result.extensionMaxTaskIn})`, budget: '≤ 50' },
    'JS heap without → with (MB)': { value: `${f(result.heapMBWithout)} → ${f(result.heapMBWith)}`, budget: '' },
    'popup open → counts shown, median of 5 (ms)': { value: f(result.popupOpenMs, 0), budget: '' },
    'model load in the extension at browser start (ms)': { value: f(result.extensionModelLoadMs, 0), budget: '' },
  });
  const parts = Object.entries(result.extensionMsByPart).sort((a, b) => b[1] - a[1]);
  console.log(`extension JS by part (ms): ${parts.map(([k, v]) => `${k} ${f(v, 0)}`).join(', ')}`);
}
