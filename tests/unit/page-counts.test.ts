/**
 * What the popup counts: hidden items per main reason (each once, adding up to the total), and the
 * sensitivity preview, which must agree with the shield's own verdict at every level.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePageStats, parseRequest, type PageStats } from '../../src/messaging/messages';
import { flaggedByCategoryAt, hiddenAtLevel, parsePageScores, reasonRows, thresholdInForce, type PageScores } from '../../src/ui/page-counts';
import { decide } from '../../src/verdict/decide';
import { DEFAULT_SETTINGS, type Settings } from '../../src/store/settings';
import { LABELS, LEVELS, type LevelThresholds, type Scores } from '../../src/classifier/labels';

const stats = (over: Partial<PageStats> = {}): PageStats => ({
  host: 'www.reddit.com',
  platform: 'reddit',
  scanned: 17,
  flagged: 5,
  byLabel: { misogyny: 4, insult: 3, threat: 2, sexual: 1, identity_attack: 2 },
  byReason: { threat: 2, misogyny: 2, sexual: 1 },
  degraded: false,
  ...over,
});

const level = (v: number): Scores => Object.fromEntries(LABELS.map((l) => [l, v])) as Scores;
const THRESHOLDS: LevelThresholds = { relaxed: level(0.8), balanced: level(0.6), strict: level(0.4) };
const score = (s: Partial<Scores>): Scores => ({ ...level(0), ...s });

describe('page stats', () => {
  it('keeps byReason through validation, for the background and the popup alike', () => {
    expect(parsePageStats(stats())).toEqual(stats());
    expect(parseRequest({ type: 'page-stats', stats: stats() })).toEqual({ type: 'page-stats', stats: stats() });
  });

  it('drops malformed counts and refuses stats without their required fields', () => {
    const parsed = parsePageStats({ ...stats(), byReason: { misogyny: 2, threat: 'x', insult: -1, sexual: Number.NaN } });
    expect(parsed?.byReason).toEqual({ misogyny: 2 });
    expect(parsePageStats({ ...stats(), byReason: undefined })?.byReason).toEqual({});
    expect(parsePageStats({ ...stats(), byLabel: null })).toBeNull();
    expect(parsePageStats({ ...stats(), flagged: '5' })).toBeNull();
    expect(parsePageStats(null)).toBeNull();
  });
});

describe('counts per main reason', () => {
  it('lists each reason once, in the shield order, without zeros, adding up to the hidden items', () => {
    const rows = reasonRows(stats({ byReason: { threat: 2, misogyny: 2, sexual: 1, insult: 0 } }));
    expect(rows).toEqual([
      { reason: 'misogyny', count: 2 },
      { reason: 'threat', count: 2 },
      { reason: 'sexual', count: 1 },
    ]);
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(5);
  });

  it('puts reasons it has no place for after the known ones', () => {
    expect(reasonRows(stats({ byReason: { zeta: 1, doxxing: 1, alpha: 1, muted: 2 } })).map((r) => r.reason)).toEqual(['muted', 'doxxing', 'alpha', 'zeta']);
  });
});

describe('sensitivity preview', () => {
  const page: PageScores = {
    thresholds: THRESHOLDS,
    scores: [score({ misogyny: 0.9 }), score({ insult: 0.7 }), score({ threat: 0.5 }), score({ toxic: 0.99 }), score({})],
  };

  it('counts what each level hides, the toxic score alone hiding nothing', () => {
    expect(LEVELS.map((l) => hiddenAtLevel(page, DEFAULT_SETTINGS, l))).toEqual([1, 2, 3]);
  });

  it('follows her category actions and advanced thresholds', () => {
    const noInsult: Settings = { ...DEFAULT_SETTINGS, actions: { ...DEFAULT_SETTINGS.actions, insult: 'off' } };
    expect(hiddenAtLevel(page, noInsult, 'strict')).toBe(2);
    const threatOverride: Settings = { ...DEFAULT_SETTINGS, thresholdOverrides: { threat: 0.3 } };
    expect(hiddenAtLevel(page, threatOverride, 'relaxed')).toBe(2);
    expect(thresholdInForce(page, threatOverride, 'threat')).toBe(0.3);
    expect(thresholdInForce(page, threatOverride, 'insult')).toBe(0.6);
  });

  it('counts nothing before the model has answered', () => {
    const waiting = { thresholds: null, scores: [] };
    expect(hiddenAtLevel(waiting, DEFAULT_SETTINGS, 'strict')).toBe(0);
    expect(thresholdInForce(waiting, DEFAULT_SETTINGS, 'threat')).toBeNull();
    expect(parsePageScores({ thresholds: null, scores: 'x' })).toBeNull();
    expect(parsePageScores({ thresholds: THRESHOLDS, scores: [score({}), null] })?.scores).toHaveLength(1);
  });

  it('agrees with the verdict on any page, at any level and any slider value', () => {
    const scores = fc.array(fc.record(Object.fromEntries(LABELS.map((l) => [l, fc.double({ min: 0, max: 1, noNaN: true })])) as Record<keyof Scores, fc.Arbitrary<number>>), { maxLength: 30 });
    fc.assert(
      fc.property(scores, fc.constantFrom(...LEVELS), fc.double({ min: 0.05, max: 0.99, noNaN: true }), (s, l, v) => {
        const p: PageScores = { thresholds: THRESHOLDS, scores: s };
        const at: Settings = { ...DEFAULT_SETTINGS, level: l };
        expect(hiddenAtLevel(p, DEFAULT_SETTINGS, l)).toBe(s.filter((x) => decide(x, THRESHOLDS, at).action !== null).length);
        expect(flaggedByCategoryAt(p, at, 'insult', v)).toBe(s.filter((x) => x.insult >= v).length);
      }),
    );
  });
});
