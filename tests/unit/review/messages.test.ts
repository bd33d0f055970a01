import { describe, expect, it } from 'vitest';
import { parseReviewRequest } from '../../../src/review/messages';
import { LIMITS } from '../../../src/review/types';

const ok = {
  platform: 'reddit', kind: 'comment', pageUrl: 'https://www.reddit.com/r/x/', thread: 'https://www.reddit.com/r/x/',
  permalink: 'https://www.reddit.com/r/x/1/', author: 'a', displayName: null, text: 'hello', labels: ['misogyny'],
  scores: { misogyny: 0.9 }, action: 'blur', source: 'model', seenAt: 1,
};

describe('review-log message validation', () => {
  it('accepts a well-formed entry', () => {
    expect(parseReviewRequest({ type: 'review-log', entries: [ok] })).toEqual({ type: 'review-log', entries: [ok] });
  });
  it('drops malformed entries (bad URL scheme, unknown action/kind/source, missing text, wrong types)', () => {
    const bad = [
      { ...ok, pageUrl: 'javascript:alert(1)' },
      { ...ok, permalink: 'data:text/html,x' },
      { ...ok, action: 'delete' },
      { ...ok, kind: 'post' },
      { ...ok, source: 'server' },
      { ...ok, text: '' },
      { ...ok, author: 42 },
      { ...ok, labels: 'misogyny' },
      null,
    ];
    const res = parseReviewRequest({ type: 'review-log', entries: [...bad, ok] });
    expect(res?.type === 'review-log' && res.entries).toHaveLength(1);
  });
  it('refuses oversized batches and cuts oversized strings; keeps only label-like labels and finite scores', () => {
    expect(parseReviewRequest({ type: 'review-log', entries: Array(LIMITS.maxEntriesPerMessage + 1).fill(ok) })).toBeNull();
    const res = parseReviewRequest({
      type: 'review-log',
      entries: [{ ...ok, text: 'x'.repeat(LIMITS.maxText + 50), labels: ['misogyny', '<img>', 'threat'], scores: { misogyny: Infinity, threat: 0.5, '__proto__x': 1 } }],
    });
    const e = res?.type === 'review-log' ? res.entries[0]! : null;
    expect(e?.text).toHaveLength(LIMITS.maxText);
    expect(e?.labels).toEqual(['misogyny', 'threat']);
    expect(e?.scores).toEqual({ threat: 0.5 });
  });
  it('ignores unknown message types', () => {
    expect(parseReviewRequest({ type: 'classify', texts: [] })).toBeNull();
    expect(parseReviewRequest('review-log')).toBeNull();
  });
});

describe('keep as evidence and "not abusive" messages', () => {
  it('accept an item from the page or a record id, and nothing else', () => {
    expect(parseReviewRequest({ type: 'review-pin', pinned: true, entry: ok })).toEqual({ type: 'review-pin', pinned: true, entry: ok });
    expect(parseReviewRequest({ type: 'review-pin', pinned: false, id: 'reddit|p|https://x/1' })).toEqual({ type: 'review-pin', pinned: false, id: 'reddit|p|https://x/1' });
    expect(parseReviewRequest({ type: 'review-pin', entry: ok })).toBeNull();
    expect(parseReviewRequest({ type: 'review-pin', pinned: true })).toBeNull();
    expect(parseReviewRequest({ type: 'review-not-abuse', entry: ok, trustAuthor: true })).toEqual({ type: 'review-not-abuse', undo: false, trustAuthor: true, entry: ok });
    expect(parseReviewRequest({ type: 'review-not-abuse', id: 'a', undo: true })).toEqual({ type: 'review-not-abuse', undo: true, trustAuthor: false, id: 'a' });
    expect(parseReviewRequest({ type: 'review-not-abuse', entry: { ...ok, pageUrl: 'javascript:x' } })).toBeNull();
  });

  it('keep valid post time, parent, target and screenshot, and drop invalid ones', () => {
    const shot = 'ab'.repeat(32);
    const parsed = parseReviewRequest({
      type: 'review-log',
      entries: [{ ...ok, postedAt: '2026-11-28T20:58:00+01:00', parent: { permalink: 'https://www.reddit.com/r/x/0/', author: 'marie', text: 'mon article' }, target: '@marie', screenshot: shot }],
    });
    expect(parsed).toEqual({ type: 'review-log', entries: [{ ...ok, postedAt: '2026-11-28T19:58:00.000Z', parent: { permalink: 'https://www.reddit.com/r/x/0/', author: 'marie', text: 'mon article' }, target: 'marie', screenshot: shot }] });
    const bad = parseReviewRequest({ type: 'review-log', entries: [{ ...ok, postedAt: 'yesterday', parent: { permalink: 'javascript:x' }, screenshot: '../etc' }] });
    expect(bad).toEqual({ type: 'review-log', entries: [ok] });
  });
});

describe('review-pin with the item box (screenshot)', () => {
  const rect = { x: 12.5, y: 300, width: 580, height: 120, dpr: 2 };
  it('carries a well-formed box with a pin', () => {
    expect(parseReviewRequest({ type: 'review-pin', pinned: true, entry: ok, rect })).toEqual({ type: 'review-pin', pinned: true, entry: ok, rect });
    expect(parseReviewRequest({ type: 'review-pin', pinned: true, entry: ok, rect: { ...rect, x: -40, extra: 'x' } })).toEqual({ type: 'review-pin', pinned: true, entry: ok, rect: { ...rect, x: -40 } });
  });
  it('drops a malformed box but keeps the pin; an unpin never carries one', () => {
    for (const bad of [null, 'box', { ...rect, width: 0 }, { ...rect, height: -1 }, { ...rect, dpr: 0 }, { ...rect, dpr: 64 }, { ...rect, x: Infinity }, { ...rect, y: '3' }, { ...rect, x: 1e9 }, { x: 1, y: 2 }]) {
      expect(parseReviewRequest({ type: 'review-pin', pinned: true, entry: ok, rect: bad })).toEqual({ type: 'review-pin', pinned: true, entry: ok });
    }
    expect(parseReviewRequest({ type: 'review-pin', pinned: false, entry: ok, rect })).toEqual({ type: 'review-pin', pinned: false, entry: ok });
  });
});
