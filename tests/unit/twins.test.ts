/**
 * Gender-swapped twins of our contrast sentences (training/lab/twins.ts, tried and not kept): the lab trainer
 * asks a sentence and its twin to score alike, so each twin must say the same thing about a man or men, be training material
 * only (train split, no label) and point at its original.
 */
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/classifier/labels';
import { TWIN_SOURCE, swapGender, twinRows } from '../../training/lab/twins';
import { suiteKey } from '../../training/build/suite';
import type { Row } from '../../training/build/types';

const nothing = Object.fromEntries(LABELS.map((l) => [l, 0])) as Row['labels'];
const hostile = { ...nothing, misogyny: 1, toxic: 1 } as Row['labels'];
const row = (id: string, text: string, lang: 'en' | 'fr', extra: Partial<Row> = {}): Row => ({
  id,
  text,
  lang,
  source: 'bouclier-contrast',
  split: 'train',
  labels: nothing,
  kind: 'neutral_women',
  ...extra,
});

describe('gender swap', () => {
  it('turns women into men in English, "her" into "him" or "his" by what follows', () => {
    expect(swapGender('The women on that panel were the sharpest people in the room.', 'en')).toBe('The men on that panel were the sharpest people in the room.');
    expect(swapGender('She told her sister to call her.', 'en')).toBe('He told his brother to call him.');
    expect(swapGender('Leave her alone, SHE did nothing wrong', 'en')).toBe('Leave him alone, HE did nothing wrong');
    expect(swapGender('Tell her, then go.', 'en')).toBe('Tell him, then go.');
  });

  it('turns femmes into hommes in French, with the article before the noun', () => {
    expect(swapGender('Ma mère et mes sœurs sont ingénieures.', 'fr')).toBe('Mon père et mes frères sont ingénieures.');
    expect(swapGender('La femme de ménage et cette fille : elle a raison.', 'fr')).toBe("L'homme de ménage et ce garçon : il a raison.");
    expect(swapGender('Une femme présidente ? Et pourquoi pas.', 'fr')).toBe('Un homme présidente ? Et pourquoi pas.');
  });

  it('leaves a sentence that names no woman as it is', () => {
    expect(swapGender('Putain, encore en retard ce matin.', 'fr')).toBe('Putain, encore en retard ce matin.');
    expect(swapGender('You are so wrong about this.', 'en')).toBe('You are so wrong about this.');
    expect(swapGender('The theremin is her favourite instrument', 'en')).toBe('The theremin is his favourite instrument');
  });
});

describe('twin rows', () => {
  const rows: Row[] = [
    row('a1', 'The women on that panel were brilliant.', 'en'),
    row('a2', 'Women should stay in the kitchen.', 'en', { labels: hostile, kind: 'hate_no_slur' }),
    row('a3', 'Elle a raison sur toute la ligne.', 'fr', { split: 'dev' }),
    row('a4', 'Encore en retard, ce bus.', 'fr'),
    row('a5', 'women are great', 'en', { source: 'edos' }),
    row('a6', 'Men on that panel were brilliant.', 'en'),
    row('a7', 'My girlfriend cooks better than me.', 'en'),
    row('a8', 'The women of the team won.', 'en'),
    row('a9', 'The men of the team won.', 'en', { source: 'jigsaw' }),
  ];
  const suite = new Set([suiteKey('My boyfriend cooks better than me.')]);
  const twins = twinRows(rows, suite);

  it('makes one for each train contrast sentence about women, unlabelled, pointing at its original', () => {
    expect(twins.map((t) => [t.twinOf, t.text])).toEqual([
      ['a1', 'The men on that panel were brilliant.'],
      ['a2', 'Men should stay in the kitchen.'],
    ]);
    for (const t of twins) {
      expect(t.source).toBe(TWIN_SOURCE);
      expect(t.split).toBe('train');
      expect(Object.values(t.labels).every((v) => v === null)).toBe(true);
    }
    expect(twins.map((t) => t.twinHostile)).toEqual([false, true]);
    expect(new Set(twins.map((t) => t.id)).size).toBe(twins.length);
  });

  it('none for dev or public rows, for a sentence that names no woman, for a text already there or in the suite', () => {
    const of = new Set(twins.map((t) => t.twinOf));
    expect(of.has('a3')).toBe(false); // dev
    expect(of.has('a4')).toBe(false); // nothing to swap
    expect(of.has('a5')).toBe(false); // a public set's row
    expect(of.has('a6')).toBe(false);
    expect(of.has('a7')).toBe(false); // its twin is a functional-suite case
    expect(of.has('a8')).toBe(false); // its twin is a row already
  });
});
