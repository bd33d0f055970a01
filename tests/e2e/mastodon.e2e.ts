/**
 * Mastodon instances live on any domain, so Bouclier has no host permission for them up front.
 * From the popup she enables one instance: the browser grants that one origin (here pre-granted in a
 * copy of the build, since an automated browser cannot click the native permission prompt), the
 * background registers the content script for it and injects it into the open tab, and Mastodon's
 * markup is recognised by the adapter's `detect` marker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, launchExtension, waitForVerdicts, type Harness } from './harness';
import { PLATFORM_FIXTURES } from '../fixtures/platforms/index';

const fixture = PLATFORM_FIXTURES.find((f) => f.platform === 'mastodon' && f.kind === 'comment')!;
const dmFixture = PLATFORM_FIXTURES.find((f) => f.platform === 'mastodon' && f.kind === 'dm')!;
const conversationsFixture = PLATFORM_FIXTURES.find((f) => f.platform === 'mastodon' && f.file === 'mastodon-conversations.html')!;
const read = (file: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/platforms', file), 'utf8');
const html = read(fixture.file);
const origin = new URL(fixture.url).origin;

/** The built extension, with this instance's origin granted as if she had accepted the prompt. */
function buildWithGrantedInstance(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-mastodon-'));
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push(`${origin}/*`);
  fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('Mastodon instance enabled from the popup', () => {
  it('is not touched before she enables it, then gets shielded (replies, private mentions, Conversations column)', async () => {
    h = await launchExtension({ extensionDir: buildWithGrantedInstance() });
    const page = await h.openFixture(fixture.url, html);
    await page.waitForTimeout(1000);
    expect(await page.locator('[data-bouclier]').count()).toBe(0); // no content script registered yet

    const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, fixture.url);
    const popup = await h.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.getByRole('button', { name: new URL(fixture.url).host }).click();
    await waitForVerdicts(page, '[data-expect]', 30_000);
    const rows = await page.$$eval('[data-expect]', (els) => els.map((e) => ({ expect: e.getAttribute('data-expect'), state: e.getAttribute('data-bouclier') })));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(['clean', 'flagged']).toContain(r.state);
    expect(rows.some((r) => r.state === 'flagged')).toBe(true);

    // Registered for good: a new page on the instance is protected from the start.
    const again = await h.openFixture(fixture.url, html);
    await waitForVerdicts(again, '[data-expect]', 30_000);

    // Her private mentions (Mastodon's direct messages) on the same instance too.
    expect(new URL(dmFixture.url).origin).toBe(origin);
    const dms = await h.openFixture(dmFixture.url, read(dmFixture.file));
    // The fixture's own script adds messages later and re-renders one; it marks the page when done.
    await dms.waitForSelector('html[data-fixture-done]', { state: 'attached', timeout: 10_000 });
    await waitForVerdicts(dms, '[data-expect]', 30_000);
    const dmRows = await dms.$$eval('[data-expect]', (els) => els.map((e) => e.getAttribute('data-bouclier')));
    expect(dmRows.length).toBeGreaterThan(0);
    for (const state of dmRows) expect(['clean', 'flagged']).toContain(state);
    expect(dmRows).toContain('flagged');

    // And the rows of her Conversations column (each shows the conversation's last private mention).
    expect(new URL(conversationsFixture.url).origin).toBe(origin);
    const column = await h.openFixture(conversationsFixture.url, read(conversationsFixture.file));
    await column.waitForSelector('html[data-fixture-done]', { state: 'attached', timeout: 10_000 });
    await waitForVerdicts(column, '[data-expect]', 30_000);
    const columnRows = await column.$$eval('[data-expect]', (els) =>
      els.map((e) => ({ expect: e.getAttribute('data-expect'), state: e.getAttribute('data-bouclier') })),
    );
    expect(columnRows.length).toBeGreaterThan(0);
    for (const r of columnRows) expect(['clean', 'flagged']).toContain(r.state);
    expect(columnRows.filter((r) => r.expect === 'flagged').every((r) => r.state === 'flagged')).toBe(true);
    h.assertNoExternalRequests();
  });
});
