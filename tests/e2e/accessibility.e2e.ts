/**
 * axe-core in real Chromium, in English and in French: no serious or critical violation on the popup
 * (its advanced sliders open), the options page (wide, and narrow with its navigation on top), the
 * review page (a record's details open) and the printable evidence report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { checkA11y } from './a11y';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');

for (const locale of ['en', 'fr'] as const) {
  describe(`accessibility (${locale})`, () => {
    let h: Harness;
    let tabId: number;
    let review: Page;

    beforeAll(async () => {
      h = await launchExtension({ locale });
      const page = await h.openFixture(THREAD_URL, THREAD_HTML);
      await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17);
      await waitForVerdicts(page, 'shreddit-comment');
      tabId = (await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, THREAD_URL))!;
    });

    afterAll(async () => {
      await h?.close();
    });

    it('popup', async () => {
      const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.setViewportSize({ width: 340, height: 640 });
      await popup.locator('[data-testid="preview-balanced"]').waitFor();
      await popup.locator('details.advanced summary').click();
      await popup.locator('.threshold').first().waitFor();
      expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${locale}`));
      expect(await checkA11y(popup)).toEqual([]);
      // The check does find what it looks for: a button with no name is a serious violation.
      await popup.evaluate(() => document.body.append(document.createElement('button')));
      expect((await checkA11y(popup)).map((v) => v.id)).toContain('button-name');
      await popup.close();
    });

    it('options, wide and narrow', async () => {
      const options = await h.openExtensionPage('options.html');
      await options.getByRole('navigation').waitFor();
      await options.locator('[data-testid="own-accounts"]').waitFor();
      expect(await checkA11y(options)).toEqual([]);
      await options.setViewportSize({ width: 360, height: 740 });
      await options.goto(`chrome-extension://${h.extensionId}/options.html#privacy`);
      await options.locator('[data-testid="erase-all"]').waitFor();
      expect(await checkA11y(options)).toEqual([]);
      await options.close();
    });

    it('review page, a record open', async () => {
      review = await h.openExtensionPage('options.html#review');
      await expect.poll(() => review.locator('[data-testid="review-row"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await review.locator('[data-testid="review-row"]').first().locator('[data-action="details"]').click();
      await review.locator('[data-testid="review-detail"]').waitFor();
      expect(await checkA11y(review)).toEqual([]);
    });

    it('printable report', async () => {
      const [report] = await Promise.all([h.context.waitForEvent('page'), review.click('[data-testid="export-html"]')]);
      await report.waitForLoadState('load');
      await report.locator('article.record').first().waitFor();
      expect(await report.evaluate(() => document.documentElement.lang)).toBe(locale);
      expect(await checkA11y(report)).toEqual([]);
      await report.close();
    });

    it('made no network request', () => {
      h.assertNoExternalRequests();
    });
  });
}
