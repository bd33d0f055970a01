/**
 * Trustworthy evidence and erasing it, end to end in real Chromium with the built extension:
 * - after a JSON export the review page shows its final hash (to send somewhere independent); the
 *   Verify tab (options.html#verify) says "consistent" for that file, with that final hash and what
 *   it proves, "matches" once she pastes the hash, names record 1 for an edited copy, and explains a
 *   file that is not an export;
 * - "Erase everything Bouclier keeps" (options page, Privacy & data) lists what goes, then leaves the
 *   review page (open in another tab) empty, no pile-on record, no identifier, no list, no setting,
 *   no correction, and the open thread back to what a fresh install shows, without reload;
 * - the same pages in French.
 *
 * Nothing depends on which demo comments the shipped model flags, only on at least one being flagged
 * and one left clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, waitForVerdicts, type Harness } from './harness';
import { checkA11y } from './a11y';
import { toJson, type ExportContext } from '../../src/review/evidence';
import type { LogEntry } from '../../src/review/types';

const THREAD_URL = 'https://www.reddit.com/r/france/comments/1demo42/harcelement_en_ligne_enquete/';
const THREAD_HTML = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/demo/reddit-thread.html'), 'utf8');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-erase-'));

let h: Harness;
let page: Page;
let review: Page;
let flagged: { id: string; text: string };
let clean: { id: string; author: string };
let exported: { file: string; finalHash: string; doc: { records: Record<string, unknown>[] } };

const stateOf = (thingid: string) => page.locator(`shreddit-comment[thingid="${thingid}"]`).getAttribute('data-bouclier');
const local = () => h.serviceWorker.evaluate(async () => chrome.storage.local.get(null));
const sync = () => h.serviceWorker.evaluate(async () => chrome.storage.sync.get(null));

async function loadFile(p: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await p.locator('[data-testid="verify-file"]').setInputFiles(file);
  await p.locator('[data-testid="verify-result"]').waitFor();
  return p.locator('[data-testid="verify-result"]');
}

beforeAll(async () => {
  h = await launchExtension();
  page = await h.openFixture(THREAD_URL, THREAD_HTML);
  await page.waitForFunction(() => document.querySelectorAll('shreddit-comment').length === 17);
  await waitForVerdicts(page, 'shreddit-comment');
  const all = await page.$$eval('shreddit-comment', (els) =>
    els.map((e) => ({
      id: e.getAttribute('thingid')!,
      author: e.getAttribute('author')!,
      text: e.querySelector(':scope > [slot="comment"]')?.textContent?.trim() ?? '',
      state: e.getAttribute('data-bouclier'),
    })),
  );
  const f = all.find((c) => c.state === 'flagged');
  const c = all.find((x) => x.state === 'clean' && x.author !== f?.author);
  expect(f, 'the model flagged at least one demo comment').toBeDefined();
  expect(c, 'the model left at least one demo comment clean').toBeDefined();
  flagged = { id: f!.id, text: f!.text };
  clean = { id: c!.id, author: c!.author };
});

afterAll(async () => {
  await h?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('evidence: final hash at export, and the Verify tab', () => {
  it('after a JSON export, the review page shows its final hash to send somewhere independent', async () => {
    review = await h.openExtensionPage('options.html#review');
    await expect.poll(() => review.locator('[data-testid="review-row"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const [dl] = await Promise.all([review.waitForEvent('download'), review.click('[data-testid="export-json"]')]);
    const file = path.join(work, dl.suggestedFilename());
    await dl.saveAs(file);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { finalHash: string; records: Record<string, unknown>[]; hashing: { proves: string } };
    exported = { file, finalHash: doc.finalHash, doc };
    expect(doc.hashing.proves).toContain('only show that the file is internally consistent');

    const anchor = review.locator('[data-testid="export-anchor"]');
    await anchor.waitFor();
    expect(await anchor.locator('[data-testid="export-final-hash"]').inputValue()).toBe(doc.finalHash);
    expect(await anchor.textContent()).toContain('e-mail it to yourself');
    expect(decodeURIComponent((await anchor.locator('[data-testid="export-mail-hash"]').getAttribute('href')) ?? '')).toContain(doc.finalHash);
    await anchor.locator('[data-testid="export-copy-hash"]').click();
    await expect.poll(() => anchor.locator('[data-testid="export-copy-status"]').textContent()).toMatch(/Copied|Could not copy/);
  });

  it('says "consistent" for the exported file, with its final hash and exactly what that proves; "matches" with her recorded hash', async () => {
    const verify = await h.openExtensionPage('options.html#verify');
    const result = await loadFile(verify, exported.file);
    expect(await result.getAttribute('data-verdict')).toBe('ok');
    expect(await result.getAttribute('data-status')).toBe('consistent');
    expect(await result.locator('[data-testid="verify-final-hash"]').getAttribute('data-hash')).toBe(exported.finalHash);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(`Consistent: all ${exported.doc.records.length} records match their hashes and the chain.`);
    expect(text).toContain('unchanged since this final hash was recorded somewhere independent');
    expect(text).toContain('only shows that the file is internally consistent');

    await verify.fill('[data-testid="verify-expected"]', exported.finalHash.toUpperCase());
    await expect.poll(() => result.getAttribute('data-reason')).toBe('match');
    expect(await result.textContent()).toContain('It matches the final hash you recorded');
    expect(await checkA11y(verify)).toEqual([]);
    await verify.close();
  });

  it('names the first broken record of an edited copy, and explains a file that is not an export', async () => {
    const verify = await h.openExtensionPage('options.html#verify');
    const edited = structuredClone(exported.doc);
    edited.records[0]!.text = 'something milder than what she received';
    const result = await loadFile(verify, { name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited, null, 2)) });
    expect(await result.getAttribute('data-verdict')).toBe('fail');
    expect(await result.getAttribute('data-at')).toBe('1');
    expect(await result.textContent()).toContain(`the chain breaks at record 1 of ${edited.records.length}`);

    await verify.locator('[data-testid="verify-file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an export') });
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('unreadable');
    expect(await result.textContent()).toContain('This is not a JSON file.');
    await verify.close();
  });
});

describe('erase everything Bouclier keeps', () => {
  it('with her data in place (a correction, a muted account, identifiers, a pile-on record, settings)', async () => {
    await h.serviceWorker.evaluate(
      async ({ text, mutedAuthor, now }) => {
        await chrome.storage.local.set({
          corrections: [{ id: 'c1', verdict: 'allow', text, platform: 'reddit', author: null, trustAuthor: false, label: 'misogyny', entryId: null, createdAt: now }],
          lists: { trustedAccounts: [{ value: 'amie_fidele', platform: null, addedAt: now }], mutedAccounts: [{ value: mutedAuthor, platform: null, addedAt: now }], mutedWords: [] },
          protect: { ownIdentifiers: ['Marie Dupont', 'rue des Lilas'], ownAccounts: [{ platform: 'reddit', handle: 'marie_dupont' }], lockdowns: {} },
          protectRaidEvents: [{ id: 'pile@1', threadKey: 'https://www.reddit.com/r/france/comments/1demo42', platform: 'reddit', pageUrl: 'https://www.reddit.com/r/france/comments/1demo42/', startedAt: now - 600_000, lastAt: now, accounts: ['raider_1', 'raider_2', 'raider_3', 'raider_4', 'raider_5'], count: 11, lockedAt: null, detectedAt: now }],
        });
        const { settings } = await chrome.storage.sync.get('settings');
        await chrome.storage.sync.set({ settings: { ...(settings as object), disabledSites: ['www.youtube.com'] } });
      },
      { text: flagged.text, mutedAuthor: clean.author, now: Date.now() },
    );
    // The open tab follows at once: her correction lets the flagged comment through, the muted account is hidden.
    await expect.poll(() => stateOf(flagged.id), { timeout: 10_000 }).toBe('clean');
    await expect.poll(() => stateOf(clean.id), { timeout: 10_000 }).toBe('flagged');
    await expect.poll(() => review.locator('[data-testid="review-retention-raids"]').textContent()).toContain('(1 kept)');
  });

  it('lists what will be erased, then erases it: review page empty, no pile-on record, defaults in every open tab', async () => {
    const options = await h.openExtensionPage('options.html');
    await options.locator('[data-testid="erase-all"]').click();
    const confirm = options.locator('[data-testid="erase-confirm"]');
    await confirm.waitFor();
    const rows = options.locator('[data-testid="erase-what"] li');
    await expect.poll(() => rows.count()).toBe(8);
    const logCount = Number(await review.locator('[data-testid="review-count"]').getAttribute('data-total'));
    await expect.poll(() => confirm.textContent()).toContain(`the review log: ${logCount} hidden item(s)`);
    const text = (await confirm.textContent()) ?? '';
    for (const what of ['your corrections', 'pile-on records: 1', 'your private identifiers', 'your own accounts, and your trusted accounts, muted accounts and muted words', 'your settings', 'the sites you enabled yourself', 'caches', 'cannot be undone']) {
      expect(text).toContain(what);
    }
    expect(await checkA11y(options)).toEqual([]);
    await options.locator('[data-testid="erase-confirm-yes"]').click();
    await expect.poll(() => options.locator('[data-testid="erase-result"]').textContent(), { timeout: 15_000 }).toContain('has been erased');

    // Storage: none of her data is left.
    const left = await local();
    for (const key of ['corrections', 'lists', 'protect', 'protectRaidEvents', 'reviewPrefs']) expect(left, key).not.toHaveProperty(key);
    expect(await sync()).not.toHaveProperty('settings');

    // The review page, open in another tab the whole time, shows an empty log.
    await review.locator('[data-testid="review-empty"]').waitFor({ timeout: 10_000 });
    expect(await review.locator('[data-testid="review-count"]').getAttribute('data-total')).toBe('0');
    expect(await review.locator('[data-testid="review-retention-raids"]').textContent()).toContain('(0 kept)');

    // The options page itself: no pile-on record, no identifier.
    await options.locator('[data-testid="raid-events-none"]').waitFor();
    expect(await options.locator('[data-testid="own-identifiers"]').inputValue()).toBe('');

    // The open thread, without reload: her correction and her muted account no longer apply.
    await expect.poll(() => stateOf(flagged.id), { timeout: 10_000 }).toBe('flagged');
    await expect.poll(() => stateOf(clean.id), { timeout: 10_000 }).toBe('clean');

    // A fresh review page agrees.
    const again = await h.openExtensionPage('options.html#review');
    await again.waitForSelector('html[data-review-ready]');
    expect(await again.locator('html').getAttribute('data-review-ready')).toBe('0');
    await again.close();
    await options.close();
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});

describe('in French', () => {
  it('the Verify tab and the erase confirmation speak French', async () => {
    const T0 = Date.UTC(2026, 10, 28, 20, 11, 0);
    const entries: LogEntry[] = [1, 2].map((i) => ({
      id: `x|p|${i}`, platform: 'x', kind: 'comment', pageUrl: 'https://x.com/marie/status/1', thread: 'https://x.com/marie/status/1',
      permalink: `https://x.com/raider_${i}/status/${i}`, author: `raider_${i}`, displayName: null, text: `retourne à la cuisine ${i}`,
      labels: ['misogyny'], scores: { misogyny: 0.95 }, action: 'blur', source: 'model', seenAt: T0, lang: 'fr', firstSeen: T0 + i, lastSeen: T0 + i, seenCount: 1, feedback: null,
    }));
    const ctx = { now: new Date(T0), timeZone: 'Europe/Paris', text: { lang: 'fr', title: '', intro: '', exportedAt: '', timezone: '', count: '', finalHash: '', proves: '', anchorLine: '', verifyHowTo: '', columns: {}, categoryName: (c: string) => c } } as unknown as ExportContext;
    const { json, finalHash } = await toJson(entries, ctx);

    const fr = await launchExtension({ locale: 'fr' });
    try {
      const verify = await fr.openExtensionPage('options.html#verify');
      await verify.getByRole('heading', { name: 'Vérifier un export de preuves' }).waitFor();
      const result = await loadFile(verify, { name: 'preuves.json', mimeType: 'application/json', buffer: Buffer.from(json) });
      const text = (await result.textContent()) ?? '';
      expect(text).toContain('Cohérent : les 2 enregistrements correspondent à leurs empreintes et à la chaîne.');
      expect(text).toContain(`Empreinte finale de ce fichier : ${finalHash}`);
      expect(text).toContain('cela montre seulement que le fichier est cohérent');
      expect(await checkA11y(verify)).toEqual([]);

      const options = await fr.openExtensionPage('options.html');
      await options.getByRole('button', { name: 'Effacer tout ce que Bouclier conserve' }).click();
      const confirm = options.locator('[data-testid="erase-confirm"]');
      await expect.poll(() => confirm.textContent()).toContain('le journal de relecture : 0 élément(s)');
      expect(await confirm.textContent()).toContain('Ceci efface de ce navigateur, définitivement');
      await options.getByRole('button', { name: 'Oui, tout effacer' }).click();
      await expect.poll(() => options.locator('[data-testid="erase-result"]').textContent(), { timeout: 15_000 }).toContain('a été effacé');
      fr.assertNoExternalRequests();
    } finally {
      await fr.close();
    }
  });
});
