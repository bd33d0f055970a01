/**
 * Messages between content scripts, the background and the classifier host (all the background's:
 * background-protocol.ts). Every message is
 * validated on receipt (`parseRequest`): a page cannot reach these listeners directly, but a
 * compromised or buggy sender must still not crash the host or smuggle in huge payloads.
 */
import type { LevelThresholds, Scores } from '../classifier/labels';

export const MAX_TEXTS_PER_REQUEST = 512;
/**
 * The most of one text the classifier reads: the host cuts longer texts on arrival (parseRequest) and
 * content scripts cut them before sending (src/scanner/batcher.ts), so a huge comment never makes a
 * message too large to send. The featurizer scores at most T_MAX × MAX_CHUNKS tokens (4,096) of a text;
 * this leaves about 24 characters per token, several times what ordinary text uses, so an ordinary
 * text this long has more tokens than are scored and cutting it changes no score
 * (tests/unit/scanner-poison.test.ts checks both sides and that claim).
 */
export const MAX_TEXT_CHARS = 100_000;

export type Request =
  /**
   * Content scripts send classify requests straight to the classifier host over their port
   * (classify-port.ts). This message, always with `relay: true`, asks the background to start the
   * host and forward the request over its own port: used when no host answered the tab's port, since
   * only the background can start the host (Chrome's offscreen document).
   */
  | { type: 'classify'; texts: string[]; relay?: true }
  | { type: 'page-stats'; stats: PageStats }
  | { type: 'host-status' };

export interface ClassifyResponse {
  ok: true;
  scores: Scores[];
  thresholds: LevelThresholds;
  /** Time the host spent scoring this batch (featurize + model), to tell transport from compute. */
  hostMs?: number;
}
export interface ErrorResponse {
  ok: false;
  error: string;
}
/** What a tab reports about itself; the popup and the badge read it. */
export interface PageStats {
  host: string;
  platform: string | null;
  scanned: number;
  /** Items hidden (or revealed by her) on this page. */
  flagged: number;
  /** Hidden items per category: an item with two categories counts under both (the badge's threat colour). */
  byLabel: Record<string, number>;
  /**
   * Hidden items per main reason: each counted once, under its one main reason (the highest-scoring
   * model category, or the rule that hid it), so the values add up to `flagged`. What the popup lists.
   */
  byReason: Record<string, number>;
  degraded: boolean;
}

function isStringArray(v: unknown, max: number): v is string[] {
  return Array.isArray(v) && v.length <= max && v.every((t) => typeof t === 'string');
}

function counts(v: unknown): Record<string, number> | null {
  if (typeof v !== 'object' || v === null) return null;
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) if (typeof n === 'number' && Number.isFinite(n) && n >= 0) out[k] = n;
  return out;
}

/**
 * A tab's page stats (sent to the background, or answered to the popup) if well-formed, else null.
 * Stats sent without `byReason` get an empty one (the popup then shows the total only), never a crash.
 */
export function parsePageStats(raw: unknown): PageStats | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  if (typeof s.host !== 'string' || typeof s.scanned !== 'number' || typeof s.flagged !== 'number') return null;
  const byLabel = counts(s.byLabel);
  if (!byLabel) return null;
  return {
    host: s.host,
    platform: typeof s.platform === 'string' ? s.platform : null,
    scanned: s.scanned,
    flagged: s.flagged,
    byLabel,
    byReason: counts(s.byReason) ?? {},
    degraded: s.degraded === true,
  };
}

/** Returns the request if it is well-formed, else null. Texts longer than MAX_TEXT_CHARS are cut. */
export function parseRequest(raw: unknown): Request | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const msg = raw as Record<string, unknown>;
  switch (msg.type) {
    case 'classify':
      if (!isStringArray(msg.texts, MAX_TEXTS_PER_REQUEST)) return null;
      return { type: 'classify', texts: msg.texts.map((t) => t.slice(0, MAX_TEXT_CHARS)), ...(msg.relay === true ? { relay: true as const } : {}) };
    case 'page-stats': {
      const stats = parsePageStats(msg.stats);
      return stats ? { type: 'page-stats', stats } : null;
    }
    case 'host-status':
      return { type: 'host-status' };
    default:
      return null;
  }
}
