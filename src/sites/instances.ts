/**
 * Sites she enables herself (Mastodon instances live on any domain): the popup asks for that one
 * origin with an optional host permission, then the background registers the same content script
 * for it (persisting across restarts) and injects it into the open tab. Removing the permission
 * (from the browser's extension settings) unregisters it.
 */
import { browser } from 'wxt/browser';

const ID_PREFIX = 'bouclier-site:';
const CONTENT_SCRIPT = '/content-scripts/content.js';

export function originPattern(origin: string): string | null {
  try {
    const u = new URL(origin);
    return u.protocol === 'https:' ? `https://${u.host}/*` : null;
  } catch {
    return null;
  }
}

/** Register (idempotently) and inject into the tab. Requires the permission to be granted already. */
export async function enableSite(origin: string, tabId?: number): Promise<{ ok: boolean; error?: string }> {
  const pattern = originPattern(origin);
  if (!pattern) return { ok: false, error: 'Only https sites can be protected' };
  if (!(await browser.permissions.contains({ origins: [pattern] }))) return { ok: false, error: 'Permission not granted' };
  const id = ID_PREFIX + new URL(origin).host;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length === 0) {
    await browser.scripting.registerContentScripts([
      { id, matches: [pattern], js: [CONTENT_SCRIPT], runAt: 'document_start', persistAcrossSessions: true },
    ]);
  }
  if (tabId !== undefined) await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
  return { ok: true };
}

export function registerSitePermissionCleanup(): void {
  browser.permissions.onRemoved.addListener(async ({ origins }) => {
    const ids = (origins ?? []).map((o) => ID_PREFIX + o.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
    if (ids.length) await browser.scripting.unregisterContentScripts({ ids }).catch(() => undefined);
  });
}

/**
 * Forget every site she enabled herself (erase-everything): unregister their content scripts and give
 * back the optional host permissions, as before she enabled them. Pages already open keep the script
 * injected until they are reloaded.
 */
export async function disableAllSites(): Promise<void> {
  const mine = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(ID_PREFIX));
  if (mine.length) await browser.scripting.unregisterContentScripts({ ids: mine.map((s) => s.id) });
  const enabled = mine.flatMap((s) => s.matches ?? []);
  if (enabled.length) await browser.permissions.remove({ origins: enabled });
  // An origin granted without its script (registration failed half-way): best effort, as browsers
  // differ on which granted origins they list.
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[]; content_scripts?: { matches?: string[] }[] };
  const required = new Set([...(manifest.host_permissions ?? []), ...(manifest.permissions ?? []), ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? [])]);
  const stray = ((await browser.permissions.getAll()).origins ?? []).filter((o) => !required.has(o) && !enabled.includes(o));
  if (stray.length) await browser.permissions.remove({ origins: stray }).catch(() => undefined);
}
