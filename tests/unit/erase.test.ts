/**
 * Erase everything Bouclier keeps (src/store/erase.ts), on WXT's fake browser and fake-indexeddb:
 * every storage area emptied (known keys and any other), the review log gone from IndexedDB, the
 * background's queue dropped first, stores in open pages back to their defaults, and only the
 * extension's own pages may ask for it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { eraseEverything, eraseStoredData, mayErase, storageAreas } from '../../src/store/erase';
import { DB_NAME, countEntries, mergeEntries, openLog } from '../../src/review/log';
import { DEFAULT_SETTINGS, settingsStore, startSettingsSync } from '../../src/store/settings';
import { DEFAULT_LISTS, listsStore, startListsSync } from '../../src/store/lists';
import { DEFAULT_PROTECT, protectStore, startProtectSync } from '../../src/protect/settings';
import { overrideHit, startCorrectionsSync } from '../../src/review/corrections';
import type { EntryInput } from '../../src/review/types';

const NOW = Date.UTC(2026, 10, 28, 20, 0, 0);
const entry = (i: number): EntryInput => ({
  platform: 'reddit',
  kind: 'comment',
  pageUrl: 'https://www.reddit.com/r/france/comments/1demo42/x/',
  thread: 'https://www.reddit.com/r/france/comments/1demo42/x/',
  permalink: `https://www.reddit.com/r/france/comments/1demo42/x/c${i}/`,
  author: `raider_${i}`,
  displayName: null,
  text: `Ferme ta gueule sale pute numéro ${i}`,
  labels: ['misogyny'],
  scores: { misogyny: 0.9 },
  action: 'blur',
  source: 'model',
  seenAt: NOW,
});

/** Everything a used install keeps, one value per key; plus a key no module knows about yet. */
async function seed(): Promise<void> {
  const db = await openLog();
  await mergeEntries(db, [entry(1), entry(2), entry(3)], NOW);
  db.close();
  await fakeBrowser.storage.local.set({
    corrections: [{ id: 'c1', verdict: 'allow', text: 'tu es une vraie pute de clics', platform: 'reddit', author: 'amie', trustAuthor: true, label: 'misogyny', entryId: null, createdAt: NOW }],
    protectRaidEvents: [{ id: 't@1', threadKey: 't', platform: 'reddit', pageUrl: 'https://www.reddit.com/t', startedAt: NOW, lastAt: NOW, accounts: ['raider_1', 'raider_2'], count: 12, lockedAt: null, detectedAt: NOW }],
    protect: { ownIdentifiers: ['Marie Dupont', 'rue des Lilas'], ownAccounts: [{ platform: 'x', handle: 'Marie_Dupont' }], lockdowns: { t: NOW } },
    lists: { trustedAccounts: [{ value: 'amie', platform: null, addedAt: 0 }], mutedAccounts: [{ value: 'troll', platform: null, addedAt: 0 }], mutedWords: [{ value: 'cuisine', platform: null, addedAt: 0 }] },
    reviewPrefs: { retentionDays: 30, lastPrunedAt: NOW },
    someLaterKey: 'anything',
  });
  await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, level: 'strict', disabledSites: ['x.com'] } });
  await fakeBrowser.storage.session.set({ reviewStatus: { error: 'QuotaExceededError', unsaved: 2, dropped: 0, at: NOW }, reviewUnsaved: [entry(9)] });
}

async function everything(): Promise<Record<string, unknown>> {
  return {
    ...(await fakeBrowser.storage.local.get(null)),
    ...(await fakeBrowser.storage.sync.get(null)),
    ...(await fakeBrowser.storage.session.get(null)),
  };
}

const logExists = async (): Promise<boolean> => (await indexedDB.databases()).some((d) => d.name === DB_NAME);

describe('erase everything Bouclier keeps', () => {
  it('open pages and tabs read defaults at once: settings, lists, identifiers, lockdowns, corrections', async () => {
    fakeBrowser.reset();
    await Promise.all([startSettingsSync(), startListsSync(), startProtectSync(), startCorrectionsSync()]);
    await seed();
    await vi.waitFor(() => expect(settingsStore.getState().value.level).toBe('strict'));
    expect(listsStore.getState().value.mutedWords).toHaveLength(1);
    expect(protectStore.getState().value.ownIdentifiers).toEqual(['Marie Dupont', 'rue des Lilas']);
    expect(overrideHit('tu es une vraie pute de clics', 'x', 'reddit')?.verdict).toBe('allow');

    const result = await eraseEverything({ before: async () => undefined });
    expect(result).toEqual({ ok: true, errors: [] });
    expect(settingsStore.getState().value).toEqual(DEFAULT_SETTINGS);
    expect(listsStore.getState().value).toEqual(DEFAULT_LISTS);
    expect(protectStore.getState().value).toEqual(DEFAULT_PROTECT);
    expect(overrideHit('tu es une vraie pute de clics', 'x', 'reddit')).toBeNull();
  });

  it('empties every storage area, known keys and others, and deletes the review log', async () => {
    fakeBrowser.reset();
    await seed();
    expect(Object.keys(await everything()).sort()).toEqual(
      ['corrections', 'lists', 'protect', 'protectRaidEvents', 'reviewPrefs', 'reviewStatus', 'reviewUnsaved', 'settings', 'someLaterKey'].sort(),
    );
    expect(await logExists()).toBe(true);

    const order: string[] = [];
    const before = vi.fn(async () => {
      // The queue goes first, while everything is still there: nothing queued is written back after.
      order.push(`before:${Object.keys(await fakeBrowser.storage.local.get(null)).length}`);
    });
    const after = vi.fn(async () => {
      order.push(`after:${Object.keys(await everything()).length}`);
    });
    const result = await eraseEverything({ before, after });

    expect(result).toEqual({ ok: true, errors: [] });
    expect(order).toEqual(['before:6', 'after:0']);
    expect(await everything()).toEqual({});
    expect(await logExists()).toBe(false);
    // Opened again (the review page, the next write), it is a new, empty log.
    const db = await openLog();
    expect(await countEntries(db)).toBe(0);
    db.close();
  });

  it('a page that keeps the log open and ignores the request to close delays the deletion, never keeps the records', async () => {
    fakeBrowser.reset();
    await seed();
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    stubborn.onversionchange = () => undefined; // does not close
    try {
      const result = await eraseStoredData({ areas: storageAreas(), deleteWaitMs: 50 });
      expect(result.ok).toBe(true);
      const left = await new Promise<number>((resolve) => {
        const req = stubborn.transaction('entries').objectStore('entries').count();
        req.onsuccess = () => resolve(req.result);
      });
      expect(left).toBe(0);
      expect(await everything()).toEqual({});
    } finally {
      stubborn.close();
    }
    // Once it closes, the pending deletion completes.
    await vi.waitFor(async () => expect(await logExists()).toBe(false));
  });

  it('tries every part and says which failed', async () => {
    fakeBrowser.reset();
    await seed();
    const broken = { clear: () => Promise.reject(new Error('QUOTA_BYTES_PER_ITEM')) };
    const result = await eraseStoredData({ areas: [{ name: 'sync', area: broken }, { name: 'local', area: fakeBrowser.storage.local }] });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(['storage.sync: QUOTA_BYTES_PER_ITEM']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('empties Cache Storage when there is one', async () => {
    const names = new Set(['a', 'b']);
    const cacheStorage = { keys: async () => [...names], delete: async (k: string) => names.delete(k) };
    expect((await eraseStoredData({ areas: [], cacheStorage })).ok).toBe(true);
    expect(names.size).toBe(0);
  });

  it('only the extension’s own pages may ask: never a content script (a web page) or another extension', () => {
    const ext = 'chrome-extension://abc/';
    expect(mayErase({ id: 'abc', url: 'chrome-extension://abc/options.html#settings' }, 'abc', ext)).toBe(true);
    expect(mayErase({ id: 'abc', url: 'https://www.reddit.com/r/france/' }, 'abc', ext)).toBe(false);
    expect(mayErase({ id: 'abc' }, 'abc', ext)).toBe(false);
    expect(mayErase({ id: 'other', url: 'chrome-extension://other/options.html' }, 'abc', ext)).toBe(false);
  });
});
