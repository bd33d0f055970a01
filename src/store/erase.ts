/**
 * "Erase everything Bouclier keeps" (options page, Privacy & data): afterwards the extension behaves as
 * freshly installed, in every open tab.
 *
 * What is kept, and where (all of it goes):
 *   IndexedDB "bouclier-review"   the review log (src/review/log.ts)
 *   storage.local                 corrections, pile-on records (protectRaidEvents), her identifiers, own
 *                                 accounts and lockdowns (protect), her lists (lists), review preferences,
 *                                 and any key a later version adds: the area is cleared whole, not key by key
 *   storage.sync                  settings (also gone from her other devices that sync them)
 *   storage.session               write status and entries waiting to be written
 *   memory and caches             the background's write queue, the classifier host's score cache
 *                                 (texts she was shown), Cache Storage if anything ever uses it
 *   scripting + permissions       sites she enabled herself (a Mastodon instance: src/sites/instances.ts)
 *
 * Every open tab follows at once: content scripts and pages read these keys through stores that watch
 * storage.onChanged (src/store/persisted.ts, corrections), so a cleared area is read as defaults.
 *
 * The background does it (message ERASE_MESSAGE, only from the extension's own pages, never from a
 * content script, so no web page can erase her evidence): it first drops its write queue and closes
 * the log, so no queued entry is written back after the erase. If the background does not answer,
 * the page erases the same data itself (same origin).
 */
import { browser } from 'wxt/browser';
import { deleteDB } from 'idb';
import { clearLog, DB_NAME, openLog } from '../review/log';
import { askBackground } from '../messaging/background-protocol';
import type { BackgroundRouter } from '../messaging/background-router';

export const ERASE_MESSAGE = 'erase-everything';

export interface EraseResult {
  ok: boolean;
  /** What could not be erased ("storage.sync: …"); empty when ok. */
  errors: string[];
}

interface ClearableArea {
  clear(): Promise<void>;
}

export interface EraseTargets {
  /** Storage areas emptied whole. */
  areas: { name: string; area: ClearableArea }[];
  /** The review log's database (tests use their own). */
  logName?: string;
  cacheStorage?: Pick<CacheStorage, 'keys' | 'delete'> | null;
  /** How long to wait for the log's deletion when another page keeps it open (its records are gone by then). */
  deleteWaitMs?: number;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The log: emptied through a connection of our own, then deleted. */
async function eraseLog(name: string, waitMs: number): Promise<void> {
  // Emptying first means a page that holds the log open (and does not close on request) can delay the
  // deletion, never keep the records.
  const db = await openLog(name);
  try {
    await clearLog(db);
  } finally {
    db.close();
  }
  // A fresh install has no database at all. If another connection blocks the deletion, it completes
  // when that connection closes; nothing is left in it meanwhile.
  await Promise.race([deleteDB(name), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

/** Erase the stored data (log, storage areas, caches); each part is tried even if another fails. */
export async function eraseStoredData(t: EraseTargets): Promise<EraseResult> {
  const errors: string[] = [];
  const step = async (what: string, job: () => Promise<unknown>) => {
    try {
      await job();
    } catch (e) {
      errors.push(`${what}: ${message(e)}`);
    }
  };
  await step('review log', () => eraseLog(t.logName ?? DB_NAME, t.deleteWaitMs ?? 3000));
  for (const { name, area } of t.areas) await step(`storage.${name}`, () => area.clear());
  const caches = t.cacheStorage;
  if (caches) {
    await step('caches', async () => {
      for (const key of await caches.keys()) await caches.delete(key);
    });
  }
  return { ok: errors.length === 0, errors };
}

/** This browser's storage areas (session where it exists). */
export function storageAreas(): EraseTargets['areas'] {
  const s = browser.storage as unknown as Record<string, ClearableArea | undefined>;
  return (['local', 'sync', 'session'] as const).flatMap((name) => (s[name] ? [{ name, area: s[name] }] : []));
}

const cacheStorage = (): EraseTargets['cacheStorage'] => (typeof caches === 'undefined' ? null : caches);

export interface EraseHooks {
  /** Before the data goes: drop queued writes, close the log (src/review/background.ts). */
  before(): Promise<void>;
  /** After: forget in-memory caches, sites she enabled. */
  after?(): Promise<void>;
}

/** The whole erase, as the background runs it. */
export async function eraseEverything(hooks: EraseHooks, targets: Partial<EraseTargets> = {}): Promise<EraseResult> {
  const errors: string[] = [];
  await hooks.before().catch((e: unknown) => errors.push(`queue: ${message(e)}`));
  const stored = await eraseStoredData({ areas: storageAreas(), cacheStorage: cacheStorage(), ...targets });
  await hooks.after?.().catch((e: unknown) => errors.push(`memory: ${message(e)}`));
  const all = [...errors, ...stored.errors];
  return { ok: all.length === 0, errors: all };
}

/** Only the extension's own pages may ask: a content script's sender URL is the web page's. */
export function mayErase(sender: { id?: string; url?: string }, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

export function registerEraseBackground(router: BackgroundRouter, hooks: EraseHooks): void {
  let running: Promise<EraseResult> | null = null;
  router.on(ERASE_MESSAGE, (_request, sender) => {
    if (!mayErase(sender, browser.runtime.id, browser.runtime.getURL('/' as never))) return;
    // Two clicks (two pages) share one erase.
    running ??= eraseEverything(hooks).finally(() => {
      running = null;
    });
    return running;
  });
}

function isResult(v: unknown): v is EraseResult {
  if (typeof v !== 'object' || v === null) return false;
  const errors: unknown = Reflect.get(v, 'errors');
  return typeof Reflect.get(v, 'ok') === 'boolean' && Array.isArray(errors) && errors.every((e) => typeof e === 'string');
}

/** From an extension page: ask the background; if it does not answer, erase from here. */
export async function requestEraseEverything(): Promise<EraseResult> {
  const answer: unknown = await askBackground({ type: ERASE_MESSAGE });
  if (isResult(answer)) return answer;
  return eraseStoredData({ areas: storageAreas(), cacheStorage: cacheStorage() });
}
