/**
 * `npm run demo`: the built extension in Chromium on a bundled FR/EN Reddit thread, served at its
 * real URL by request interception (nothing touches the network).
 * With a display it opens a window and waits for you to close it; without one (or with --headless)
 * it takes screenshots of the shielded thread and of the popup and prints a summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { categoryNamer } from './lib/category-names.ts';
import { THREAD_URL, openDemoThread, openPopup, tabIdOf, threadSummary } from './lib/demo-thread.ts';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'demo-output');
const headed = Boolean(process.env.DISPLAY) && !process.argv.includes('--headless') && !process.env.CI;

const h = await launchExtension({ headed });
try {
  const page = await openDemoThread(h);
  const summary = await threadSummary(h);

  fs.mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'thread.png'), fullPage: true });
  const popup = await openPopup(h, await tabIdOf(h), { width: 340, height: 520 });
  await popup.screenshot({ path: path.join(outDir, 'popup.png') });

  console.log('Bouclier demo — Reddit thread (FR/EN) at', THREAD_URL);
  console.log(`  items scanned: ${summary.scanned}`);
  console.log(`  items hidden:  ${summary.hidden}`);
  // by main reason, as the popup counts them; the names the shield and popup show, not label ids
  const categoryName = categoryNamer('en');
  const rows = Object.entries(summary.byReason)
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
