/**
 * Every platform fixture, end to end: the page is served at its real platform URL in Chromium with the
 * built extension; every item the fixture declares (data-expect) must reach a final state, including the
 * items the page adds later (infinite scroll) and the one it re-renders; that state must be exactly the
 * shipped model's verdict on the item's text (read as the scanner reads it); every plainly abusive item
 * (data-expect="flagged") must end flagged, while ordinary items the model wrongly hides are reported
 * (the model's known weakness, measured by `npm run eval`), not asserted away; flagged text
 * must be unreadable (blurred or collapsed) while clean text stays readable; one click on a shield's
 * button reveals its item. No request may leave the machine.
 *
 * Run: npm run build && npx vitest run -c vitest.e2e.config.ts tests/e2e/platforms.e2e.ts
 * When an item is misjudged the failure lists it (platform, expected, got, text): fix the fixture only
 * if its abuse was ambiguous; otherwise it is a model miss to report.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_FIXTURES } from '../fixtures/platforms';
import { launchExtension, type Harness } from './harness';
import { shieldOf } from './closed-shadow';
import { loadModelDir } from '../../src/classifier/node-loader';
import type { Classifier } from '../../src/classifier/model';
import type { ModelInfo } from '../../src/classifier/thresholds';

/** The categories the shield acts on (toxic alone is scored, never hidden). */
const SHIELD_CATEGORIES = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'] as const;
let model: { classifier: Classifier; info: ModelInfo };

const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/platforms');
const FINAL = ['clean', 'flagged', 'revealed'];

let h: Harness;

beforeAll(async () => {
  h = await launchExtension();
  model = await loadModelDir();
});

async function modelVerdicts(texts: string[]): Promise<string[]> {
  const scores = await model.classifier.score(texts);
  const t = model.info.thresholds[model.info.defaultLevel];
  return scores.map((s) => (SHIELD_CATEGORIES.some((c) => s[c] >= t[c]) ? 'flagged' : 'clean'));
}

afterAll(async () => {
  await h?.close();
});

interface Row {
  expect: string | null;
  state: string | null;
  later: boolean;
  text: string;
  /** The item's text exactly as the scanner reads it (its own text elements, joined). */
  fullText: string;
  /** Own text elements (marked by the scanner) and whether each is readable. */
  hidden: boolean[];
  readable: boolean[];
}

/** State of every declared item, read in the page. */
function readRows(page: Page): Promise<Row[]> {
  return page.$$eval('[data-expect]', (els) =>
    els.map((el) => {
      const own = [...el.querySelectorAll<HTMLElement>('[data-bouclier-text]')].filter(
        (t) => t.parentElement?.closest('[data-bouclier]') === el,
      );
      const blurredOrHidden = (t: HTMLElement): boolean => {
        for (let n: HTMLElement | null = t; n; n = n.parentElement) {
          const cs = getComputedStyle(n);
          // blurred text: glyphs drawn transparent, only a blurred shadow shows (src/shield/styles.ts)
          if (cs.getPropertyValue('-webkit-text-fill-color') === 'rgba(0, 0, 0, 0)' || cs.filter.includes('blur') || cs.display === 'none' || cs.visibility === 'hidden') return true;
        }
        return false;
      };
      return {
        expect: el.getAttribute('data-expect'),
        state: el.getAttribute('data-bouclier'),
        later: el.hasAttribute('data-fixture-later'),
        text: (own.map((t) => t.textContent).join(' ') || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 90),
        fullText: own.map((t) => t.textContent ?? '').join('\n').trim(),
        hidden: own.map(blurredOrHidden),
        readable: own.map((t) => !blurredOrHidden(t) && t.getBoundingClientRect().height > 0),
      };
    }),
  );
}

describe('Bouclier on every platform fixture, at its real URL', () => {
  for (const f of PLATFORM_FIXTURES) {
    it.skipIf(Boolean(f.e2eSkip))(`${f.file} (${f.platform}, ${f.kind}) at ${f.url}`, async () => {
      const html = fs.readFileSync(path.join(FIXTURES_DIR, f.file), 'utf8');
      const page = await h.openFixture(f.url, html);
      try {
        // The page's own scripts have appended more items and re-rendered one.
        await page.waitForSelector('html[data-fixture-done]', { state: 'attached', timeout: 10_000 });
        const total = await page.locator('[data-expect]').count();
        const laterCount = await page.locator('[data-fixture-later]').count();
        expect(laterCount, 'items added later are in the page').toBeGreaterThan(0);

        // Every declared item reaches a final state (a timeout falls through to the detailed report below).
        await page
          .waitForFunction(
            (final) => [...document.querySelectorAll('[data-expect]')].every((el) => final.includes(el.getAttribute('data-bouclier') ?? '')),
            FINAL,
            { timeout: 30_000, polling: 200 },
          )
          .catch(() => undefined);

        const rows = await readRows(page);
        expect(rows).toHaveLength(total);
        const report = (r: Row): string => `[${f.platform}] expected ${r.expect}, got ${r.state ?? 'nothing'}${r.later ? ' (added later)' : ''}: "${r.text}"`;
        const noState = rows.filter((r) => !FINAL.includes(r.state ?? ''));
        expect(noState.map(report), 'items without a final state').toEqual([]);
        // The extension applies the model faithfully: same text, same featurizer, runtime and thresholds.
        const verdicts = await modelVerdicts(rows.map((r) => r.fullText));
        const unfaithful = rows.filter((r, i) => r.state !== 'revealed' && r.state !== verdicts[i]);
        expect(unfaithful.map(report), 'states that differ from the model verdict').toEqual([]);
        // Plain abuse must be hidden; ordinary items the model hides are reported, not asserted away.
        const missed = rows.filter((r) => r.expect === 'flagged' && r.state !== 'flagged');
        expect(missed.map(report), 'abusive items left readable').toEqual([]);
        const overblocked = rows.filter((r) => r.expect === 'clean' && r.state !== 'clean');
        if (overblocked.length) console.warn(`model false positives: ${overblocked.map(report).join(' | ')}`);

        // Nothing else on the page was taken as an item: not the page's own post, not her own messages.
        const strays = await page.$$eval('[data-bouclier]:not([data-expect])', (els) =>
          els.map((el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 120)),
        );
        expect(strays, 'elements scanned that the fixture does not declare').toEqual([]);

        // Flagged text is unreadable, clean text readable (a nested reply is not blurred with its parent).
        for (const r of rows) {
          if (r.state === 'flagged') {
            expect(r.hidden.length, `${report(r)}: no text element marked`).toBeGreaterThan(0);
            expect(r.hidden.every(Boolean), `${report(r)}: text still readable`).toBe(true);
          } else if (r.state === 'clean') {
            expect(r.readable.every(Boolean), `${report(r)}: clean text not readable`).toBe(true);
          }
        }

        // One click on a shield's button reveals that item, and its text becomes readable.
        await page.evaluate(() => {
          document.querySelector('[data-expect="flagged"][data-bouclier="flagged"]')?.setAttribute('data-e2e-target', '');
        });
        const target = page.locator('[data-e2e-target]');
        await (await shieldOf(target)).click('button');
        await expect.poll(() => target.getAttribute('data-bouclier')).toBe('revealed');
        // Polled: the reveal is rendered in the next animation frame.
        const readableAfterReveal = (): Promise<boolean> =>
          target.evaluate((el) => {
            const own = [...el.querySelectorAll<HTMLElement>('[data-bouclier-text]')].filter(
              (t) => t.parentElement?.closest('[data-bouclier]') === el,
            );
            return own.length > 0 && own.every((t) => getComputedStyle(t).getPropertyValue('-webkit-text-fill-color') !== 'rgba(0, 0, 0, 0)' && getComputedStyle(t).display !== 'none');
          });
        await expect.poll(readableAfterReveal, { timeout: 3000 }).toBe(true);
      } finally {
        await page.close();
      }
      h.assertNoExternalRequests();
    });
  }
});
