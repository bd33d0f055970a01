import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DAY_MS, allEntries, countEntries, entryId, mergeEntries, openLog, pruneBefore, retentionCutoff, setFeedback } from '../../../src/review/log';
import type { EntryInput } from '../../../src/review/types';

let dbn = 0;
const fresh = () => openLog(`test-${++dbn}`);

const NOW = Date.UTC(2026, 10, 28, 20, 0, 0);
function entry(over: Partial<EntryInput> = {}): EntryInput {
  return {
    platform: 'reddit',
    kind: 'comment',
    pageUrl: 'https://www.reddit.com/r/france/comments/1demo42/x/',
    thread: 'https://www.reddit.com/r/france/comments/1demo42/x/',
    permalink: 'https://www.reddit.com/r/france/comments/1demo42/x/demo001/',
    author: 'throwaway_8812',
    displayName: null,
    text: 'Ferme ta gueule sale pute, retourne à la cuisine.',
    labels: ['misogyny', 'insult'],
    scores: { misogyny: 0.93, insult: 0.88 },
    action: 'blur',
    source: 'model',
    seenAt: NOW,
    ...over,
  };
}

describe('review log: de-duplication', () => {
  it('keeps one record per platform + permalink, counting sightings and keeping the first time and text', async () => {
    const db = await fresh();
    await mergeEntries(db, [entry()], NOW);
    await mergeEntries(db, [entry({ seenAt: NOW + 60_000 }), entry({ seenAt: NOW + 120_000, text: 'edited later' })], NOW + 200_000);
    const all = await allEntries(db);
    expect(all).toHaveLength(1);
    expect(all[0]!.firstSeen).toBe(NOW);
    expect(all[0]!.lastSeen).toBe(NOW + 120_000);
    expect(all[0]!.seenCount).toBe(3);
    expect(all[0]!.text).toBe('Ferme ta gueule sale pute, retourne à la cuisine.');
  });

  it('ignores the #fragment of a permalink, but the same permalink on another platform is another record', async () => {
    const db = await fresh();
    await mergeEntries(db, [entry(), entry({ permalink: entry().permalink + '#reply' }), entry({ platform: 'x' })], NOW);
    expect(await countEntries(db)).toBe(2);
  });

  it('without a permalink, dedups on author + normalised text (obfuscation and case fold together)', async () => {
    const db = await fresh();
    await mergeEntries(
      db,
      [
        entry({ permalink: null, text: 'sale pute' }),
        entry({ permalink: null, text: 'SALE  P U T E !!' }),
        entry({ permalink: null, text: 's4le pute' }),
        entry({ permalink: null, text: 'sale pute', author: 'someone_else' }),
        entry({ permalink: null, text: 'retourne à la cuisine' }),
      ],
      NOW,
    );
    expect(await countEntries(db)).toBe(3);
    expect(entryId(entry({ permalink: null, text: 'Sale Pute' }))).toBe(entryId(entry({ permalink: null, text: 'sale pute' })));
  });

  it('stores the detected language and keeps her feedback across later sightings', async () => {
    const db = await fresh();
    await mergeEntries(db, [entry()], NOW);
    const id = entryId(entry());
    await setFeedback(db, [id], 'not_abusive');
    await mergeEntries(db, [entry({ seenAt: NOW + 1 })], NOW + 2);
    const [e] = await allEntries(db);
    expect(e!.lang).toBe('fr');
    expect(e!.feedback).toBe('not_abusive');
  });
});

describe('review log: retention', () => {
  it('deletes records first seen before the cutoff and keeps the rest', async () => {
    const db = await fresh();
    const ages = [0, 10, 29, 31, 89, 91, 400];
    await mergeEntries(
      db,
      ages.map((d) => entry({ permalink: `https://www.reddit.com/c/${d}/`, seenAt: NOW - d * DAY_MS })),
      NOW,
    );
    const deleted = await pruneBefore(db, retentionCutoff(30, NOW)!);
    expect(deleted).toBe(4);
    const left = (await allEntries(db)).map((e) => Math.round((NOW - e.firstSeen) / DAY_MS)).sort((a, b) => a - b);
    expect(left).toEqual([0, 10, 29]);
  });

  it('"forever" has no cutoff; 90 and 365 days cut where expected', async () => {
    expect(retentionCutoff(0, NOW)).toBeNull();
    expect(retentionCutoff(90, NOW)).toBe(NOW - 90 * DAY_MS);
    const db = await fresh();
    await mergeEntries(db, [entry({ permalink: 'https://www.reddit.com/a/', seenAt: NOW - 364 * DAY_MS }), entry({ permalink: 'https://www.reddit.com/b/', seenAt: NOW - 366 * DAY_MS })], NOW);
    expect(await pruneBefore(db, retentionCutoff(365, NOW)!)).toBe(1);
    expect((await allEntries(db)).map((e) => e.permalink)).toEqual(['https://www.reddit.com/a/']);
  });
});
