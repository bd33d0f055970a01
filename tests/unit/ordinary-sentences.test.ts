/**
 * Ordinary sentences from the unlabelled corpora as weak negatives (training/datasets/ordinary.ts), on small
 * corpora written here: what is kept (plain sentences of 4–40 words, no profanity-list word, no group word),
 * that trained and held-out sentences never meet, that the corpora of a language take turns, and that a
 * labelled row of the same text keeps its own labels. Needs no ../shared.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRows } from '../../training/build-dataset.ts';
import { ORDINARY_SOURCE, ordinaryHeldOut, ordinaryRows } from '../../training/datasets/ordinary.ts';

const tmp = mkdtempSync(join(tmpdir(), 'bouclier-ordinary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const EN = ['en-tweeteval-nontoxic', 'en-sentiment140'];
const FR = ['fr-tremolo-tweets-sample', 'fr-allocine-tv-reviews', 'fr-assemblee-debats-cv', 'fr-theatre-cv', 'fr-literature-cv'];

/** A corpora folder: each corpus gets `n` plain numbered sentences plus the given extra lines. */
function corpora(name: string, n: number, extra: Record<string, string[]> = {}): string {
  const dir = join(tmp, name);
  for (const c of [...EN, ...FR]) {
    const fr = c.startsWith('fr');
    const lines = Array.from({ length: n }, (_, i) => (fr ? `le train numéro ${i} part du quai ${c.length} ce matin` : `the bus number ${i} leaves stop ${c.length} at noon`));
    mkdirSync(join(dir, c), { recursive: true });
    writeFileSync(join(dir, c, `${c}.txt.gz`), gzipSync([...lines, ...(extra[c] ?? [])].join('\n') + '\n'));
  }
  return dir;
}

describe('ordinary sentences', () => {
  const unwanted = ['what a fucking mess this bus is today', 'the women on the bus were lovely today', 'elle arrive au quai ce matin avec le train', 'ok', 'trop court ici'];
  const dir = corpora('mixed', 200, { 'en-sentiment140': unwanted.slice(0, 2), 'fr-theatre-cv': unwanted.slice(2) });

  it('keeps plain sentences only, all labels 0, in the train split, both languages, corpora taking turns', () => {
    const rows = ordinaryRows(50, dir);
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.source === ORDINARY_SOURCE && r.officialSplit === 'train')).toBe(true);
    expect(rows.every((r) => Object.values(r.labels).every((v) => v === 0))).toBe(true);
    expect(rows.filter((r) => r.lang === 'en')).toHaveLength(50);
    for (const t of unwanted) expect(rows.some((r) => r.text === t)).toBe(false);
    // Turns: the first two English rows come from the two English corpora, the first five French from the five.
    expect(new Set(rows.filter((r) => r.lang === 'en').slice(0, 2).map((r) => r.kind))).toEqual(new Set(EN));
    expect(new Set(rows.filter((r) => r.lang === 'fr').slice(0, 5).map((r) => r.kind))).toEqual(new Set(FR));
    expect(ordinaryRows(50, dir)).toEqual(rows); // deterministic
  });

  it('never measures on a sentence it could train on; unfiltered held-out sentences include the rude ones', () => {
    const trained = new Set(ordinaryRows(1000, dir).map((r) => r.text));
    const held = ordinaryHeldOut(1000, true, dir);
    expect(held.length).toBeGreaterThan(0);
    expect(held.some((h) => trained.has(h.text))).toBe(false);
    const asTheyCome = ordinaryHeldOut(1000, false, dir);
    expect(asTheyCome.length).toBeGreaterThanOrEqual(held.length);
    expect(asTheyCome.some((h) => trained.has(h.text))).toBe(false);
  });

  it('yields to a labelled row of the same text, whichever comes first', () => {
    // A text whose hash puts it among the sentences that may be trained on.
    const threat = 'on sait où tu gares ta voiture le soir, fais attention';
    const d = corpora('collide', 50, { 'fr-tremolo-tweets-sample': [threat] });
    expect(ordinaryRows(1000, d).some((r) => r.text === threat)).toBe(true);
    const contrast = join(tmp, 'contrast');
    mkdirSync(contrast, { recursive: true });
    writeFileSync(join(contrast, 'c.jsonl'), JSON.stringify({ text: threat, lang: 'fr', family: 'veiled_threat', hostile: 1, labels: ['threat'], target: 'woman' }) + '\n');
    const datasets = join(import.meta.dirname, '..', 'fixtures', 'datasets');
    const { rows, stats } = buildRows({ datasetsDir: datasets, contrastDir: contrast, generated: false, ordinary: 1000, corporaDir: d, log: () => {} });
    expect(stats.read[ORDINARY_SOURCE]).toBeGreaterThan(0);
    const same = rows.filter((r) => r.text === threat);
    expect(same).toHaveLength(1);
    expect(same[0]!.source).toBe('bouclier-contrast');
    // Labels the sentence's author did not list stay unknown: the ordinary copy does not make them 0.
    expect(same[0]!.labels).toMatchObject({ threat: 1, misogyny: null, insult: null });
    expect(rows.filter((r) => r.source === ORDINARY_SOURCE).every((r) => r.split === 'train')).toBe(true);
  });

  it('reads whichever corpora of a language the folder holds, and says so when a language has none', () => {
    const d = corpora('partial', 40);
    rmSync(join(d, 'fr-literature-cv'), { recursive: true });
    const rows = ordinaryRows(100, d);
    expect(rows.some((r) => r.kind === 'fr-literature-cv')).toBe(false);
    expect(rows.filter((r) => r.lang === 'fr').length).toBeGreaterThan(0);
    for (const c of EN) rmSync(join(d, c), { recursive: true });
    expect(() => ordinaryRows(100, d)).toThrow(/no en corpus in .*partial/);
  });

  it('is off by default outside the shared datasets folder, so a fixture build is the same with or without the corpora', () => {
    const datasets = join(import.meta.dirname, '..', 'fixtures', 'datasets');
    const { stats } = buildRows({ datasetsDir: datasets, contrast: false, generated: false, log: () => {} });
    expect(stats.read[ORDINARY_SOURCE]).toBeUndefined();
  });
});
