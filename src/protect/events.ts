/**
 * Raid events kept as evidence on this device. The review log (src/review/) has no API for events
 * that span many items yet, so they live in browser.storage.local under RAID_EVENTS_KEY (through src/store/persisted.ts):
 *
 *   protectRaidEvents: StoredRaidEvent[]   (newest last, at most MAX_RAID_EVENTS)
 *
 * One record per burst (its id is stable while the burst grows): thread, platform, first/last
 * flagged time, the accounts involved, how many flagged items, and when she locked the thread down.
 * The individual flagged items are in the review log as usual (one entry each).
 *
 * Retention: the log's (reviewPrefs.retentionDays, set on the review page). A record first raised
 * (detectedAt) before the cutoff is deleted whenever the log is pruned (src/review/background.ts: at
 * startup, daily, at browser start; the review page: when she shortens the period) and on every save
 * here, so a tab that kept an old list in hand cannot write pruned records back. She deletes them all
 * from the options page or with the review page's "Delete everything".
 */
import type { RaidEvent } from './raid';
import { retentionCutoff } from '../review/types';
import { createStoredValue } from '../store/persisted';
import { reviewPrefs } from '../store/review-keys';

export const RAID_EVENTS_KEY = 'protectRaidEvents';
export const MAX_RAID_EVENTS = 500;
export const MAX_EVENT_ACCOUNTS = 2000;

export interface StoredRaidEvent extends RaidEvent {
  platform: string;
  pageUrl: string;
  /** Epoch ms when she locked the thread down during this burst, or null. */
  lockedAt: number | null;
  /** Epoch ms when Bouclier first raised it. */
  detectedAt: number;
}

export function parseRaidEvents(raw: unknown): StoredRaidEvent[] {
  if (!Array.isArray(raw)) return [];
  const out: StoredRaidEvent[] = [];
  for (const r of raw.slice(-MAX_RAID_EVENTS)) {
    if (typeof r !== 'object' || r === null) continue;
    const e = r as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    if (typeof e.id !== 'string' || typeof e.threadKey !== 'string' || num(e.startedAt) === null || num(e.count) === null) continue;
    out.push({
      id: e.id,
      threadKey: e.threadKey,
      platform: typeof e.platform === 'string' ? e.platform : '',
      pageUrl: typeof e.pageUrl === 'string' ? e.pageUrl : '',
      startedAt: num(e.startedAt)!,
      lastAt: num(e.lastAt) ?? num(e.startedAt)!,
      accounts: Array.isArray(e.accounts) ? e.accounts.filter((a): a is string => typeof a === 'string').slice(0, MAX_EVENT_ACCOUNTS) : [],
      count: num(e.count)!,
      lockedAt: num(e.lockedAt),
      detectedAt: num(e.detectedAt) ?? num(e.startedAt)!,
    });
  }
  return out;
}

/** The events first raised at or after `cutoff` (null = keep forever), as the log keeps records by firstSeen. */
export function withinRetention(events: StoredRaidEvent[], cutoff: number | null): StoredRaidEvent[] {
  return cutoff === null ? events : events.filter((e) => e.detectedAt >= cutoff);
}

/** Where they are kept: writes to it are serialised, so two quick updates never lose one another. */
const stored = createStoredValue({ key: RAID_EVENTS_KEY, area: 'local', parse: parseRaidEvents });

/** Insert or update one event (by id). */
export async function saveRaidEvent(update: (prev: StoredRaidEvent | null) => StoredRaidEvent): Promise<void> {
  await stored
    .update(async (prev) => {
      const events = [...prev];
      const next = update(null);
      const i = events.findIndex((e) => e.id === next.id);
      if (i >= 0) events[i] = update(events[i]!);
      else events.push(next);
      const cutoff = retentionCutoff((await reviewPrefs.read()).retentionDays);
      return withinRetention(events, cutoff).slice(-MAX_RAID_EVENTS);
    })
    .catch(() => undefined);
}

/** Delete the events first raised before `cutoff`; returns how many were deleted. */
export async function pruneRaidEventsBefore(cutoff: number): Promise<number> {
  let deleted = 0;
  await stored.update((events) => {
    const kept = withinRetention(events, cutoff);
    deleted = events.length - kept.length;
    return deleted > 0 ? kept : events;
  });
  return deleted;
}

/** Delete every event (her "delete" on the options page, the review page's "Delete everything"). */
export function deleteRaidEvents(): Promise<void> {
  return stored.remove();
}

export const loadRaidEvents = (): Promise<StoredRaidEvent[]> => stored.read();

/** The events now kept, after every change made anywhere; returns a function that stops. */
export const watchRaidEvents = (cb: (events: StoredRaidEvent[]) => void): (() => void) => stored.watch(cb);
