/**
 * Evidence she can hand over, end to end in real Chromium with the built extension:
 * - items reach the log through the same messages the in-page menu uses ("review-pin",
 *   "review-not-abuse"), and an open review page shows them without reloading (no polling);
 * - a record she keeps as evidence survives a shorter retention period and "delete";
 * - a record with the platform's post time, the post it answers, the account it targets and a
 *   screenshot shows them in review, and the exports carry them (the JSON verifies with node:crypto);
 * - items she marked "not abusive" are left out until she includes them, then with her feedback;
 * - the French CSV opens as columns (";" and a BOM); the report in French and in English holds no
 *   stored id; a per-account dossier exports just that account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchExtension, type Harness } from './harness';
import { parseCsv } from '../helpers/csv';
import { checkA11y } from './a11y';

const DAY = 86_400_000;
const NOW = Date.now();
const THREAD = 'https://x.com/marie_journaliste/status/1800000000000000001';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest();

const base = (n: number, over: Record<string, unknown> = {}) => ({
  platform: 'x', kind: 'comment', pageUrl: THREAD, thread: THREAD, permalink: `https://x.com/raider_${n}/status/18000000000000001${n}0`,
  author: `raider_${n}`, displayName: null, text: `Retourne à la cuisine, sale ${'#'.repeat(n)} on sait où tu habites`, labels: ['threat', 'misogyny'],
  scores: { threat: 0.91, misogyny: 0.72, toxic: 0.4 }, action: 'collapse', source: 'model', seenAt: NOW - DAY, ...over,
});

let h: Harness;
let review: Page;
let shotId = '';
/** Old, kept as evidence, with every piece of evidence. */
let kept: ReturnType<typeof base> & { postedAt: string };
/** Old, not kept: retention takes it. */
const old = base(2, { seenAt: NOW - 400 * DAY, labels: ['insult'], scores: { insult: 0.8 }, action: 'blur' });
/** Recent, marked "not abusive" by her. */
const allowed = base(3, { text: 'Question sur ton appareil photo, tu utilises quel objectif ?', labels: ['misogyny'], scores: { misogyny: 0.55 }, action: 'blur' });
/** Recent, by the same account as `kept`: its dossier holds both. */
const sameAccount = base(1, { permalink: 'https://x.com/raider_1/status/1800000000000000999', text: 'Et ça continue, sale menteuse', seenAt: NOW - 2 * DAY });

async function send(msg: unknown): Promise<{ ok: boolean; id?: string; pinnedAt?: number | null; feedback?: string | null }> {
  return review.evaluate((m) => chrome.runtime.sendMessage(m), msg as never);
}

async function grab(sel: string): Promise<{ name: string; body: string }> {
  const [dl] = await Promise.all([review.waitForEvent('download'), review.click(sel)]);
  return { name: dl.suggestedFilename(), body: fs.readFileSync((await dl.path())!, 'utf8') };
}

async function total(): Promise<number> {
  return Number(await review.locator('[data-testid="review-count"]').getAttribute('data-total'));
}

const row = (permalink: string) => review.locator(`[data-testid="review-row"][data-permalink="${permalink}"]`);

/** Text a reader of the report sees, without page texts, links, handles and hashes. */
function visibleWords(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/g, '')
    .replace(/<div class="verify">[\s\S]*?<\/div>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\w.]+/g, ' ')
    .replace(/\b[0-9a-f]{64}\b/g, ' ');
}

beforeAll(async () => {
  h = await launchExtension();
  review = await h.openExtensionPage('options.html#review');
  await review.waitForSelector('html[data-review-ready="0"]');
  // A screenshot as the capture would store it: PNG bytes under their SHA-256, in the log's own database.
  shotId = await review.evaluate(async () => {
    const canvas = new OffscreenCanvas(120, 40);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#b00020';
    g.fillRect(0, 0, 120, 40);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    const id = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('bouclier-review');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('screenshots', 'readwrite');
        tx.objectStore('screenshots').put({ id, mime: 'image/png', bytes, width: 120, height: 40, capturedAt: Date.now() });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    return id;
  });
  const postedAt = new Date(NOW - 400 * DAY - 3_600_000).toISOString();
  kept = Object.assign(base(1, {
    seenAt: NOW - 400 * DAY,
    parent: { permalink: THREAD, author: 'marie_journaliste', text: 'Mon enquête sur le cyberharcèlement' },
    target: 'marie_journaliste',
    screenshot: shotId,
  }), { postedAt });
});

afterAll(async () => {
  await h?.close();
});

describe('keep as evidence and "not abusive" through the messages the in-page menu uses', () => {
  it('log, pin and mark items; the open review page shows each change without reloading', async () => {
    const pinned = await send({ type: 'review-pin', pinned: true, entry: kept });
    expect(pinned).toMatchObject({ ok: true, feedback: null });
    expect(pinned.pinnedAt).toBeTypeOf('number');
    expect(await send({ type: 'review-pin', pinned: false, entry: old })).toMatchObject({ ok: true, pinnedAt: null });
    expect(await send({ type: 'review-not-abuse', entry: allowed })).toMatchObject({ ok: true, feedback: 'not_abusive' });
    expect(await send({ type: 'review-pin', pinned: false, entry: sameAccount })).toMatchObject({ ok: true });
    await expect.poll(total, { timeout: 10_000 }).toBe(4);
    await expect.poll(() => row(kept.permalink).getAttribute('data-pinned')).toBe('true');
    expect(await row(allowed.permalink).getAttribute('data-feedback')).toBe('not_abusive');
    expect(await row(kept.permalink).locator('.badge.kept').textContent()).toBe('kept as evidence');
  });

  it('details show the post time beside first seen, the parent, the target and the screenshot as an image', async () => {
    await row(kept.permalink).locator('[data-action="details"]').click();
    const d = review.locator('[data-testid="review-detail"]');
    expect(await d.locator('[data-field="postedAt"]').getAttribute('data-iso')).toBe(kept.postedAt);
    expect(await d.locator('[data-field="firstSeen"]').count()).toBe(1);
    expect(await d.locator('[data-field="parent"]').textContent()).toContain('Mon enquête sur le cyberharcèlement');
    expect(await d.locator('[data-field="target"]').textContent()).toBe('@marie_journaliste');
    expect(await d.locator('[data-field="reason"]').textContent()).toBe('threat');
    expect(await d.locator('[data-field="kept"]').textContent()).toMatch(/\d{4}/);
    expect(await d.locator('[data-field="scores"]').textContent()).toBe('threat 0.91 · misogyny 0.72 · toxic language 0.40');
    const img = d.locator('[data-testid="review-screenshot"] img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(120);
    expect(await checkA11y(review)).toEqual([]);
  });

  it('survives a shorter retention period and "delete"; the record not kept goes', async () => {
    await review.selectOption('[data-testid="review-retention"]', '30');
    await expect.poll(total, { timeout: 10_000 }).toBe(3);
    expect(await row(old.permalink).count()).toBe(0);
    expect(await row(kept.permalink).count()).toBe(1);

    await row(kept.permalink).locator('input[type="checkbox"]').check();
    await review.click('[data-testid="review-delete-selected"]');
    await expect.poll(() => review.locator('[data-testid="review-notice"]').textContent()).toContain('1 item(s) kept as evidence were not deleted');
    expect(await total()).toBe(3);
    await row(kept.permalink).locator('input[type="checkbox"]').uncheck();
  });
});

describe('exports', () => {
  it('JSON: post time, parent, target and screenshot reference are in the hashed record; "not abusive" is left out', async () => {
    const json = await grab('[data-testid="export-json"]');
    const doc = JSON.parse(json.body) as { version: number; finalHash: string; records: Record<string, unknown>[] };
    expect(doc.version).toBe(2);
    expect(doc.records.map((r) => r.permalink).sort()).toEqual([kept.permalink, sameAccount.permalink].sort());
    const k = doc.records.find((r) => r.permalink === kept.permalink)!;
    expect(k).toMatchObject({ v: 2, postedAtUtc: kept.postedAt, screenshot: shotId, target: 'marie_journaliste', keptAsEvidence: true, mainReason: 'threat' });
    expect(k.canonical as string).toContain(`"screenshot":"${shotId}"`);
    let prev = Buffer.alloc(32);
    for (const r of doc.records) {
      const rh = sha(r.canonical as string);
      expect(rh.toString('hex')).toBe(r.recordHash);
      prev = sha(Buffer.concat([prev, rh]));
    }
    expect(prev.toString('hex')).toBe(doc.finalHash);
  });

  it('French CSV opens as columns (";" and a BOM), with post time and screenshot; her "not abusive" item only when she includes it, with her feedback', async () => {
    await review.selectOption('[data-testid="review-export-lang"]', 'fr');
    const csv = await grab('[data-testid="export-csv"]');
    expect(csv.body.startsWith('\uFEFF"N°";"Plateforme";"Type";')).toBe(true);
    const table = parseCsv(csv.body.slice(1), ';');
    expect(table).toHaveLength(3);
    expect(new Set(table.map((r) => r.length))).toEqual(new Set([table[0]!.length]));
    const col = (hdr: string) => table.slice(1).map((r) => r[table[0]!.indexOf(hdr)]);
    const at = col('Lien permanent').indexOf(kept.permalink);
    expect(col('Publié sur la plateforme (UTC)')[at]).toBe(kept.postedAt);
    expect(col("Capture d'écran (SHA-256 de l'image)")[at]).toBe(shotId);
    expect(col('Motif principal')[at]).toBe('menace');
    expect(col('Action')[at]).toBe('replié');

    await review.check('[data-testid="export-include-not-abusive"]');
    const all = parseCsv((await grab('[data-testid="export-csv"]')).body.slice(1), ';');
    expect(all).toHaveLength(4);
    const fb = all.find((r) => r.includes(allowed.permalink))!;
    expect(fb[all[0]!.indexOf("Avis de l'utilisatrice")]).toBe("marqué non abusif par l'utilisatrice");
    expect(fb[all[0]!.indexOf('Avis donné le')]).toMatch(/\d{4}/);
    await review.uncheck('[data-testid="export-include-not-abusive"]');
  });

  it('the printable report holds no stored id, in French and in English, and shows the screenshot', async () => {
    for (const lang of ['fr', 'en'] as const) {
      await review.selectOption('[data-testid="review-export-lang"]', lang);
      const { body } = await grab('[data-testid="export-html"]');
      expect(body).toContain(`<html lang="${lang}">`);
      expect(body.indexOf('<section class="summary">')).toBeLessThan(body.indexOf('<article'));
      expect(body).toMatch(/<img class="shot" src="data:image\/png;base64,/);
      const ids = lang === 'fr' ? /\b(blur|collapse|remove|model|correction|comment|dm|und|threat|misogyny|toxic)\b|[a-z]_[a-z]/ : /\b(blur|collapse|remove|model|correction|dm|und)\b|[a-z]_[a-z]/;
      expect(visibleWords(body).match(ids)).toBeNull();
    }
  });

  it('a per-account dossier lists and exports just that account', async () => {
    await review.click('[data-testid="review-view-accounts"]');
    const account = review.locator('[data-testid="review-account"][data-key="x|raider_1"]');
    expect(await account.getAttribute('data-count')).toBe('2');
    await account.getByRole('button').click();
    await review.locator('[data-testid="review-dossier"]').waitFor();
    expect(await review.locator('[data-testid="review-dossier-summary"]').textContent()).toMatch(/^2 item\(s\), first seen /);
    expect(await review.locator('[data-testid="review-row"]').count()).toBe(2);
    const json = await grab('[data-testid="export-json"]');
    expect(json.name).toMatch(/^bouclier-dossier-raider_1-en-/);
    const doc = JSON.parse(json.body) as { dossier: unknown; records: { author: string }[] };
    expect(doc.dossier).toEqual({ platform: 'x', author: 'raider_1' });
    expect(doc.records.map((r) => r.author)).toEqual(['raider_1', 'raider_1']);
    expect(await checkA11y(review)).toEqual([]);
    await review.click('[data-testid="review-dossier-close"]');
  });

  it('made no network request', () => {
    h.assertNoExternalRequests();
  });
});
