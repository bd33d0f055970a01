/**
 * `npm run screenshots`: the pictures in docs/screenshots/, in English and in French, from a fresh
 * browser profile with the built extension and nothing but the bundled demo thread (scripts/lib/demo-thread.ts):
 *
 *   thread-menu-<lang>.png  the thread with its hidden replies, one label's menu open
 *   popup-<lang>.png        the popup for that tab
 *   options-<lang>.png      the settings, with their section navigation
 *   review-<lang>.png       the review page: the items logged from the thread, one kept as evidence
 *   dossier-<lang>.png      one account's dossier
 *   report-<lang>.png       the printable report the review page exports, opened from the downloaded file
 *
 * Each language runs in its own profile (`--lang`), so every word is the extension's own for it.
 * Device scale 1; each picture is cropped to what it shows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchExtension, type Harness } from '../tests/e2e/harness';
import { closedRoot, shieldOf } from '../tests/e2e/closed-shadow';
import { openDemoThread, openPopup, tabIdOf } from './lib/demo-thread.ts';

const LOCALES = ['en', 'fr'] as const;
type Locale = (typeof LOCALES)[number];

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs/screenshots');
const only = process.argv.slice(2).filter((a): a is Locale => (LOCALES as readonly string[]).includes(a));

type Box = { x: number; y: number; width: number; height: number };
const out = (name: string, locale: Locale) => path.join(outDir, `${name}-${locale}.png`);

/**
 * The thread with one label's menu open (her click on its button), then "Keep as evidence" from that
 * menu: the item the review page shows as kept.
 */
async function threadWithMenu(thread: Page, locale: Locale): Promise<string> {
  const flagged = thread.locator('shreddit-comment[data-bouclier="flagged"]');
  // The second hidden reply: a hidden one above it and more below, so the picture shows the thread.
  const item = flagged.nth(1);
  // Tall enough that opening the menu (which brings its button to the middle of the window) scrolls nothing.
  await thread.setViewportSize({ width: 1100, height: 1400 });
  const author = (await item.getAttribute('author'))!;
  const label = await shieldOf(item, ':scope > [data-bouclier-ui="shield"]');
  await label.click('button.more');
  await thread.waitForTimeout(200);
  if ((await label.attribute('button.more', 'aria-expanded')) !== 'true') throw new Error('the label menu did not open');
  const menu = (await label.box('.menu'))!;
  const main = (await thread.locator('main').boundingBox())!;
  // Down to the next hidden reply after the one with the menu (its actions row included).
  const next = (await flagged.nth(2).locator(':scope > [slot="actionRow"]').boundingBox())!;
  const bottom = Math.max(menu.y + menu.height, next.y + next.height) + 12;
  await thread.screenshot({ path: out('thread-menu', locale), clip: { x: main.x - 12, y: main.y, width: main.width + 24, height: bottom - main.y } });

  await label.click('.menu [data-action="keep"]');
  const toast = () => closedRoot(thread.locator('[data-bouclier-ui="toast"]').last());
  await thread.locator('[data-bouclier-ui="toast"]').first().waitFor({ timeout: 5_000 });
  for (let i = 0; i < 50 && !/\S/.test(await (await toast()).text()); i++) await thread.waitForTimeout(100);
  console.log(`  [${locale}] kept as evidence: @${author} — "${(await (await toast()).text()).trim()}"`);
  return author;
}

/** The popup for the thread's tab, 360 pixels wide and as high as what it shows (no scroll bar). */
async function popupShot(h: Harness, locale: Locale): Promise<void> {
  const popup = await openPopup(h, await tabIdOf(h), { width: 360, height: 1000 });
  await popup.waitForTimeout(300);
  const height = await popup.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  await popup.setViewportSize({ width: 360, height });
  await popup.screenshot({ path: out('popup', locale) });
  await popup.close();
}

/** The settings' first section beside the section navigation, down to her private details. */
async function optionsShot(h: Harness, locale: Locale): Promise<void> {
  const options = await h.openExtensionPage('options.html');
  await options.setViewportSize({ width: 1100, height: 1100 });
  await options.locator('nav.side-nav').waitFor();
  await options.waitForTimeout(300);
  const save = (await options.locator('[data-testid="protect-settings"] form button[type="submit"]').boundingBox())!;
  await options.screenshot({ path: out('options', locale), clip: { x: 0, y: 0, width: 1100, height: save.y + save.height + 20 } });
  await options.close();
}

/** The window's full width, from the top down to the bottom of `selector`'s last match. */
async function clipTo(page: Page, selector: string, pad = 16): Promise<Box> {
  const last = (await page.locator(selector).last().boundingBox())!;
  const width = page.viewportSize()!.width;
  return { x: 0, y: 0, width, height: last.y + last.height + pad };
}

/** The review page, one account's dossier, and the printable report of everything logged. */
async function reviewShots(h: Harness, locale: Locale, keptAuthor: string): Promise<void> {
  const review = await h.openExtensionPage('options.html#review');
  // The list is 60% of the window high: at this height it holds every item of the thread.
  await review.setViewportSize({ width: 1100, height: 1500 });
  await review.waitForSelector('html[data-review-ready]');
  await review.locator('[data-testid="review-row"][data-pinned="true"]').waitFor({ timeout: 10_000 });
  await review.waitForTimeout(300);
  await review.screenshot({ path: out('review', locale), clip: await clipTo(review, '[data-testid="review-row"]') });

  await review.click('[data-testid="review-view-accounts"]');
  const account = review.locator(`[data-testid="review-account"][data-key="reddit|${keptAuthor.toLowerCase()}"]`);
  await account.getByRole('button').click();
  await review.locator('[data-testid="review-dossier"]').waitFor();
  await review.waitForTimeout(300);
  await review.screenshot({ path: out('dossier', locale), clip: await clipTo(review, '[data-testid="review-row"]') });
  await review.click('[data-testid="review-dossier-close"]');
  await review.click('[data-testid="review-view-items"]');

  // The report, as she gets it: the downloaded file, opened in the browser.
  await review.selectOption('[data-testid="review-export-lang"]', locale);
  const [download] = await Promise.all([review.waitForEvent('download'), review.click('[data-testid="export-html"]')]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-report-'));
  try {
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    // The export also opens the report in a tab of its own: that one is not the file she keeps.
    for (const p of h.context.pages()) if (p.url().startsWith('blob:')) await p.close();
    // At its file:// address, through the harness (which lets nothing load that it does not serve).
    const url = pathToFileURL(file).href;
    h.serve(url, fs.readFileSync(file, 'utf8'));
    const report = await h.context.newPage();
    await report.setViewportSize({ width: 900, height: 1600 });
    await report.goto(url);
    await report.waitForLoadState('load');
    // The header, the summary and the first two records.
    const second = (await report.locator('article').nth(1).boundingBox())!;
    await report.screenshot({ path: out('report', locale), clip: { x: 0, y: 0, width: 900, height: Math.min(second.y + second.height + 6, 1600) } });
    await report.close();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  await review.close();
}

fs.mkdirSync(outDir, { recursive: true });
for (const locale of only.length ? only : LOCALES) {
  // No scroll bars in the pictures (and pages laid out at the window's full width).
  const h = await launchExtension({ locale, args: ['--hide-scrollbars'] });
  try {
    const thread = await openDemoThread(h);
    const keptAuthor = await threadWithMenu(thread, locale);
    await popupShot(h, locale);
    await optionsShot(h, locale);
    await reviewShots(h, locale, keptAuthor);
    h.assertNoExternalRequests();
    console.log(`  [${locale}] written`);
  } finally {
    await h.close().catch(() => undefined);
  }
}
console.log(`Screenshots in ${path.relative(process.cwd(), outDir) || outDir}/`);
