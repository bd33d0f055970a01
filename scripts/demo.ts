/**
 * `npm run demo`: the built extension in Chromium on a bundled FR/EN Reddit thread, served at its
 * real URL by request interception (nothing touches the network).
 * With a display it opens a window and waits for you to close it; without one (or with --headless)
 * it takes screenshots of the shielded thread and of the popup and prints a summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchExtension, waitForVerdicts } from '../tests/e2e/harness';
import { categoryNamer } from './lib/category-names.ts';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const root = path.resolve(import.meta.dirname, '..');
const html = fs.readFileSync(path.join(root, 'tests/fixtures/demo/reddit-thread.html'), 'utf8');
const outDir = path.join(root, 'demo-output');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless') && !process.env.CI;

const h = await launchExtension({ headed });
try {
  const page = await h.openFixture(THREAD_URL, html);
  await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17, undefined, { timeout: 10_000 });
  await waitForVerdicts(page, 'shreddit-comment');
  const summary = await page.$$eval('shreddit-comment', (els) => {
    const byLabel: Record<string, number> = {};
    let hidden = 0;
    for (const e of els) {
      if (e.getAttribute('data-bouclier') !== 'flagged') continue;
      hidden++;
      for (const l of (e.getAttribute('data-bouclier-labels') ?? '').split(' ').filter(Boolean)) byLabel[l] = (byLabel[l] ?? 0) + 1;
    }
    return { scanned: els.length, hidden, byLabel };
  });

  fs.mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'thread.png'), fullPage: true });
  const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL);
  const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewportSize({ width: 340, height: 520 });
  await popup.locator('[data-testid="counts"]').waitFor({ timeout: 5_000 });
  await popup.screenshot({ path: path.join(outDir, 'popup.png') });

  console.log('Bouclier demo — Reddit thread (FR/EN) at', THREAD_URL);
  console.log(`  items scanned: ${summary.scanned}`);
  console.log(`  items hidden:  ${summary.hidden}`);
  // the names the shield and popup show, not the model's label ids
  const categoryName = categoryNamer('en');
  const rows = Object.entries(summary.byLabel)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => [categoryName(id), n] as const);
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  for (const [name, n] of rows) console.log(`    ${name.padEnd(width)}  ${n}`);
  console.log(`  network requests attempted: ${h.externalRequests.length}`);
  console.log(`Screenshots written to ${path.relative(process.cwd(), outDir) || outDir}/ (thread.png, popup.png)`);

  if (headed) {
    await popup.close();
    await page.bringToFront();
    console.log('The browser window is open: close it to end the demo.');
    await new Promise<void>((resolve) => h.context.on('close', () => resolve()));
  }
} finally {
  await h.close().catch(() => undefined);
}
