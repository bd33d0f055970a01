/**
 * Review messages (content script or extension page → background), validated on receipt like
 * src/messaging/messages.ts: bounded sizes, known fields only, strings cut to their limits.
 *
 *   review-log        {entries: EntryInput[]}   flagged items to log (content scripts, batched)
 *   review-status     {}                        write health (reply: ReviewStatus)
 *   review-pin        {pinned, entry | id, rect?}
 *                     keep as evidence / stop keeping (reply: ReviewActionReply); `rect` (the item's box
 *                     in the top frame's viewport) asks for a screenshot of it in context (capture.ts)
 *   review-not-abuse  {undo, trustAuthor, entry | id}
 *                     "not abusive": an allow correction (applied at once in every tab) and her feedback
 *                     on the record, with its time; undo removes both (reply: ReviewActionReply)
 * `entry` is the item as the content script would log it (it is logged first if it is not yet);
 * `id` is a log record's id (extension pages).
 */
import { LIMITS, isScreenshotId, type EntryInput, type Feedback, type ParentPost } from './types';

export const PIN_MESSAGE = 'review-pin';
export const NOT_ABUSE_MESSAGE = 'review-not-abuse';

/** Which record: an item from a page, or a record already in the log. */
export type RecordRef = { entry: EntryInput; id?: undefined } | { id: string; entry?: undefined };

/** An item's box in the viewport of the tab's top frame, CSS px, and the device pixel ratio there. */
export interface CaptureRect {
  x: number;
  y: number;
  width: number;
  height: number;
  dpr: number;
}

export type PinRequest = { type: typeof PIN_MESSAGE; pinned: boolean; rect?: CaptureRect } & RecordRef;
export type NotAbuseRequest = { type: typeof NOT_ABUSE_MESSAGE; undo: boolean; trustAuthor: boolean } & RecordRef;

export type ReviewRequest = { type: 'review-log'; entries: EntryInput[] } | { type: 'review-status' } | PinRequest | NotAbuseRequest;

/**
 * The record as it now stands (so the page can confirm what happened), or why nothing was done. A reply
 * to a pin says whether the kept record has a screenshot (false: kept without one, see capture.ts).
 */
export type ReviewActionReply =
  | { ok: true; id: string; pinnedAt: number | null; feedback: Feedback; screenshot?: boolean }
  | { ok: false; error: string };

const str = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);
const optStr = (v: unknown, max: number): string | null | undefined =>
  v === null || v === undefined ? null : typeof v === 'string' ? v.slice(0, max) : undefined;

function isHttpUrl(u: string): boolean {
  return /^https?:\/\//i.test(u);
}

/** The platform's post time as ISO 8601 UTC, or null when absent or not a date. */
function postedAtOf(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 64) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function parentOf(v: unknown): ParentPost | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Record<string, unknown>;
  const permalink = optStr(p.permalink, LIMITS.maxUrl) ?? null;
  const parent = {
    permalink: permalink !== null && isHttpUrl(permalink) ? permalink : null,
    author: optStr(p.author, LIMITS.maxHandle) ?? null,
    text: optStr(p.text, LIMITS.maxParentText) ?? null,
  };
  return parent.permalink || parent.author || parent.text ? parent : null;
}

/** The optional evidence fields, only those present (an entry without them stays as it was). */
function evidenceOf(e: Record<string, unknown>): Partial<EntryInput> {
  const out: Partial<EntryInput> = {};
  const postedAt = postedAtOf(e.postedAt);
  if (postedAt) out.postedAt = postedAt;
  const parent = parentOf(e.parent);
  if (parent) out.parent = parent;
  const target = optStr(e.target, LIMITS.maxHandle);
  if (target) out.target = target.replace(/^@/, '');
  if (isScreenshotId(e.screenshot)) out.screenshot = e.screenshot;
  return out;
}

export function parseEntry(raw: unknown): EntryInput | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Record<string, unknown>;
  const platform = str(e.platform, 40);
  const pageUrl = str(e.pageUrl, LIMITS.maxUrl);
  const thread = str(e.thread, LIMITS.maxUrl);
  const text = str(e.text, LIMITS.maxText);
  const action = str(e.action, 20);
  const permalink = optStr(e.permalink, LIMITS.maxUrl);
  const author = optStr(e.author, LIMITS.maxHandle);
  const displayName = optStr(e.displayName, LIMITS.maxHandle);
  if (!platform || !pageUrl || !thread || !text || !action) return null;
  if (permalink === undefined || author === undefined || displayName === undefined) return null;
  if (!isHttpUrl(pageUrl) || !isHttpUrl(thread) || (permalink !== null && !isHttpUrl(permalink))) return null;
  if (!['blur', 'collapse', 'remove'].includes(action)) return null;
  if (e.kind !== 'comment' && e.kind !== 'dm') return null;
  if (e.source !== 'model' && e.source !== 'correction') return null;
  if (!Array.isArray(e.labels) || e.labels.length > LIMITS.maxLabels) return null;
  const labels = e.labels.filter((l): l is string => typeof l === 'string' && /^[a-z_]{1,40}$/.test(l));
  const scores: Record<string, number> = {};
  if (typeof e.scores === 'object' && e.scores !== null) {
    for (const [k, v] of Object.entries(e.scores).slice(0, 10)) {
      if (/^[a-z][a-z_]{0,39}$/.test(k) && typeof v === 'number' && Number.isFinite(v)) scores[k] = v;
    }
  }
  const seenAt = typeof e.seenAt === 'number' && Number.isFinite(e.seenAt) ? e.seenAt : Date.now();
  return { platform, kind: e.kind, pageUrl, thread, permalink, author, displayName, text, labels, scores, action, source: e.source, seenAt, ...evidenceOf(e) };
}

/** Bounds a page could not exceed (a rect outside them is dropped, the pin is kept). */
const MAX_COORD = 1e6;

/** A valid capture rect, or undefined (absent or malformed: the pin goes on without a screenshot). */
export function rectOf(v: unknown): CaptureRect | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const n = (k: string): number | null => (typeof r[k] === 'number' && Number.isFinite(r[k]) && Math.abs(r[k]) <= MAX_COORD ? r[k] : null);
  const x = n('x');
  const y = n('y');
  const width = n('width');
  const height = n('height');
  const dpr = n('dpr');
  if (x === null || y === null || width === null || height === null || dpr === null) return undefined;
  if (width <= 0 || height <= 0 || dpr <= 0 || dpr > 16) return undefined;
  return { x, y, width, height, dpr };
}

function refOf(msg: Record<string, unknown>): RecordRef | null {
  if (typeof msg.id === 'string' && msg.id.length > 0 && msg.id.length <= LIMITS.maxUrl + 100) return { id: msg.id };
  const entry = parseEntry(msg.entry);
  return entry ? { entry } : null;
}

export function parseReviewRequest(raw: unknown): ReviewRequest | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const msg = raw as Record<string, unknown>;
  if (msg.type === 'review-status') return { type: 'review-status' };
  if (msg.type === PIN_MESSAGE || msg.type === NOT_ABUSE_MESSAGE) {
    const ref = refOf(msg);
    if (!ref) return null;
    if (msg.type === PIN_MESSAGE) {
      if (typeof msg.pinned !== 'boolean') return null;
      const rect = msg.pinned ? rectOf(msg.rect) : undefined;
      return { type: PIN_MESSAGE, pinned: msg.pinned, ...ref, ...(rect ? { rect } : {}) };
    }
    return { type: NOT_ABUSE_MESSAGE, undo: msg.undo === true, trustAuthor: msg.trustAuthor === true, ...ref };
  }
  if (msg.type !== 'review-log') return null;
  if (!Array.isArray(msg.entries) || msg.entries.length > LIMITS.maxEntriesPerMessage) return null;
  const entries: EntryInput[] = [];
  for (const r of msg.entries) {
    const e = parseEntry(r);
    if (e) entries.push(e);
  }
  return { type: 'review-log', entries };
}
