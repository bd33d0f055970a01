/**
 * Screenshots kept with the log: a capture of an item in its context, stored in the log's own
 * database (store "screenshots") under the SHA-256 of its bytes. A record names its screenshot by
 * that hash (`screenshot`), so the record's canonical form, and with it the export's hash chain,
 * covers the image: whoever holds the image can check it against the record.
 *
 * Capturing is the caller's job (the background, which alone may capture a tab); this module only
 * stores, reads and encodes. A screenshot goes when the last record naming it is deleted (log.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { LIMITS, SCREENSHOT_TYPES, type ScreenshotType, type StoredScreenshot } from './types';
export { isScreenshotId, type StoredScreenshot } from './types';
import { hex } from './hash-chain';
import type { LogDB } from './log-schema';

/** Store an image; returns its id (the SHA-256 of its bytes), to put in the record's `screenshot`. */
export async function putScreenshot(
  db: LogDB,
  shot: { mime: ScreenshotType; bytes: Uint8Array; width?: number | null; height?: number | null; capturedAt?: number },
): Promise<string> {
  if (!SCREENSHOT_TYPES.includes(shot.mime)) throw new Error(`unsupported image type ${String(shot.mime)}`);
  if (shot.bytes.length === 0 || shot.bytes.length > LIMITS.maxScreenshotBytes) throw new Error('screenshot empty or too large');
  const id = hex(sha256(shot.bytes));
  await db.put('screenshots', { id, mime: shot.mime, bytes: shot.bytes, width: shot.width ?? null, height: shot.height ?? null, capturedAt: shot.capturedAt ?? Date.now() });
  return id;
}

/** The stored screenshots among these ids (missing ones are left out). */
export async function getScreenshots(db: LogDB, ids: Iterable<string>): Promise<Map<string, StoredScreenshot>> {
  const tx = db.transaction('screenshots');
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => tx.store.get(id)));
  const out = new Map<string, StoredScreenshot>();
  for (const s of found) if (s) out.set(s.id, s);
  return out;
}

/** A data: URL of the image, for the self-contained printable report. */
export function screenshotDataUrl(s: Pick<StoredScreenshot, 'mime' | 'bytes'>): string {
  let bin = '';
  for (let i = 0; i < s.bytes.length; i += 0x8000) bin += String.fromCharCode(...s.bytes.subarray(i, i + 0x8000));
  return `data:${s.mime};base64,${btoa(bin)}`;
}
