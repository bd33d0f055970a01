/**
 * Every message the extension sends to a tab's content script (from the popup, or from the background
 * for the context menu), and what each is answered with: one discriminated union, validated on
 * receipt (`parseTabRequest`), answered by one router in the content script (src/kernel/tab-router.ts)
 * and sent with `askTab`, whose answer is typed by the request.
 */
import { browser } from 'wxt/browser';
import type { LevelThresholds, Scores } from '../classifier/labels';
import { parsePageStats, type PageStats } from './messages';

export type TabRequest =
  | { type: 'get-page-stats' }
  | { type: 'get-perf' }
  | { type: 'get-page-scores' }
  | { type: 'reveal-all'; revealed: boolean }
  | { type: 'mark-abusive'; label?: string }
  | { type: 'keep-evidence' }
  | { type: 'protect-status' }
  | { type: 'protect-lockdown'; on: boolean };

export type TabRequestType = TabRequest['type'];

/** What a tab says about itself: its page stats and whether its classifier host fails. */
export interface TabStats extends PageStats {
  hostError: string | null;
}

/** Scores only (no text, no author): what the popup's sensitivity preview counts. */
export interface PageScoresReply {
  thresholds: LevelThresholds | null;
  scores: Scores[];
}

/** The lockdown and pile-on state of the tab's thread (the popup's protection panel). */
export interface ProtectStatus {
  threadKey: string;
  locked: boolean;
  raid: { count: number; accounts: number; startedAt: number } | null;
}

export type MarkAbusiveReply = { ok: true; text: string } | { ok: false; error: string };

/** Main-thread cost counters of the page (bench:page). */
export type PerfReply = Record<string, unknown>;

export interface TabReplies {
  'get-page-stats': TabStats;
  'get-perf': PerfReply;
  'get-page-scores': PageScoresReply;
  'reveal-all': TabStats;
  'mark-abusive': MarkAbusiveReply;
  'keep-evidence': { ok: boolean };
  'protect-status': ProtectStatus;
  'protect-lockdown': ProtectStatus;
}

export type RequestOf<T extends TabRequestType> = Extract<TabRequest, { type: T }>;

/** The request, or null when it is not one of ours or is malformed. */
export function parseTabRequest(raw: unknown): TabRequest | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  const type = m.type;
  switch (type) {
    case 'get-page-stats':
    case 'get-perf':
    case 'get-page-scores':
    case 'protect-status':
    case 'keep-evidence':
      return { type };
    case 'reveal-all':
      return typeof m.revealed === 'boolean' ? { type, revealed: m.revealed } : null;
    case 'protect-lockdown':
      return typeof m.on === 'boolean' ? { type, on: m.on } : null;
    case 'mark-abusive':
      return typeof m.label === 'string' ? { type, label: m.label.slice(0, 40) } : { type };
    default:
      return null;
  }
}

export function parseTabStats(raw: unknown): TabStats | null {
  const stats = parsePageStats(raw);
  if (!stats) return null;
  const hostError = (raw as { hostError?: unknown }).hostError;
  return { ...stats, hostError: typeof hostError === 'string' ? hostError : null };
}

/**
 * Ask one tab's content script (its top frame unless `frameId`); null when no content script answers.
 * The answer comes from our own content script's router, whose handlers are typed by TabReplies.
 */
export async function askTab<T extends TabRequestType>(tabId: number, request: RequestOf<T>, frameId?: number): Promise<TabReplies[T] | null> {
  const reply: unknown = await browser.tabs.sendMessage(tabId, request, frameId === undefined ? undefined : { frameId }).catch(() => null);
  return (reply ?? null) as TabReplies[T] | null;
}
