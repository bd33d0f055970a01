import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { LABELS, type Scores } from '../../src/classifier/labels.ts';
import { anyFlag, flagsFor, parseModelJson } from '../../src/classifier/thresholds.ts';

const th = (v: number): Scores => Object.fromEntries(LABELS.map((l) => [l, v])) as Scores;
const valid = () => ({
  featurizerVersion: 'bouclier-feat-2',
  labels: [...LABELS],
  thresholds: { relaxed: th(0.8), balanced: th(0.5), strict: th(0.2) },
  defaultLevel: 'balanced',
});

describe('model.json thresholds → flags', () => {
  it('flags a label when its score reaches the level threshold', () => {
    const info = parseModelJson(valid());
    const scores = { ...th(0.1), misogyny: 0.5, threat: 0.3 };
    expect(flagsFor(scores, info.thresholds, 'balanced')).toEqual({ ...Object.fromEntries(LABELS.map((l) => [l, false])), misogyny: true });
    expect(flagsFor(scores, info.thresholds, 'strict').threat).toBe(true);
    expect(anyFlag(flagsFor(scores, info.thresholds, 'relaxed'))).toBe(false);
  });

  it('refuses malformed files with a message naming the field', () => {
    const noLevel = valid() as Record<string, unknown>;
    noLevel['thresholds'] = { relaxed: th(0.8), balanced: th(0.5) };
    expect(() => parseModelJson(noLevel)).toThrow(/thresholds\.strict/);
    const bad = valid();
    bad.thresholds.balanced = { ...th(0.5), threat: 1.5 };
    expect(() => parseModelJson(bad)).toThrow(/balanced\.threat/);
    expect(() => parseModelJson({ ...valid(), labels: ['toxic', 'insult'] })).toThrow(/labels/);
    expect(() => parseModelJson({ ...valid(), defaultLevel: 'paranoid' })).toThrow(/defaultLevel/);
    expect(() => parseModelJson({ ...valid(), featurizerVersion: undefined })).toThrow(/featurizerVersion/);
  });

  const shipped = new URL('../../models/model.json', import.meta.url).pathname;
  it.skipIf(!existsSync(shipped))('the shipped model.json is valid and its levels are ordered strict ≤ balanced ≤ relaxed', () => {
    const info = parseModelJson(JSON.parse(readFileSync(shipped, 'utf8')));
    for (const l of LABELS) {
      expect(info.thresholds.strict[l]).toBeLessThanOrEqual(info.thresholds.balanced[l]);
      expect(info.thresholds.balanced[l]).toBeLessThanOrEqual(info.thresholds.relaxed[l]);
    }
  });
});
