import { describe, expect, it } from 'vitest';
import { formatToHerSummary, toHerSummary } from '../../scripts/lib/functional-summary.ts';
import type { FunctionalCase } from '../functional/load-cases.ts';

function fc(id: string, lang: 'en' | 'fr', expected: 'flag' | 'pass', toHer?: boolean): FunctionalCase {
  const c: FunctionalCase = {
    id,
    lang,
    function: expected === 'flag' ? 'insult_personal' : 'good_wish',
    expected,
    labels: expected === 'flag' ? ['insult'] : [],
    text: id,
    source: `synthetic:${id}`,
  };
  return toHer === undefined ? c : { ...c, toHer };
}

describe('toHerSummary (replies written to her)', () => {
  // Flagged by the level under test: en-h1, en-h2, en-ok1, en-about (not to her), fr-h1.
  const hidden = new Set(['en-h1', 'en-h2', 'en-ok1', 'en-about', 'fr-h1']);
  const cases = [
    fc('en-h1', 'en', 'flag', true),
    fc('en-h2', 'en', 'flag', true),
    fc('en-h3', 'en', 'flag', true),
    fc('en-h4', 'en', 'flag', true),
    fc('en-ok1', 'en', 'pass', true),
    fc('en-ok2', 'en', 'pass', true),
    fc('en-about', 'en', 'flag'),
    fc('en-not', 'en', 'pass', false),
    fc('fr-h1', 'fr', 'flag', true),
  ];
  const rows = toHerSummary(cases, (c) => hidden.has(c.id));

  it('counts only cases marked toHer, hostile caught and harmless kept per language', () => {
    expect(rows.find((r) => r.lang === 'en')).toEqual({
      lang: 'en',
      hostile: 4,
      caught: 2,
      harmless: 2,
      kept: 1,
      caughtShare: 0.5,
      keptShare: 0.5,
    });
    const fr = rows.find((r) => r.lang === 'fr');
    expect(fr).toMatchObject({ hostile: 1, caught: 1, caughtShare: 1, harmless: 0, kept: 0 });
    expect(fr?.keptShare).toBeNaN();
  });

  it('prints the counts and percentages a reader compares with the 90 % target', () => {
    const text = formatToHerSummary(rows);
    const [header, en, fr] = text.split('\n');
    expect(header).toMatch(/lang\s+hostile n\s+caught\s+harmless n\s+kept/);
    expect(en?.split(/\s+/)).toEqual(['en', '4', '50.0%', '2', '50.0%']);
    expect(fr?.split(/\s+/)).toEqual(['fr', '1', '100.0%', '0', 'n/a']);
  });
});
