/**
 * `npm run bench:page`: a 2,000-comment Reddit thread (+200 added by "scrolling") in Chromium, run
 * twice in one go — without and with the extension — to measure what Bouclier costs the page:
 *  - insertion → verdict latency per comment (p50/p95), measured in the page's own clock: the page
 *    stamps each comment when it inserts it, a main-world observer stamps when data-bouclier turns
 *    clean/flagged (warm model: a warm-up page runs first);
 *  - main-thread time: the scanner's own accounting of its slices/callbacks, and the page's script
 *    time from DevTools metrics (ScriptDuration) with vs without the extension;
 *  - the longest task the extension ran; JS heap with vs without (≈ content-script memory).
 * Prints a table; --json prints machine-readable results. Numbers, not assertions.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchExtension, CHROMIUM_PATH } from '../tests/e2e/harness';

const URL_ = 'https://www.reddit.com/r/france/comments/1bench/un_fil_tres_long/';
const N_INITIAL = 2000;
const N_SCROLL = 200;
const json = process.argv.includes('--json');

const SAMPLES_EN = [
  'Great reporting, thank you for covering this.',
  'I disagree with your take on the budget, but the sourcing is solid.',
  'Shut up you stupid bitch, nobody cares about your opinion.',
  'Women like you should stay in the kitchen where you belong.',
  'The CEO of that company is a woman and she doubled its revenue.',
  'I hope someone finds out where you live and makes you pay.',
  'Can you share the link to the full report?',
  'This is the best thread I have read all week, thanks!',
];
const SAMPLES_FR = [
  'Merci pour cet article très documenté.',
  'Je ne suis pas d’accord mais l’argumentation est solide.',
  'Ferme ta gueule sale pute, retourne à la cuisine.',
  'T’es qu’une s4l0pe, on sait où tu habites.',
  'Ma sœur est ingénieure et elle a adoré votre reportage !',
  'Les femmes sont trop émotives pour faire de la politique.',
  'Quelqu’un a le lien vers l’étude complète ?',
  'Bon courage à toute la rédaction.',
];

/** The page inserts its comments itself (like a SPA renders), stamping each insertion. */
function benchPage(): string {
  const all = [...SAMPLES_EN, ...SAMPLES_FR];
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bench</title>
<style>shreddit-comment{display:block;padding:4px 8px;border-left:2px solid #eee;margin:4px 0;font:14px sans-serif}</style></head>
<body><main><shreddit-comment-tree id="tree"></shreddit-comment-tree></main>
<script>
const samples = ${JSON.stringify(all)};
window.__inserted = new Map(); window.__verdict = new Map(); window.__done = false;
new MutationObserver((ms) => { const now = performance.now(); for (const m of ms) {
  const v = m.target.getAttribute('data-bouclier');
  if ((v === 'clean' || v === 'flagged') && !window.__verdict.has(m.target.id)) window.__verdict.set(m.target.id, now);
}}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-bouclier'] });
let n = 0;
function make(i) {
  const el = document.createElement('shreddit-comment');
  el.id = 'c' + i; el.setAttribute('author', 'user' + (i % 317)); el.setAttribute('permalink', '/r/france/comments/1bench/x/c' + i + '/');
  const meta = document.createElement('div'); meta.slot = 'commentMeta'; meta.textContent = 'u/user' + (i % 317);
  const body = document.createElement('div'); body.slot = 'comment';
  const p = document.createElement('p');
  // Vary texts so the verdict cache does not answer everything: sample + a counter phrase.
  p.textContent = samples[i % samples.length] + (i % 3 === 0 ? '' : ' (' + (i % 97) + ')');
  body.append(p); el.append(meta, body); return el;
}
function insert(count, perFrame, done) {
  const tree = document.getElementById('tree');
  const step = () => {
    const end = Math.min(n + perFrame, count);
    for (; n < end; n++) { const el = make(n); tree.append(el); window.__inserted.set(el.id, performance.now()); }
    if (n < count) requestAnimationFrame(step); else done();
  };
  requestAnimationFrame(step);
}
// Initial render (100 comments per frame), then "infinite scroll": 200 more, 20 per 100 ms.
insert(${N_INITIAL}, 100, () => setTimeout(() => {
  const more = () => { const target = Math.min(n + 20, ${N_INITIAL + N_SCROLL}); insert(target, 20, () => { if (n < ${N_INITIAL + N_SCROLL}) setTimeout(more, 100); else window.__done = true; }); };
  more();
}, 200));
</script></body></html>`;
}

interface RunResult {
  scriptMs: number;
  taskMs: number;
  heapMB: number;
  latencies: number[];
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
  } else {
    await page.waitForTimeout(500);
  }
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? 0;
  const latencies = await page.evaluate(() => {
    const w = window as unknown as { __inserted: Map<string, number>; __verdict: Map<string, number> };
    return [...w.__inserted].flatMap(([id, t]) => (w.__verdict.has(id) ? [w.__verdict.get(id)! - t] : []));
  });
  return { scriptMs: m('ScriptDuration') * 1000, taskMs: m('TaskDuration') * 1000, heapMB: m('JSHeapUsedSize') / 1e6, latencies };
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const html = benchPage();

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
h.serve(URL_, html);
const warm = await h.openFixture('https://www.reddit.com/r/france/comments/1warm/warm/', '<shreddit-comment author="a"><div slot="comment">warm up</div></shreddit-comment>');
await warm.waitForFunction(() => document.querySelector('[data-bouclier="clean"],[data-bouclier="flagged"]'), undefined, { timeout: 30_000 });
await warm.close();
const page = await h.context.newPage();
const withExt = await runOnce(h.context, page, true);
const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, URL_);
const perf = (await h.serviceWorker.evaluate((id) => chrome.tabs.sendMessage(id!, { type: 'get-perf' }), tabId)) as {
  busyMs: number;
  maxTaskMs: number;
  tasks: number;
  cached: number;
};
const flagged = await page.locator('[data-bouclier="flagged"]').count();
await h.close();

const result = {
  comments: N_INITIAL + N_SCROLL,
  flagged,
  verdicts: withExt.latencies.length,
  latencyP50Ms: pct(withExt.latencies, 50),
  latencyP95Ms: pct(withExt.latencies, 95),
  latencyMaxMs: pct(withExt.latencies, 100),
  extensionBusyMs: perf.busyMs,
  extensionMaxTaskMs: perf.maxTaskMs,
  extensionTasks: perf.tasks,
  pageScriptMsWithout: without.scriptMs,
  pageScriptMsWith: withExt.scriptMs,
  extensionShareOfPageScript: perf.busyMs / without.scriptMs,
  heapMBWithout: without.heapMB,
  heapMBWith: withExt.heapMB,
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  console.log(`bench:page — ${result.comments} comments (${N_INITIAL} rendered + ${N_SCROLL} scrolled in), ${flagged} flagged`);
  console.table({
    'insertion → verdict p50 (ms)': { value: f(result.latencyP50Ms), budget: '' },
    'insertion → verdict p95 (ms)': { value: f(result.latencyP95Ms), budget: '≤ 50' },
    'insertion → verdict max (ms)': { value: f(result.latencyMaxMs), budget: '' },
    'extension main-thread time (ms)': { value: f(result.extensionBusyMs), budget: '' },
    "page's own scripting, no extension (ms)": { value: f(result.pageScriptMsWithout), budget: '' },
    'page scripting incl. extension (ms)': { value: f(result.pageScriptMsWith), budget: '' },
    'extension share of page scripting': { value: `${f(100 * result.extensionShareOfPageScript)} %`, budget: '≤ 10 %' },
    'longest extension task (ms)': { value: f(result.extensionMaxTaskMs), budget: '≤ 50' },
    'JS heap without → with (MB)': { value: `${f(result.heapMBWithout)} → ${f(result.heapMBWith)}`, budget: '' },
  });
}
