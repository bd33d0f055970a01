/**
 * Reading the log as evidence: the main reason of each record, and records grouped by the account
 * that wrote them (a per-author dossier: all items by one account, first and last seen, count).
 * Pure, shared by the review page and the exports.
 */
import type { LogEntry } from './types';
import { mainReason as reasonOf } from '../verdict/decide';
import { CATEGORIES, type Category } from '../verdict/categories';

/**
 * The one reason to give first, as the label on the page gave it (src/verdict/decide.ts: personal data,
 * then a threat, then the highest-scoring category; a category without a score counts as certain).
 */
export function mainReason(e: Pick<LogEntry, 'labels' | 'scores'>): string | null {
  const known = e.labels.filter((l): l is Category => (CATEGORIES as readonly string[]).includes(l));
  return reasonOf(known, e.scores) ?? e.labels[0] ?? null;
}

/** Same platform, same handle (any case). Items without an author share one group per platform. */
export const accountKey = (platform: string, author: string | null): string => `${platform}|${(author ?? '').toLowerCase()}`;

export interface AccountSummary {
  key: string;
  platform: string;
  author: string | null;
  count: number;
  firstSeen: number;
  lastSeen: number;
  kept: number;
}

/** One summary per account, most items first (then the most recent). */
export function groupByAccount(entries: readonly LogEntry[]): AccountSummary[] {
  const by = new Map<string, AccountSummary>();
  for (const e of entries) {
    const key = accountKey(e.platform, e.author);
    const a = by.get(key);
    const kept = typeof e.pinnedAt === 'number' ? 1 : 0;
    if (!a) by.set(key, { key, platform: e.platform, author: e.author, count: 1, firstSeen: e.firstSeen, lastSeen: e.lastSeen, kept });
    else {
      a.count++;
      a.firstSeen = Math.min(a.firstSeen, e.firstSeen);
      a.lastSeen = Math.max(a.lastSeen, e.lastSeen);
      a.kept += kept;
    }
  }
  return [...by.values()].sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen);
}

/** Every record of one account (its dossier), oldest first: the order of events. */
export function dossierOf(entries: readonly LogEntry[], key: string): LogEntry[] {
  return entries.filter((e) => accountKey(e.platform, e.author) === key).sort((a, b) => a.firstSeen - b.firstSeen);
}

const countBy = (values: string[]): [string, number][] => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

export interface EvidenceSummary {
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  platforms: [string, number][];
  reasons: [string, number][];
  accounts: AccountSummary[];
  kept: number;
  notAbusive: number;
}

/** What the report's summary table says before the records. */
export function summarize(entries: readonly LogEntry[]): EvidenceSummary {
  return {
    count: entries.length,
    firstSeen: entries.length ? entries.reduce((m, e) => Math.min(m, e.firstSeen), Infinity) : null,
    lastSeen: entries.length ? entries.reduce((m, e) => Math.max(m, e.lastSeen), -Infinity) : null,
    platforms: countBy(entries.map((e) => e.platform)),
    reasons: countBy(entries.map((e) => mainReason(e)).filter((r): r is string => r !== null)),
    accounts: groupByAccount(entries),
    kept: entries.filter((e) => typeof e.pinnedAt === 'number').length,
    notAbusive: entries.filter((e) => e.feedback === 'not_abusive').length,
  };
}
