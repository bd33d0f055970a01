/**
 * `npx tsx scripts/make-icons.ts`: renders the shield mark (src/ui/logo-mark.ts) to the extension's
 * toolbar/store icons, public/icon/{16,32,48,128}.png (WXT puts them in the manifest). Uses Debian's
 * Chromium like the tests; run it again only when the mark changes (the PNGs are committed).
 */
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH } from '../tests/e2e/harness';
import { LOGO_PATHS, LOGO_VIEWBOX } from '../src/ui/logo-mark';

const out = path.resolve(import.meta.dirname, '../public/icon');
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  const paths = LOGO_PATHS.map((p) => `<path d="${p.d}" fill="${p.fill}"/>`).join('');
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><svg width="${size}" height="${size}" viewBox="${LOGO_VIEWBOX}" xmlns="http://www.w3.org/2000/svg">${paths}</svg></body></html>`,
  );
  await page.screenshot({ path: path.join(out, `${size}.png`), omitBackground: true });
  console.log(`public/icon/${size}.png`);
}
await browser.close();
