/**
 * `npm run bench:review [-- --n 50000 --json]`: the review page with a big log, in real Chromium
 * with the built extension (.output/chrome-mv3; `npm run bench:review` builds it first).
 *
 * 1. Seeds N records (default 50,000) into the extension's own IndexedDB ("bouclier-review", the
 *    same store the background writes), from an extension page, in batches of 5,000.
 * 2. Opens options.html#review fresh: time to the first rows (newest page) and to the full list of N
 *    (openGetAllMs = the IndexedDB getAll part).
 * 3. Filters: text search, platform, category, author — time from input to the count updating.
 * 4. Scrolls the virtualised list end to end for ~2 s and reports frame times (p50 / p95 / max).
 * 5. Exports all N as CSV and JSON (click → download event, plus in-page export time) and a
 *    printable report of a filtered subset.
 * Nothing touches the network (the harness records and refuses any request).
 */
import { launchExtension } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--n') + 1]) || 50_000;
const asJson = args.includes('--json');

const log = (m: string) => process.stderr.write(`[bench:review] ${m}\n`);
const h = await launchExtension();
log('browser up');
const results: Record<string, number | string> = { entries: N };
try {
  // Seed from the help section (the review section would reload the growing log while we write).
  const seedPage = await h.openExtensionPage('options.html#help');
  const seedMs = await seedPage.evaluate(async (n) => {
    const t0 = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      // Whatever version the background made; if none yet, the first version of src/review/log.ts's
      // schema, which the review page upgrades when it opens the log.
      const r = indexedDB.open('bouclier-review');
      r.onupgradeneeded = () => {
        const store = r.result.createObjectStore('entries', { keyPath: 'id' });
        store.createIndex('firstSeen', 'firstSeen');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const platforms = ['x', 'reddit', 'youtube', 'instagram', 'tiktok', 'bluesky', 'facebook', 'twitch'];
    const labels = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'];
    const fr = ['ferme ta gueule', 'retourne à la cuisine', 'on sait où tu habites', 'personne ne veut de ton avis', 'les femmes comme toi'];
    const en = ['shut up', 'go back to the kitchen', 'we know where you live', 'nobody asked for your opinion', 'women like you'];
    const now = Date.now();
    for (let start = 0; start < n; start += 5000) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('entries', 'readwrite');
        const store = tx.objectStore('entries');
        for (let i = start; i < Math.min(n, start + 5000); i++) {
          const platform = platforms[i % platforms.length]!;
          const isFr = i % 3 !== 0;
          const words = isFr ? fr : en;
          const text = `${words[i % 5]} ${words[(i * 7) % 5]} #${i} ${isFr ? 'sale idiote' : 'stupid girl'}`;
          const firstSeen = now - (i % 300) * 86_400_000 - i * 1000;
          const permalink = `https://example.${platform}.invalid/post/${i}`;
          store.put({
            id: `${platform}|p|${permalink}`, platform, kind: i % 10 === 0 ? 'dm' : 'comment', pageUrl: permalink, thread: permalink,
            permalink, author: `user_${i % 2000}`, displayName: null, text, labels: [labels[i % 5], ...(i % 4 === 0 ? ['insult'] : [])],
            scores: { misogyny: 0.9 }, action: 'blur', source: 'model', seenAt: firstSeen, lang: isFr ? 'fr' : 'en',
            firstSeen, lastSeen: firstSeen, seenCount: 1, feedback: null,
          });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
    return performance.now() - t0;
  }, N);
  results.seedMs = Math.round(seedMs);
  log(`seeded ${N} in ${results.seedMs} ms`);
  await seedPage.close();

  // Open.
  const page = await h.context.newPage();
  const t0 = Date.now();
  await page.goto(`chrome-extension://${h.extensionId}/options.html#review`);
  await page.waitForSelector('[data-testid="review-row"]', { timeout: 120_000 });
  results.firstRowsMs = Date.now() - t0;
  await page.waitForSelector(`html[data-review-ready="${N}"]`, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="review-row"]');
  results.openMs = Date.now() - t0;
  results.openGetAllMs = Number(await page.locator('html').getAttribute('data-review-load-ms'));
  log(`opened in ${results.openMs} ms`);

  const shown = async () => Number(await page.locator('[data-testid="review-count"]').getAttribute('data-shown'));
  async function timeFilter(name: string, act: () => Promise<void>) {
    const before = await shown();
    const s = Date.now();
    await act();
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="review-count"]')?.getAttribute('data-shown')) !== b,
      before,
      { timeout: 60_000, polling: 'raf' },
    );
    results[`${name}Ms`] = Date.now() - s;
    results[`${name}Shown`] = await shown();
  }
  await timeFilter('filterSearch', () => page.fill('[data-testid="review-search"]', 'on sait où tu habites'));
  await timeFilter('filterPlatform', () => page.selectOption('[data-testid="review-platform"]', 'reddit').then(() => undefined));
  await timeFilter('filterCategory', () => page.selectOption('[data-testid="review-category"]', 'threat').then(() => undefined));
  await timeFilter('filterClear', () => page.click('[data-testid="review-clear-filters"]'));
  await timeFilter('filterAuthor', () => page.fill('[data-testid="review-author"]', 'user_1999'));
  await page.fill('[data-testid="review-author"]', '');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="review-count"]')?.getAttribute('data-shown')) === n, N);

  log('filters done');
  // Scroll the whole list for ~2 s and record frame times.
  const frames = await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="review-list"]')!;
    const times: number[] = [];
    let last = performance.now();
    const end = last + 2000;
    while (performance.now() < end) {
      list.scrollTop = ((performance.now() - (end - 2000)) / 2000) * (list.scrollHeight - list.clientHeight);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return { times, rows: document.querySelectorAll('[data-testid="review-row"]').length };
  });
  const sorted = [...frames.times].sort((a, b) => a - b);
  results.scrollFrames = sorted.length;
  results.scrollFrameP50Ms = Number(sorted[Math.floor(sorted.length * 0.5)]!.toFixed(1));
  results.scrollFrameP95Ms = Number(sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1));
  results.scrollFrameMaxMs = Number(sorted.at(-1)!.toFixed(1));
  results.rowsInDom = frames.rows;

  // Export everything shown (N records).
  async function timeExport(name: string, sel: string) {
    const s = Date.now();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.click(sel)]);
    const p = await dl.path();
    results[`${name}Ms`] = Date.now() - s;
    results[`${name}InPageMs`] = Number(await page.locator('html').getAttribute('data-review-export-ms'));
    const fs = await import('node:fs');
    results[`${name}Bytes`] = p ? fs.statSync(p).size : 0;
  }
  await timeExport('exportCsv', '[data-testid="export-csv"]');
  await timeExport('exportJson', '[data-testid="export-json"]');
  await page.fill('[data-testid="review-search"]', 'on sait où tu habites');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="review-count"]')?.getAttribute('data-shown')) < n, N);
  results.printableRecords = await shown();
  await timeExport('exportPrintable', '[data-testid="export-html"]');
  h.assertNoExternalRequests();
} finally {
  await h.close();
}

if (asJson) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`Review page with ${N.toLocaleString('en')} log entries (Chromium, built extension)`);
  for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(22)} ${v}`);
}
