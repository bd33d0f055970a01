/**
 * Review messages (content script ⇄ background), validated on receipt like src/messaging/messages.ts:
 * bounded sizes, known fields only, strings cut to their limits. Kept in this module so
 * src/messaging/messages.ts stays small.
 */
import { LIMITS, type EntryInput } from './types';

export type ReviewRequest = { type: 'review-log'; entries: EntryInput[] } | { type: 'review-status' };

const str = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);
const optStr = (v: unknown, max: number): string | null | undefined =>
  v === null || v === undefined ? null : typeof v === 'string' ? v.slice(0, max) : undefined;

function isHttpUrl(u: string): boolean {
  return /^https?:\/\//i.test(u);
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
  return { platform, kind: e.kind, pageUrl, thread, permalink, author, displayName, text, labels, scores, action, source: e.source, seenAt };
}

export function parseReviewRequest(raw: unknown): ReviewRequest | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const msg = raw as Record<string, unknown>;
  if (msg.type === 'review-status') return { type: 'review-status' };
  if (msg.type !== 'review-log') return null;
  if (!Array.isArray(msg.entries) || msg.entries.length > LIMITS.maxEntriesPerMessage) return null;
  const entries: EntryInput[] = [];
  for (const r of msg.entries) {
    const e = parseEntry(r);
    if (e) entries.push(e);
  }
  return { type: 'review-log', entries };
}
