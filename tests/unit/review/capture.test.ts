import 'fake-indexeddb/auto';
/**
 * The screenshot of an item she keeps as evidence (src/review/capture.ts): the crop maths (viewport CSS px
 * and device pixel ratio → the captured image's pixels, with the margin of context, clamped), the size
 * kept, and that a capture that cannot be made (no permission, another tab in front, off screen, failure)
 * leaves the kept record as it is, without a screenshot. Real capture and cropping: tests/e2e/evidence-capture.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { CONTEXT_MARGIN, captureItem, cropBox, outputSize, screenshotRecord, type CaptureApi, type Shot } from '../../../src/review/capture';
import { ensureEntries, getEntries, openLog, setPinned } from '../../../src/review/log';
import { getScreenshots } from '../../../src/review/screenshots';
import type { EntryInput } from '../../../src/review/types';

const IMAGE = { width: 1100, height: 900 };
const NONE = { top: 0, right: 0, bottom: 0, left: 0 };

describe('cropBox', () => {
  it('takes the item plus its margin, in device pixels', () => {
    const rect = { x: 200, y: 300, width: 400, height: 100, dpr: 1 };
    expect(cropBox(rect, IMAGE)).toEqual({
      sx: 200 - CONTEXT_MARGIN.left,
      sy: 300 - CONTEXT_MARGIN.top,
      sw: 400 + CONTEXT_MARGIN.left + CONTEXT_MARGIN.right,
      sh: 100 + CONTEXT_MARGIN.top + CONTEXT_MARGIN.bottom,
    });
    // At a pixel ratio of 2 (HiDPI, or zoomed in) everything doubles: the capture is in device pixels.
    expect(cropBox({ ...rect, dpr: 2 }, { width: 2200, height: 1800 })).toEqual({ sx: 352, sy: 408, sw: 896, sh: 440 });
    // Fractional boxes cover every pixel they touch.
    expect(cropBox({ x: 10.4, y: 10.6, width: 20.2, height: 5.1, dpr: 1.5 }, IMAGE, NONE)).toEqual({ sx: 15, sy: 15, sw: 31, sh: 9 });
  });

  it('is clamped to the visible part of the page', () => {
    expect(cropBox({ x: 0, y: 0, width: 1100, height: 2000, dpr: 1 }, IMAGE)).toEqual({ sx: 0, sy: 0, sw: 1100, sh: 900 });
    expect(cropBox({ x: -50, y: 850, width: 300, height: 200, dpr: 1 }, IMAGE, NONE)).toEqual({ sx: 0, sy: 850, sw: 250, sh: 50 });
  });

  it('is null when none of the item is on screen, even if its margin is', () => {
    expect(cropBox({ x: 100, y: 900, width: 300, height: 50, dpr: 1 }, IMAGE)).toBeNull();
    expect(cropBox({ x: 100, y: -60, width: 300, height: 50, dpr: 1 }, IMAGE)).toBeNull();
    expect(cropBox({ x: 1100, y: 10, width: 300, height: 50, dpr: 1 }, IMAGE)).toBeNull();
    expect(cropBox({ x: 100, y: 20_000, width: 300, height: 50, dpr: 1 }, IMAGE)).toBeNull();
  });
});

describe('outputSize', () => {
  it('keeps the crop as it is, or scales a huge one down with its proportions', () => {
    expect(outputSize({ sx: 0, sy: 0, sw: 800, sh: 600 })).toEqual({ width: 800, height: 600 });
    const big = outputSize({ sx: 0, sy: 0, sw: 8000, sh: 4000 }, 2_000_000);
    expect(big.width * big.height).toBeLessThanOrEqual(2_000_000);
    expect(big.width / big.height).toBeCloseTo(2, 2);
  });
});

const PNG: Shot = { mime: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), width: 10, height: 4 };
const TAB = { id: 7, windowId: 1 };
const RECT = { x: 10, y: 10, width: 100, height: 40, dpr: 1 };

function api(over: Partial<CaptureApi> = {}): CaptureApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    activeTabId: async () => (calls.push('active'), TAB.id),
    captureVisibleTab: async () => (calls.push('capture'), 'data:image/png;base64,AAAA'),
    crop: async () => (calls.push('crop'), PNG),
    ...over,
  };
}

describe('captureItem', () => {
  it('captures only while her tab is the one in front, before and after', async () => {
    expect(await captureItem(TAB, RECT, api())).toEqual(PNG);
    const other = api({ activeTabId: async () => 8 });
    expect(await captureItem(TAB, RECT, other)).toBeNull();
    expect(other.calls).not.toContain('capture');
    let n = 0;
    expect(await captureItem(TAB, RECT, api({ activeTabId: async () => (n++ === 0 ? TAB.id : 8) }))).toBeNull();
  });

  it('gives null, never throws, when the browser refuses; retries once over the per-second quota', async () => {
    const refused = api({ captureVisibleTab: () => Promise.reject(new Error("Either the '<all_urls>' or 'activeTab' permission is required.")) });
    expect(await captureItem(TAB, RECT, refused)).toBeNull();
    let tries = 0;
    const quota = api({
      captureVisibleTab: async () => {
        if (tries++ === 0) throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
        return 'data:image/png;base64,AAAA';
      },
    });
    expect(await captureItem(TAB, RECT, quota)).toEqual(PNG);
    expect(tries).toBe(2);
    expect(await captureItem(TAB, RECT, api({ crop: async () => null }))).toBeNull();
    expect(await captureItem(TAB, RECT, api({ crop: () => Promise.reject(new Error('decode')) }))).toBeNull();
  });
});

const entry = (n: number): EntryInput => ({
  platform: 'x', kind: 'comment', pageUrl: 'https://x.com/a/status/1', thread: 'https://x.com/a/status/1', permalink: `https://x.com/b/status/${n}`,
  author: 'b', displayName: null, text: `text ${n}`, labels: ['threat'], scores: { threat: 0.9 }, action: 'collapse', source: 'model', seenAt: 1,
});

describe('screenshotRecord', () => {
  it('names the stored image on the kept record; a failed capture leaves it kept, without one', async () => {
    const db = await openLog(`capture-${Math.random()}`);
    const [a, b] = await ensureEntries(db, [entry(1), entry(2)]);
    await setPinned(db, [a!, b!], true);

    expect(await screenshotRecord(db, b!, TAB, RECT, api({ captureVisibleTab: () => Promise.reject(new Error('no activeTab')) }))).toBe(false);
    const [kept] = await getEntries(db, [b!]);
    expect(kept).toMatchObject({ pinnedAt: expect.any(Number) });
    expect(kept!.screenshot ?? null).toBeNull();
    expect(await screenshotRecord(db, b!, null, RECT, api())).toBe(false);
    expect(await screenshotRecord(db, b!, TAB, undefined, api())).toBe(false);

    expect(await screenshotRecord(db, a!, TAB, RECT, api())).toBe(true);
    const [withShot] = await getEntries(db, [a!]);
    const shots = await getScreenshots(db, [withShot!.screenshot!]);
    expect(shots.get(withShot!.screenshot!)).toMatchObject({ mime: 'image/png', width: 10, height: 4 });

    // Kept again: the first screenshot stays, nothing is captured.
    const again = api();
    expect(await screenshotRecord(db, a!, TAB, RECT, again)).toBe(true);
    expect(again.calls).toEqual([]);
    expect((await getEntries(db, [a!]))[0]!.screenshot).toBe(withShot!.screenshot);
    expect(await screenshotRecord(db, 'x|p|gone', TAB, RECT, api())).toBe(false);
    db.close();
  });
});
