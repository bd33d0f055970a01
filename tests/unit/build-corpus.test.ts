/**
 * The pretraining corpus builder: the same sample every run, and one spelling for the placeholders that each
 * corpus uses for mentions and links (so pretraining does not learn four names for "a user").
 */
import { describe, expect, it } from 'vitest';
import { featureTokens } from '../../src/classifier/featurize.ts';
import { strideSample, unifyPlaceholders } from '../../training/lab/build-corpus.ts';

describe('build-corpus', () => {
  it('samples the same lines every run, spread over the whole corpus', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const a = strideSample(lines, 10);
    expect(a).toEqual(strideSample(lines, 10));
    expect(a).toHaveLength(10);
    expect(a[0]).toBe('line 0');
    expect(a[9]).toBe('line 900');
    expect(strideSample(lines.slice(0, 3), 10)).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('maps every corpus placeholder for users and links to one form', () => {
    const forms = ['@user merci', 'USER merci', '@XXX merci'].map(unifyPlaceholders);
    expect(new Set(forms).size).toBe(1);
    const links = ['voir URL', 'voir url_path'].map(unifyPlaceholders);
    expect(new Set(links).size).toBe(1);
    // A real word that merely contains a placeholder is left alone.
    expect(unifyPlaceholders('USERNAME and URLs')).toBe('USERNAME and URLs');
  });

  it('gives placeholders the features of a real mention and a real link', () => {
    expect(featureTokens(unifyPlaceholders('@user merci'))).toEqual(featureTokens('@someone merci'));
  });
});
