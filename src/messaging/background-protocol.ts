/**
 * Every message the background receives (from content scripts and the extension's pages) and what each
 * is answered with: one discriminated union, validated on receipt (`parseBackgroundRequest`), answered
 * by one router (background-router.ts) where each feature registers its handlers, and sent with
 * `askBackground`, whose answer is typed by the request. Messages for the offscreen document are
 * another context's (offscreen-protocol.ts).
 */
import { browser } from 'wxt/browser';
import type { HostState } from '../classifier/host';
import { parseRequest, type ClassifyResponse, type ErrorResponse, type Request } from './messages';
import { parseReviewRequest, type ReviewActionReply, type ReviewRequest } from '../review/messages';
import type { ReviewStatus } from '../review/types';
import type { EraseResult } from '../store/erase';
import { pack, unpack } from './wire';

export type BackgroundRequest =
  /** classify, page-stats, host-status (messages.ts) */
  | Request
  /** review-log, review-status, review-pin, review-not-abuse (src/review/messages.ts) */
  | ReviewRequest
  /** The review page, after she freed space or deleted the log: try the queued writes again. */
  | { type: 'review-retry' }
  /** The popup: protect a site she granted (a Mastodon instance), in `tabId` at once. */
  | { type: 'enable-site'; origin: string; tabId?: number }
  /** A content script: open the reporting help (content scripts cannot open extension pages). */
  | { type: 'protect-open-help' }
  /** The options page: erase everything Bouclier keeps (src/store/erase.ts). */
  | { type: 'erase-everything' }
  /** A content script: its UI words, read without blocking the page (src/ui/i18n.ts). */
  | { type: 'ui-strings'; keys: string[] };

/** UI words asked for at once, at most. */
const MAX_UI_KEYS = 200;

export type BackgroundRequestType = BackgroundRequest['type'];
export type BackgroundRequestOf<T extends BackgroundRequestType> = Extract<BackgroundRequest, { type: T }>;

export type HostStatusReply = ({ ok: true } & HostState) | ErrorResponse;

/** What each request is answered with; `void`: nothing (the sender does not wait). */
export interface BackgroundReplies {
  classify: ClassifyResponse | ErrorResponse;
  'page-stats': void;
  'host-status': HostStatusReply;
  'review-log': { ok: true; accepted: number };
  'review-status': ReviewStatus;
  'review-retry': ReviewStatus;
  'review-pin': ReviewActionReply;
  'review-not-abuse': ReviewActionReply;
  'enable-site': { ok: boolean; error?: string };
  'protect-open-help': void;
  'erase-everything': EraseResult;
  /** Each key's message with its substitutions left as $1…$9 ('' for a key the catalog does not have). */
  'ui-strings': Record<string, string>;
}

/** The request, or null when it is not one of ours or is malformed (a message for the offscreen document included). */
export function parseBackgroundRequest(raw: unknown): BackgroundRequest | null {
  if (typeof raw !== 'object' || raw === null || 'target' in raw) return null;
  const type: unknown = Reflect.get(raw, 'type');
  switch (type) {
    case 'classify':
    case 'page-stats':
    case 'host-status':
      return parseRequest(raw);
    case 'review-log':
    case 'review-status':
    case 'review-pin':
    case 'review-not-abuse':
      return parseReviewRequest(raw);
    case 'review-retry':
    case 'protect-open-help':
    case 'erase-everything':
      return { type };
    case 'ui-strings': {
      const keys: unknown = Reflect.get(raw, 'keys');
      if (!Array.isArray(keys) || keys.length > MAX_UI_KEYS || !keys.every((k) => typeof k === 'string' && k.length <= 64)) return null;
      return { type, keys: keys as string[] };
    }
    case 'enable-site': {
      const origin: unknown = Reflect.get(raw, 'origin');
      const tabId: unknown = Reflect.get(raw, 'tabId');
      if (typeof origin !== 'string') return null;
      return typeof tabId === 'number' ? { type, origin, tabId } : { type, origin };
    }
    default:
      return null;
  }
}

/**
 * Ask the background; null when nothing answers (no handler, a sender it refuses, a failure on the way).
 * The answer comes from our own background's router, whose handlers are typed by BackgroundReplies.
 */
export async function askBackground<T extends BackgroundRequestType>(request: BackgroundRequestOf<T>): Promise<BackgroundReplies[T] | null> {
  const reply: unknown = await browser.runtime.sendMessage(pack(request)).catch(() => null);
  return (unpack(reply) ?? null) as BackgroundReplies[T] | null;
}
