import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DAY_MS, allEntries, clearLog, countEntries, deleteAllUnpinned, deleteEntries, ensureEntries, entryId, mergeEntries, openLog, pruneBefore, retentionCutoff, setFeedback, setPinned } from '../../../src/review/log';
import { getScreenshots, putScreenshot, screenshotDataUrl } from '../../../src/review/screenshots';
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

describe('review log: kept as evidence (pinned)', () => {
  const old = (d: number) => entry({ permalink: `https://www.reddit.com/c/${d}/`, seenAt: NOW - d * DAY_MS });

  it('survives the retention period until she stops keeping it, then goes at the next pass', async () => {
    const db = await fresh();
    await mergeEntries(db, [old(400), old(401), old(1)], NOW);
    const [pinned] = await allEntries(db).then((all) => all.filter((e) => e.permalink === 'https://www.reddit.com/c/400/'));
    expect(await setPinned(db, [pinned!.id], true, NOW)).toHaveLength(1);
    expect(await pruneBefore(db, retentionCutoff(30, NOW)!)).toBe(1);
    expect((await allEntries(db)).map((e) => e.permalink).sort()).toEqual(['https://www.reddit.com/c/1/', 'https://www.reddit.com/c/400/']);
    expect((await allEntries(db)).find((e) => e.id === pinned!.id)!.pinnedAt).toBe(NOW);
    await setPinned(db, [pinned!.id], false, NOW);
    expect(await pruneBefore(db, retentionCutoff(30, NOW)!)).toBe(1);
    expect((await allEntries(db)).map((e) => e.permalink)).toEqual(['https://www.reddit.com/c/1/']);
  });

  it('is not deleted by "delete selected" nor by "delete everything"; erase-everything (clearLog) removes it', async () => {
    const db = await fresh();
    await mergeEntries(db, [old(1), old(2), old(3)], NOW);
    const ids = (await allEntries(db)).map((e) => e.id).sort();
    await setPinned(db, [ids[0]!], true, NOW);
    expect(await deleteEntries(db, [ids[0]!, ids[1]!])).toEqual({ deleted: [ids[1]], pinned: [ids[0]] });
    expect(await deleteAllUnpinned(db)).toBe(1);
    expect((await allEntries(db)).map((e) => e.id)).toEqual([ids[0]]);
    await clearLog(db);
    expect(await countEntries(db)).toBe(0);
  });

  it('pinning again keeps the first pin time', async () => {
    const db = await fresh();
    await mergeEntries(db, [entry()], NOW);
    const id = entryId(entry());
    await setPinned(db, [id], true, NOW);
    expect(await setPinned(db, [id], true, NOW + 5)).toEqual([]);
    expect((await allEntries(db))[0]!.pinnedAt).toBe(NOW);
  });
});

describe('review log: evidence fields and screenshots', () => {
  it('keeps post time, parent, target and screenshot; a later sighting adds what was missing and replaces nothing', async () => {
    const db = await fresh();
    await mergeEntries(db, [entry({ postedAt: '2026-11-28T19:00:00.000Z' })], NOW);
    await mergeEntries(db, [entry({ postedAt: '2026-11-28T18:00:00.000Z', target: 'marie', parent: { permalink: null, author: 'marie', text: 'mon article' } })], NOW + 1);
    const [e] = await allEntries(db);
    expect(e).toMatchObject({ postedAt: '2026-11-28T19:00:00.000Z', target: 'marie', parent: { author: 'marie', text: 'mon article' }, seenCount: 2 });
  });

  it('ensureEntries logs an item kept from the page before its batch was written, without counting a sighting', async () => {
    const db = await fresh();
    const [id] = await ensureEntries(db, [entry()], NOW);
    expect(id).toBe(entryId(entry()));
    await ensureEntries(db, [entry({ target: 'marie' })], NOW);
    expect(await allEntries(db)).toMatchObject([{ seenCount: 1, target: 'marie' }]);
  });

  it('stores a screenshot under the SHA-256 of its bytes, and drops it with the last record that names it', async () => {
    const db = await fresh();
    const bytes = Uint8Array.from([137, 80, 78, 71, 1, 2, 3]);
    const id = await putScreenshot(db, { mime: 'image/png', bytes, capturedAt: NOW });
    expect(id).toBe(createHash('sha256').update(bytes).digest('hex'));
    await mergeEntries(db, [entry({ screenshot: id }), entry({ permalink: 'https://www.reddit.com/c/2/', screenshot: id })], NOW);
    expect(screenshotDataUrl((await getScreenshots(db, [id])).get(id)!)).toBe(`data:image/png;base64,${Buffer.from(bytes).toString('base64')}`);
    await deleteEntries(db, [entryId(entry())]);
    expect((await getScreenshots(db, [id])).size).toBe(1);
    await deleteEntries(db, [entryId(entry({ permalink: 'https://www.reddit.com/c/2/' }))]);
    expect((await getScreenshots(db, [id])).size).toBe(0);
    await expect(putScreenshot(db, { mime: 'image/svg+xml' as 'image/png', bytes })).rejects.toThrow();
  });
});
