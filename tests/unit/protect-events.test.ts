/**
 * Pile-on records follow the review log's retention (src/protect/events.ts): dropped once first raised
 * (detectedAt) longer ago than the period, at the moments the log is pruned (background start, here),
 * when she shortens the period (pruneRaidEventsBefore, as the review page calls it) and on every save;
 * kept forever when she keeps the log forever; deleted all at once on request.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deleteRaidEvents, loadRaidEvents, pruneRaidEventsBefore, RAID_EVENTS_KEY, saveRaidEvent, withinRetention, type StoredRaidEvent } from '../../src/protect/events';
import { DAY_MS, allEntries, mergeEntries, openLog, retentionCutoff } from '../../src/review/log';
import { REVIEW_PREFS_KEY, type EntryInput } from '../../src/review/types';

const NOW = Date.now();
const daysAgo = (d: number) => NOW - d * DAY_MS;

function ev(id: string, detectedAt: number): StoredRaidEvent {
  const accounts = Array.from({ length: 6 }, (_, i) => `raider_${i}`);
  return { id, threadKey: `https://www.reddit.com/r/france/comments/${id}`, platform: 'reddit', pageUrl: `https://www.reddit.com/r/france/comments/${id}/`, startedAt: detectedAt - 600_000, lastAt: detectedAt, accounts, count: 12, lockedAt: null, detectedAt };
}

const ids = async () => (await loadRaidEvents()).map((e) => e.id);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('pile-on records: retention of the review log', () => {
  it('keeps records first raised within the period (the boundary included), drops older ones; forever keeps all', () => {
    const events = [ev('old', daysAgo(31)), ev('edge', daysAgo(30)), ev('new', daysAgo(1))];
    const cutoff = retentionCutoff(30, NOW)!;
    expect(withinRetention(events, cutoff).map((e) => e.id)).toEqual(['edge', 'new']);
    expect(withinRetention(events, retentionCutoff(0, NOW))).toEqual(events);
  });

  it('pruneRaidEventsBefore (her shorter period on the review page) deletes and counts the old ones', async () => {
    await fakeBrowser.storage.local.set({ [RAID_EVENTS_KEY]: [ev('a', daysAgo(400)), ev('b', daysAgo(100)), ev('c', daysAgo(2))] });
    expect(await pruneRaidEventsBefore(retentionCutoff(90)!)).toBe(2);
    expect(await ids()).toEqual(['c']);
    expect(await pruneRaidEventsBefore(retentionCutoff(90)!)).toBe(0);
  });

  it('every save applies the retention too, so a tab cannot write a pruned record back', async () => {
    await fakeBrowser.storage.local.set({
      [REVIEW_PREFS_KEY]: { retentionDays: 30, lastPrunedAt: NOW },
      [RAID_EVENTS_KEY]: [ev('stale', daysAgo(45)), ev('recent', daysAgo(3))],
    });
    await saveRaidEvent(() => ev('fresh', NOW));
    expect(await ids()).toEqual(['recent', 'fresh']);
  });

  it('with the log kept forever, nothing is dropped on save', async () => {
    await fakeBrowser.storage.local.set({ [REVIEW_PREFS_KEY]: { retentionDays: 0, lastPrunedAt: NOW }, [RAID_EVENTS_KEY]: [ev('ancient', daysAgo(3000))] });
    await saveRaidEvent(() => ev('fresh', NOW));
    expect(await ids()).toEqual(['ancient', 'fresh']);
  });

  it('the background prunes old pile-on records with the log, at start', async () => {
    const db = await openLog();
    const item = (i: number, seenAt: number): EntryInput => ({
      platform: 'reddit', kind: 'comment', pageUrl: 'https://www.reddit.com/r/france/comments/x/', thread: 'https://www.reddit.com/r/france/comments/x/',
      permalink: `https://www.reddit.com/r/france/comments/x/c${i}/`, author: `raider_${i}`, displayName: null, text: `sale pute ${i}`,
      labels: ['misogyny'], scores: { misogyny: 0.9 }, action: 'blur', source: 'model', seenAt,
    });
    await mergeEntries(db, [item(1, daysAgo(40)), item(2, daysAgo(5))], NOW);
    db.close();
    await fakeBrowser.storage.local.set({
      [REVIEW_PREFS_KEY]: { retentionDays: 30, lastPrunedAt: 0 },
      [RAID_EVENTS_KEY]: [ev('stale', daysAgo(40)), ev('recent', daysAgo(5))],
    });
    // The fake browser has no context menus: this test is about pruning.
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
    const { registerReviewBackground } = await import('../../src/review/background');
    const { createBackgroundRouter } = await import('../../src/messaging/background-router');
    registerReviewBackground(createBackgroundRouter());
    await vi.waitFor(async () => expect(await ids()).toEqual(['recent']));
    await vi.waitFor(async () => {
      const check = await openLog();
      const left = (await allEntries(check)).map((e) => e.author);
      check.close();
      expect(left).toEqual(['raider_2']);
    });
  });

  it('she can delete them all at once', async () => {
    await fakeBrowser.storage.local.set({ [RAID_EVENTS_KEY]: [ev('a', NOW), ev('b', NOW)], other: 1 });
    await deleteRaidEvents();
    expect(await ids()).toEqual([]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ other: 1 });
  });
});
