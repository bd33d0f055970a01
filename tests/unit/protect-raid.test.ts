import { describe, expect, it } from 'vitest';
import { createRaidDetector, DEFAULT_RAID_CONFIG, repairRaidConfig, threadKeyFor, type RaidEvent, type RaidPhase } from '../../src/protect/raid.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 28, 20, 0, 0);
const THREAD = 'https://www.reddit.com/r/france/comments/abc/titre';

function setup(config = DEFAULT_RAID_CONFIG) {
  let clock = T0;
  const events: { e: RaidEvent; phase: RaidPhase }[] = [];
  const d = createRaidDetector({ now: () => clock, config: () => config, onRaid: (e, phase) => events.push({ e, phase }) });
  let n = 0;
  /** A flagged reply seen now (advance the simulated clock by `afterMs` first). */
  const flagged = (author: string | null, afterMs = 0, thread = THREAD) => {
    clock += afterMs;
    return d.record({ threadKey: thread, itemId: `item-${n++}`, author });
  };
  return { d, events, flagged, advance: (ms: number) => (clock += ms), at: () => clock };
}

describe('raid detector (defaults: ≥10 flagged from ≥5 accounts within 15 min)', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_RAID_CONFIG).toEqual({ minFlagged: 10, minAccounts: 5, windowMs: 15 * MIN });
  });

  it('raises exactly once when 12 replies from 6 accounts arrive one a minute, then updates', () => {
    const { events, flagged } = setup();
    for (let i = 0; i < 12; i++) flagged(`acct${i % 6}`, MIN);
    const starts = events.filter((x) => x.phase === 'start');
    expect(starts).toHaveLength(1);
    expect(starts[0]!.e.count).toBe(10); // raised on the 10th
    expect(starts[0]!.e.accounts).toEqual(['acct0', 'acct1', 'acct2', 'acct3', 'acct4', 'acct5']);
    expect(starts[0]!.e.startedAt).toBe(T0 + MIN);
    const updates = events.filter((x) => x.phase === 'update');
    expect(updates).toHaveLength(2);
    expect(updates.at(-1)!.e.count).toBe(12);
    expect(updates.at(-1)!.e.id).toBe(starts[0]!.e.id);
  });

  it('recording a frame of replies together finds the same burst, told once (start) then once per frame (update)', () => {
    const one = setup();
    const together = setup();
    const seen = (i: number) => ({ threadKey: THREAD, itemId: `item-${i}`, author: `acct${i % 6}`, at: T0 + i * MIN });
    for (let i = 0; i < 30; i++) one.d.record(seen(i));
    together.d.recordAll(Array.from({ length: 20 }, (_, i) => seen(i)));
    expect(together.events.map((x) => x.phase)).toEqual(['start']);
    together.d.recordAll(Array.from({ length: 10 }, (_, i) => seen(20 + i)));
    expect(together.events.map((x) => x.phase)).toEqual(['start', 'update']);
    expect(together.events.at(-1)!.e).toEqual(one.events.at(-1)!.e);
    expect(together.d.burst(THREAD)).toEqual(one.d.burst(THREAD));
  });

  it('does not raise for 9 flagged replies, or 10 replies from only 4 accounts', () => {
    const a = setup();
    for (let i = 0; i < 9; i++) a.flagged(`acct${i}`, MIN);
    expect(a.events).toEqual([]);
    const b = setup();
    for (let i = 0; i < 20; i++) b.flagged(`acct${i % 4}`, 10_000);
    expect(b.events).toEqual([]);
  });

  it('does not raise when the same replies are spread over hours', () => {
    const { events, flagged } = setup();
    for (let i = 0; i < 30; i++) flagged(`acct${i}`, 5 * MIN); // 3 per 15 min
    expect(events).toEqual([]);
  });

  it('counts an item once, and authors case-insensitively', () => {
    const { d, events } = setup();
    for (let i = 0; i < 12; i++) d.record({ threadKey: THREAD, itemId: 'same', author: `a${i}` });
    expect(events).toEqual([]);
    for (let i = 0; i < 10; i++) d.record({ threadKey: THREAD, itemId: `x${i}`, author: i % 2 ? 'Bob' : 'bob' });
    expect(events).toEqual([]);
  });

  it('keeps threads (and the DM inbox) apart', () => {
    const { events, flagged } = setup();
    for (let i = 0; i < 12; i++) flagged(`acct${i}`, 10_000, i % 2 ? THREAD : `${THREAD}-other`);
    expect(events).toEqual([]);
  });

  it('uses the posted time when the page gives one: a past wave is still a wave', () => {
    const { d, events, advance } = setup();
    advance(6 * 3_600_000); // she opens the thread six hours later
    for (let i = 0; i < 10; i++) d.record({ threadKey: THREAD, itemId: `p${i}`, author: `acct${i % 5}`, at: T0 + i * 30_000 });
    expect(events.map((x) => x.phase)).toEqual(['start']);
    expect(events[0]!.e.startedAt).toBe(T0);
    expect(events[0]!.e.lastAt).toBe(T0 + 9 * 30_000);
  });

  it('handles replies loaded out of order (infinite scroll loads older ones later)', () => {
    const { d, events } = setup();
    const order = [9, 3, 0, 7, 1, 8, 2, 6, 4, 5];
    for (const i of order) d.record({ threadKey: THREAD, itemId: `p${i}`, author: `acct${i % 5}`, at: T0 + i * MIN });
    expect(events.filter((x) => x.phase === 'start')).toHaveLength(1);
    expect(events[0]!.e.count).toBe(10);
  });

  it('a second wave after a quiet period is a new event', () => {
    const { events, flagged, advance } = setup();
    for (let i = 0; i < 10; i++) flagged(`acct${i % 5}`, MIN);
    advance(60 * MIN);
    for (let i = 0; i < 10; i++) flagged(`other${i % 5}`, MIN);
    const starts = events.filter((x) => x.phase === 'start');
    expect(starts).toHaveLength(2);
    expect(starts[0]!.e.id).not.toBe(starts[1]!.e.id);
    expect(starts[1]!.e.accounts).toEqual(['other0', 'other1', 'other2', 'other3', 'other4']);
  });

  it('knows whether a burst is still going', () => {
    const { d, flagged, advance } = setup();
    for (let i = 0; i < 10; i++) flagged(`acct${i % 5}`, MIN);
    expect(d.ongoing(THREAD)).toBe(true);
    advance(16 * MIN);
    expect(d.ongoing(THREAD)).toBe(false);
    expect(d.burst(THREAD)?.count).toBe(10);
  });

  it('stays fast under a flood from one account (never a raid: one account)', () => {
    const { d, events } = setup();
    const t0 = performance.now();
    for (let i = 0; i < 4000; i++) d.record({ threadKey: THREAD, itemId: `s${i}`, author: 'spammer', at: T0 + i * 100 });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(events).toEqual([]);
    // …and the flood does not hide a real pile-on arriving in it (the spammer is one of its accounts).
    for (let i = 0; i < 9; i++) d.record({ threadKey: THREAD, itemId: `r${i}`, author: `acct${i % 5}`, at: T0 + 200_000 + i * 1000 });
    expect(events.filter((x) => x.phase === 'start')).toHaveLength(1);
    expect(events[0]!.e.accounts).toContain('spammer');
  });

  it('follows adjusted settings', () => {
    const { events, flagged } = setup({ minFlagged: 3, minAccounts: 2, windowMs: 5 * MIN });
    flagged('a', MIN);
    flagged('b', MIN);
    expect(events).toEqual([]);
    flagged('a', MIN);
    expect(events.map((x) => x.phase)).toEqual(['start']);
  });

  it('clamps timestamps from the future and repairs silly settings', () => {
    const { d, events, at } = setup({ minFlagged: 2, minAccounts: 2, windowMs: MIN });
    d.record({ threadKey: THREAD, itemId: 'f1', author: 'a', at: at() + 10 * 3_600_000 });
    d.record({ threadKey: THREAD, itemId: 'f2', author: 'b' });
    expect(events[0]!.e.startedAt).toBe(at());
    expect(repairRaidConfig({ minFlagged: -3, minAccounts: 'x', windowMs: 1 })).toEqual({ minFlagged: 2, minAccounts: 5, windowMs: 60_000 });
  });
});

describe('threadKeyFor', () => {
  it('drops fragment and query for most platforms', () => {
    expect(threadKeyFor('https://www.reddit.com/r/france/comments/abc/titre/?sort=new#c1', 'comment')).toBe(
      'https://www.reddit.com/r/france/comments/abc/titre',
    );
    expect(threadKeyFor('https://x.com/marie/status/123?s=20', 'comment')).toBe('https://x.com/marie/status/123');
  });
  it('keeps the query that names the thread', () => {
    expect(threadKeyFor('https://www.youtube.com/watch?v=abc&t=30s', 'comment')).toBe('https://www.youtube.com/watch?v=abc');
  });
  it('gives one key per DM inbox', () => {
    expect(threadKeyFor('https://x.com/messages/123-456', 'dm')).toBe('dm:x.com');
    expect(threadKeyFor('https://x.com/messages/999', 'dm')).toBe('dm:x.com');
  });
});
