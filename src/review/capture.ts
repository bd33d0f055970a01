/**
 * The screenshot kept with an item she keeps as evidence: the background captures the visible part of
 * her tab (`tabs.captureVisibleTab`), crops it to the item's box plus a margin of context, and stores
 * it in the log (screenshots.ts) under the record's `screenshot`.
 *
 * It is of the page as she sees it when she keeps the item: the item's own text is hidden by then
 * (blurred or collapsed); the record holds the text, the screenshot shows where and among what.
 *
 * Permission (see README "Screenshots"): `captureVisibleTab` needs `activeTab` granted in that tab (a
 * click on Bouclier's toolbar button or on its context-menu item there) or `<all_urls>`, which Bouclier
 * does not ask for; the site's host permission is not enough, and a click on a button inside the page
 * grants nothing. Without the grant, or when the tab is no longer in front, the item is off screen, the
 * image is too large, or anything else fails, the item is kept without a screenshot and the reply says so.
 */
import { browser } from 'wxt/browser';
import { getEntries, type LogDB } from './log';
import { announceLogChange } from './log-changes';
import type { CaptureRect } from './messages';
import { putScreenshot } from './screenshots';
import { LIMITS, type ScreenshotType } from './types';

/** Context kept around the item (CSS px): more above, where what it answers usually is. */
export const CONTEXT_MARGIN = { top: 96, right: 24, bottom: 24, left: 24 } as const;
/** A capture larger than this is not decoded (a huge window at a high pixel ratio). */
const MAX_CAPTURE_PIXELS = 40_000_000;
/** The crop is scaled down to at most this many pixels. */
const MAX_OUTPUT_PIXELS = 8_000_000;
const CAPTURE_TIMEOUT_MS = 5_000;

/** A region of the captured image, in its pixels. */
export interface CropBox {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

/**
 * The region of a capture (`image`, device px) showing the item at `rect` (viewport CSS px) with its
 * margin, clamped to the image; null when no part of the item itself is in it.
 */
export function cropBox(rect: CaptureRect, image: { width: number; height: number }, margin: Record<'top' | 'right' | 'bottom' | 'left', number> = CONTEXT_MARGIN): CropBox | null {
  const s = rect.dpr;
  const [x0, y0, x1, y1] = [rect.x * s, rect.y * s, (rect.x + rect.width) * s, (rect.y + rect.height) * s];
  if (x1 <= 0 || y1 <= 0 || x0 >= image.width || y0 >= image.height) return null;
  const sx = Math.max(0, Math.floor(x0 - margin.left * s));
  const sy = Math.max(0, Math.floor(y0 - margin.top * s));
  const ex = Math.min(image.width, Math.ceil(x1 + margin.right * s));
  const ey = Math.min(image.height, Math.ceil(y1 + margin.bottom * s));
  return ex - sx >= 1 && ey - sy >= 1 ? { sx, sy, sw: ex - sx, sh: ey - sy } : null;
}

/** The stored size of a crop: the same, or scaled down to MAX_OUTPUT_PIXELS (aspect kept). */
export function outputSize(box: CropBox, maxPixels = MAX_OUTPUT_PIXELS): { width: number; height: number } {
  const k = Math.min(1, Math.sqrt(maxPixels / (box.sw * box.sh)));
  return { width: Math.max(1, Math.floor(box.sw * k)), height: Math.max(1, Math.floor(box.sh * k)) };
}

export interface Shot {
  mime: ScreenshotType;
  bytes: Uint8Array;
  width: number;
  height: number;
}

function bytesOfDataUrl(url: string): Uint8Array {
  const bin = atob(url.slice(url.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Crop a captured image (a data: URL) to the item; PNG, or JPEG when PNG is over the size limit. */
export async function cropCapture(dataUrl: string, rect: CaptureRect): Promise<Shot | null> {
  const bitmap = await createImageBitmap(new Blob([bytesOfDataUrl(dataUrl) as BlobPart]));
  try {
    if (bitmap.width * bitmap.height > MAX_CAPTURE_PIXELS) return null;
    const box = cropBox(rect, bitmap);
    if (!box) return null;
    const full = outputSize(box);
    // Lossless first; a photo-heavy crop that PNG cannot fit under the limit goes JPEG, then smaller.
    for (const [type, quality, k] of [['image/png', undefined, 1], ['image/jpeg', 0.85, 1], ['image/jpeg', 0.8, 0.5]] as const) {
      const width = Math.max(1, Math.floor(full.width * k));
      const height = Math.max(1, Math.floor(full.height * k));
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      if (!g) return null;
      g.drawImage(bitmap, box.sx, box.sy, box.sw, box.sh, 0, 0, width, height);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type, quality })).arrayBuffer());
      if (bytes.length > 0 && bytes.length <= LIMITS.maxScreenshotBytes) return { mime: type, bytes, width, height };
    }
    return null;
  } finally {
    bitmap.close();
  }
}

/** What a capture needs from the browser (replaced in unit tests). */
export interface CaptureApi {
  /** The visible part of the window's active tab, as a PNG data: URL. */
  captureVisibleTab(windowId: number): Promise<string>;
  /** The id of the window's active tab. */
  activeTabId(windowId: number): Promise<number | undefined>;
  crop(dataUrl: string, rect: CaptureRect): Promise<Shot | null>;
}

const timeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('capture timed out')), ms))]);

export const browserCaptureApi: CaptureApi = {
  captureVisibleTab: (windowId) => timeout(browser.tabs.captureVisibleTab(windowId, { format: 'png' }), CAPTURE_TIMEOUT_MS),
  activeTabId: async (windowId) => (await browser.tabs.query({ active: true, windowId }))[0]?.id,
  crop: cropCapture,
};

/**
 * The item's screenshot from her tab, or null (never throws). Only while that tab is the one in front
 * of its window, before and after the capture: another tab's page must never be taken for hers.
 */
export async function captureItem(tab: { id: number; windowId: number }, rect: CaptureRect, api: CaptureApi = browserCaptureApi): Promise<Shot | null> {
  try {
    if ((await api.activeTabId(tab.windowId)) !== tab.id) return null;
    let url: string;
    try {
      url = await api.captureVisibleTab(tab.windowId);
    } catch (e) {
      // Chrome allows two captures a second: one retry after the quota window; other errors are final.
      if (!/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 600));
      url = await api.captureVisibleTab(tab.windowId);
    }
    if ((await api.activeTabId(tab.windowId)) !== tab.id) return null;
    return await api.crop(url, rect);
  } catch {
    return null;
  }
}

/**
 * Name the stored screenshot on the record, unless it already names one (nothing is replaced); an image
 * no record names then (the record went, or a second pin won) is not kept.
 */
async function attach(db: LogDB, id: string, shotId: string): Promise<boolean> {
  const tx = db.transaction(['entries', 'screenshots'], 'readwrite');
  const entries = tx.objectStore('entries');
  const e = await entries.get(id);
  if (e && !e.screenshot) await entries.put({ ...e, screenshot: shotId });
  else if ((await entries.index('screenshot').count(shotId)) === 0) await tx.objectStore('screenshots').delete(shotId);
  await tx.done;
  return !!e;
}

/**
 * Give a kept record its screenshot: true when it has one now (an earlier one is kept as it is), false
 * when the capture failed (the record stays kept, without one).
 */
export async function screenshotRecord(db: LogDB, id: string, tab: { id: number; windowId: number } | null, rect: CaptureRect | undefined, api?: CaptureApi): Promise<boolean> {
  const [record] = await getEntries(db, [id]);
  if (!record) return false;
  if (record.screenshot) return true;
  if (!tab || !rect) return false;
  const shot = await captureItem(tab, rect, api);
  if (!shot) return false;
  try {
    const shotId = await putScreenshot(db, shot);
    if (!(await attach(db, id, shotId))) return false;
    announceLogChange({ ids: [id] });
    return true;
  } catch {
    return false;
  }
}
