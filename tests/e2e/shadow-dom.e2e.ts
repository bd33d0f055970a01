/**
 * Items inside nested open shadow roots, as Reddit chat builds them (tests/fixtures/shadow/reddit-chat.html:
 * rs-app → rs-room → rs-timeline → rs-virtual-scroll-dynamic, each in the previous one's shadow root, and
 * every message's text in its event's own shadow root). The room opens after the page, messages arrive
 * later; once verdicts are shown, one event redraws its shadow content and one is replaced. Every message must reach a final state
 * (the shipped model's verdict on its text), abusive ones flagged AND unreadable (the shield's CSS has to
 * reach the shadow root holding the text), and revealing one must make it readable.
 *
 * Run: npm run build && npx vitest run -c vitest.e2e.config.ts tests/e2e/shadow-dom.e2e.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Harness } from './harness';
import { shieldOf } from './closed-shadow';
import { loadModelDir } from '../../src/classifier/node-loader';

const URL_ = 'https://chat.reddit.com/room/!Qw3rTy8uIoPzXc:reddit.com';
const html = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/shadow/reddit-chat.html'), 'utf8');
const SHIELD_CATEGORIES = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'] as const;

let h: Harness;
beforeAll(async () => {
  h = await launchExtension();
});
afterAll(async () => {
  await h?.close();
});

interface Row {
  id: string;
  expect: string;
  state: string | null;
  text: string;
  /** the message text's fill colour inside the event's shadow root (transparent = blurred) */
  fill: string;
  /** a shield label stands just before the text, inside the same shadow root */
  shield: boolean;
}

describe('Reddit chat in nested shadow roots', () => {
  it('finds, judges and shields every message; flagged ones are unreadable; revealing works', async () => {
    const page = await h.openFixture(URL_, html);
    await page.waitForSelector('html[data-fixture-done]', { state: 'attached', timeout: 10_000 });
    // Playwright's CSS locators pierce open shadow roots.
    const events = page.locator('rs-timeline-event[data-expect]');
    const read = (): Promise<Row[]> =>
      events.evaluateAll((els) =>
        els.map((el) => {
          const text = el.shadowRoot?.querySelector<HTMLElement>('.room-message-text');
          return {
            id: el.getAttribute('data-id') ?? '',
            expect: el.getAttribute('data-expect') ?? '',
            state: el.getAttribute('data-bouclier'),
            text: text?.textContent ?? '',
            fill: text ? getComputedStyle(text).getPropertyValue('-webkit-text-fill-color') : '',
            shield: text?.previousElementSibling?.getAttribute('data-bouclier-ui') === 'shield',
          };
        }),
      );
    await expect
      .poll(async () => (await read()).map((r) => r.state ?? 'none').join(' '), { timeout: 30_000 })
      .toMatch(/^((clean|flagged) ){5}(clean|flagged)$/);
    const shielded = async () => (await read()).filter((r) => r.state === 'flagged').every((r) => r.shield && r.fill === 'rgba(0, 0, 0, 0)');
    await expect.poll(shielded, { timeout: 10_000 }).toBe(true);
    // The app redraws one shielded event inside its shadow root and replaces another: both are shielded
    // again on their new text elements, from the verdict cache.
    await page.evaluate(() => (window as unknown as { rerender(): void }).rerender());
    await expect.poll(shielded, { timeout: 10_000 }).toBe(true);
    const rows = await read();
    expect(rows.map((r) => r.id)).toEqual(['$1evt', '$2evt', '$3evt', '$4evt', '$5evt', '$6evt']);

    // Each state is the shipped model's verdict on that text; every plainly abusive message is flagged.
    const model = await loadModelDir();
    const scores = await model.classifier.score(rows.map((r) => r.text));
    const t = model.info.thresholds[model.info.defaultLevel];
    const verdicts = scores.map((s) => (SHIELD_CATEGORIES.some((c) => s[c] >= t[c]) ? 'flagged' : 'clean'));
    expect(rows.map((r) => r.state)).toEqual(verdicts);
    for (const r of rows.filter((x) => x.expect === 'flagged')) expect(r, r.text).toMatchObject({ state: 'flagged', shield: true, fill: 'rgba(0, 0, 0, 0)' });
    for (const r of rows.filter((x) => x.state === 'clean')) expect(r.fill, r.text).not.toBe('rgba(0, 0, 0, 0)');
    await model.classifier.release();

    // Her click on the shield's button (two shadow roots deep) reveals that message.
    const target = page.locator('rs-timeline-event[data-id="$6evt"]');
    await (await shieldOf(target)).click('button');
    await expect.poll(() => target.getAttribute('data-bouclier')).toBe('revealed');
    await expect
      .poll(() => target.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.room-message-text')!).getPropertyValue('-webkit-text-fill-color')))
      .not.toBe('rgba(0, 0, 0, 0)');
    h.assertNoExternalRequests();
  });
});
