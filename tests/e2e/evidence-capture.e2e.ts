/**
 * The screenshot kept with an item she keeps as evidence, in real Chromium with the built extension, on
 * the X fixture at its real URL:
 * - the pin request is sent from the content script's own world (CDP: the extension's isolated world
 *   of the page), exactly as the in-page menu sends it, with the item's box;
 * - with only the site's host permission (a click inside the page grants nothing more), Chromium refuses
 *   the capture: the item is kept all the same and the reply says `screenshot: false`;
 * - once she has clicked Bouclier's toolbar button in that tab (CDP Extensions.triggerAction: Chromium
 *   then grants activeTab there), the pin keeps a PNG cropped to the item plus its margin, stored under
 *   its SHA-256 and named by the record; the image decodes at the expected size and the JSON export
 *   references it in the hashed record;
 * - an item whose box is off screen, or a request from a tab that is not in front, is kept without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { PLATFORM_FIXTURES } from '../fixtures/platforms';
import { cropBox, outputSize } from '../../src/review/capture';
import type { CaptureRect } from '../../src/review/messages';

const FIXTURE = PLATFORM_FIXTURES.find((f) => f.file === 'x.html')!;
const HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/platforms/x.html'), 'utf8');

type Reply = { ok: boolean; id?: string; pinnedAt?: number | null; screenshot?: boolean; error?: string };

let h: Harness;
let page: Page;
let review: Page;
let cdp: CDPSession;
const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];

/** Send a message from the content script's world of the fixture page (what the in-page menu does). */
async function fromContentScript(msg: unknown): Promise<Reply> {
  await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.origin === `chrome-extension://${h.extensionId}`)).toBe(true);
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin === `chrome-extension://${h.extensionId}`)!;
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression: `chrome.runtime.sendMessage(${JSON.stringify(msg)})`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as Reply;
}

/** The n-th flagged reply: scrolled into view, its entry as the content script would log it, and its box. */
async function item(n: number): Promise<{ entry: Record<string, unknown>; rect: CaptureRect }> {
  const el = page.locator('article[data-testid="tweet"][data-expect="flagged"]').nth(n);
  await el.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  const { permalink, author, rect } = await el.evaluate((a) => {
    const r = a.getBoundingClientRect();
    return {
      permalink: new URL(a.querySelector('a[href*="/status/"]:has(> time)')!.getAttribute('href')!, location.href).href,
      author: a.querySelector('[data-testid="User-Name"] a')!.getAttribute('href')!.slice(1),
      rect: { x: r.left, y: r.top, width: r.width, height: r.height, dpr: devicePixelRatio },
    };
  });
  const entry = {
    platform: 'x', kind: 'comment', pageUrl: FIXTURE.url, thread: FIXTURE.url, permalink, author, displayName: null,
    text: `reply ${n}`, labels: ['misogyny'], scores: { misogyny: 0.9 }, action: 'blur', source: 'model', seenAt: Date.now(),
  };
  return { entry, rect };
}

/** The record and its stored image, read in the extension's own database (the review page's origin). */
async function stored(id: string) {
  return review.evaluate(async (recordId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('bouclier-review');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = <T,>(store: string, key: string) =>
      new Promise<T | undefined>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).get(key);
        req.onsuccess = () => resolve(req.result as T | undefined);
        req.onerror = () => reject(req.error);
      });
    const record = await get<{ screenshot?: string | null; pinnedAt?: number | null }>('entries', recordId);
    const shot = record?.screenshot ? await get<{ id: string; mime: string; bytes: Uint8Array; width: number; height: number }>('screenshots', record.screenshot) : undefined;
    db.close();
    if (!shot) return { record, shot: null };
    const bitmap = await createImageBitmap(new Blob([shot.bytes as BlobPart], { type: shot.mime }));
    return { record, shot: { id: shot.id, mime: shot.mime, width: shot.width, height: shot.height, decoded: [bitmap.width, bitmap.height], bytes: [...shot.bytes] } };
  }, id);
}

beforeAll(async () => {
  h = await launchExtension({ args: ['--enable-unsafe-extension-debugging'] });
  review = await h.openExtensionPage('options.html#review');
  await review.waitForSelector('html[data-review-ready]');
  page = await h.openFixture(FIXTURE.url, HTML);
  await waitForVerdicts(page, 'article[data-testid="tweet"][data-expect]');
  cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context as (typeof worlds)[number]));
  await cdp.send('Runtime.enable');
  await page.bringToFront();
});

afterAll(async () => {
  await h?.close();
});

describe('keep as evidence takes a screenshot of the item in context', () => {
  let shotId = '';
  let first: Awaited<ReturnType<typeof item>>;

  it('with the host permission only, the item is kept without a screenshot, and the reply says so', async () => {
    first = await item(0);
    const reply = await fromContentScript({ type: 'review-pin', pinned: true, entry: first.entry, rect: first.rect });
    expect(reply).toMatchObject({ ok: true, screenshot: false });
    expect(reply.pinnedAt).toBeTypeOf('number');
    expect((await stored(reply.id!)).record?.pinnedAt).toBe(reply.pinnedAt);
  });

  it('after she clicks Bouclier in that tab, keeping it again adds a PNG cropped to the item and its margin', async () => {
    const browserCdp = await page.context().browser()!.newBrowserCDPSession();
    const { targetInfos } = await browserCdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === FIXTURE.url)!;
    await browserCdp.send('Extensions.triggerAction' as never, { id: h.extensionId, targetId: tab.targetId } as never);
    await page.bringToFront();

    const reply = await fromContentScript({ type: 'review-pin', pinned: true, entry: first.entry, rect: first.rect });
    expect(reply).toMatchObject({ ok: true, screenshot: true });
    const { record, shot } = await stored(reply.id!);
    expect(shot).not.toBeNull();
    shotId = shot!.id;
    expect(record?.screenshot).toBe(shotId);
    expect(createHash('sha256').update(Buffer.from(shot!.bytes)).digest('hex')).toBe(shotId);
    expect(shot!.mime).toBe('image/png');

    const viewport = await page.evaluate(() => ({ width: innerWidth * devicePixelRatio, height: innerHeight * devicePixelRatio }));
    const box = cropBox(first.rect, viewport)!;
    expect(shot!.decoded).toEqual([shot!.width, shot!.height]);
    expect({ width: shot!.width, height: shot!.height }).toEqual(outputSize(box));
    // The margin of context is there: wider and taller than the item itself.
    expect(shot!.width).toBeGreaterThan(first.rect.width * first.rect.dpr);
    expect(shot!.height).toBeGreaterThan(first.rect.height * first.rect.dpr);
  });

  it('keeping it once more keeps the first screenshot', async () => {
    const reply = await fromContentScript({ type: 'review-pin', pinned: true, entry: first.entry, rect: first.rect });
    expect(reply).toMatchObject({ ok: true, screenshot: true });
    expect((await stored(reply.id!)).record?.screenshot).toBe(shotId);
  });

  it('an item off screen, or a pin from a tab that is not in front, is kept without a screenshot', async () => {
    const second = await item(1);
    const off = await fromContentScript({ type: 'review-pin', pinned: true, entry: second.entry, rect: { ...second.rect, y: 20_000 } });
    expect(off).toMatchObject({ ok: true, screenshot: false });
    expect(off.pinnedAt).toBeTypeOf('number');

    const third = await item(2);
    await review.bringToFront();
    const behind = await fromContentScript({ type: 'review-pin', pinned: true, entry: third.entry, rect: third.rect });
    expect(behind).toMatchObject({ ok: true, screenshot: false });
    expect((await stored(behind.id!)).shot).toBeNull();
    await page.bringToFront();
  });

  it('the JSON export references the screenshot in the hashed record', async () => {
    await review.bringToFront();
    await review.reload();
    await review.waitForSelector('html[data-review-ready]');
    const [dl] = await Promise.all([review.waitForEvent('download'), review.click('[data-testid="export-json"]')]);
    const doc = JSON.parse(fs.readFileSync((await dl.path())!, 'utf8')) as { records: { permalink: string; screenshot: string | null; canonical: string }[] };
    const rec = doc.records.find((r) => r.permalink === first.entry.permalink)!;
    expect(rec.screenshot).toBe(shotId);
    expect(rec.canonical).toContain(`"screenshot":"${shotId}"`);
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});
