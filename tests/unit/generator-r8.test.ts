/**
 * The sexual-threat / sexual-harassment generated families (training/generators/templates-r8.ts) are opt-in:
 * without the flag the generator gives exactly the rows of the shipped model; with it, the other rows are
 * unchanged, and every held-out (dev/test) hostile family of that set has at least two training families of
 * the same sort.
 */
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../training/generators/generate.ts';

describe('opt-in sexual-threat / sexual-harassment generated families', () => {
  const base = generateRows({ perFamily: 20 });
  const withR8 = generateRows({ perFamily: 20, r8: true });
  const r8 = withR8.filter((r) => r.splitKey?.includes(':x8:'));

  it('are off by default and leave the other rows unchanged', () => {
    expect(base.some((r) => r.splitKey?.includes(':x8:'))).toBe(false);
    expect(withR8.slice(0, base.length)).toEqual(base);
    expect(r8.length).toBe(withR8.length - base.length);
  });

  it('label sexual threats as threat + sexual + misogyny and harmless kinds as 0', () => {
    expect(r8.length).toBeGreaterThan(0);
    for (const r of r8) {
      if (r.kind === 'hostile_threat') expect(r.labels).toMatchObject({ threat: 1, sexual: 1, misogyny: 1, toxic: 1 });
      else if (r.kind === 'hostile_sexual') expect(r.labels).toMatchObject({ threat: 0, sexual: 1, misogyny: 1, toxic: 1 });
      else expect(Object.values(r.labels).every((v) => v === 0)).toBe(true);
    }
  });

  it('hold out no hostile family that is the only one of its sort', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const kind of ['hostile_threat', 'hostile_sexual'] as const) {
        const fams = new Map<string, string>();
        for (const r of r8) if (r.lang === lang && r.kind === kind) fams.set(r.splitKey!, r.officialSplit!);
        const splits = [...fams.values()];
        expect(splits.filter((s) => s === 'train').length).toBeGreaterThanOrEqual(2);
        expect(splits).toContain('test');
        expect(splits).toContain('dev');
      }
    }
  });
});
