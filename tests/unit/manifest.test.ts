/**
 * The privacy promise, checked on what we ship: permissions are exactly an allow-list (each with its
 * reason), host access only to the platforms we support (never every site), extension pages may run
 * WebAssembly but never eval, and nothing in the manifest, the built HTML or the built JS loads code from
 * the network. The onnxruntime stays out of the content script (it would be injected into every page).
 *
 * Two layers:
 *  - the manifest as wxt.config.ts declares it, for Chrome (MV3) and Firefox (MV2): no build needed;
 *  - the built extensions in .output/chrome-mv3 and .output/firefox-mv2, when they exist. `npm run test:e2e`
 *    builds both and then runs this file with BOUCLIER_REQUIRE_BUILD=1, where a missing build fails.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import config from '../../wxt.config';
import { SUPPORTED_HOST_PERMISSIONS } from '../../src/platforms/hosts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every permission we ask for, and why. The README's "Privacy promise" lists the same names. */
const ALLOWED_PERMISSIONS: Record<string, string> = {
  storage: 'her settings, lists and review log stay in the browser profile (browser.storage)',
  contextMenus: '"Mark as abusive" on a selection, feeding her local review log',
  offscreen: 'Chrome only: a hidden extension page hosts the WASM model once for all tabs (the MV3 worker sleeps)',
  scripting: 'register/inject the same content script on a Mastodon instance she enabled (optional host permission)',
  activeTab: "lets the popup see the current tab's address when she clicks it, to offer \"Protect this site\"",
};
const EXPECTED = {
  chrome: ['storage', 'contextMenus', 'scripting', 'activeTab', 'offscreen'],
  firefox: ['storage', 'contextMenus', 'scripting', 'activeTab'],
} as const;

type Browser = keyof typeof EXPECTED;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

function declaredManifest(browser: Browser): Manifest {
  const fn = config.manifest as unknown as (env: object) => Manifest;
  return fn({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
}

const isHostPattern = (p: string) => p === '<all_urls>' || /^[a-z*-]+:\/\//.test(p);

/** Permissions split into API permissions and host patterns (MV2 mixes them in `permissions`). */
function permissionsOf(m: Manifest): { api: string[]; hosts: string[]; contentMatches: string[] } {
  const perms: string[] = m.permissions ?? [];
  return {
    api: perms.filter((p) => !isHostPattern(p)),
    hosts: [...perms.filter(isHostPattern), ...(m.host_permissions ?? [])],
    contentMatches: (m.content_scripts ?? []).flatMap((cs: { matches?: string[] }) => cs.matches ?? []),
  };
}

/** A pattern naming one host over https, e.g. https://www.reddit.com/* (no wildcard host, no scheme wildcard). */
const SPECIFIC_HTTPS_HOST = /^https:\/\/(?!\*)[a-z0-9-]+(\.[a-z0-9-]+)+\/\*$/;

function checkHostAccess(m: Manifest): void {
  const { hosts, contentMatches } = permissionsOf(m);
  for (const p of [...hosts, ...contentMatches]) {
    expect(p, 'broad host access').not.toMatch(/<all_urls>|^\*:\/\/|:\/\/\*\//);
    expect(p, 'host access must name one https platform host').toMatch(SPECIFIC_HTTPS_HOST);
  }
  expect(new Set(hosts), 'default host access = exactly the supported platforms').toEqual(new Set(SUPPORTED_HOST_PERMISSIONS));
  for (const p of contentMatches) expect(SUPPORTED_HOST_PERMISSIONS).toContain(p);
  // Broad patterns are only ever optional (Mastodon instances, asked for one by one), and https only.
  for (const p of [...(m.optional_host_permissions ?? []), ...(m.optional_permissions ?? [])] as string[]) {
    expect(p, 'optional host access: https only').toMatch(/^https:\/\/[^/]+\/\*$/);
  }
  expect(m.externally_connectable, 'no web page may message the extension').toBeUndefined();
}

function extensionPagesCsp(m: Manifest): string | undefined {
  const csp = m.content_security_policy;
  return typeof csp === 'string' ? csp : csp?.extension_pages;
}

function checkCsp(m: Manifest, browser: Browser): void {
  const csp = extensionPagesCsp(m);
  if (browser === 'chrome') {
    expect(csp, 'Chrome needs an explicit CSP allowing WebAssembly').toBeDefined();
    expect(csp).toContain("'wasm-unsafe-eval'");
  }
  if (csp !== undefined) {
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
    for (const source of scriptSrc) expect(["'self'", "'wasm-unsafe-eval'"], `script-src source ${source}`).toContain(source);
  }
  // MV3 sandbox pages could relax the CSP; we have none.
  expect(m.sandbox).toBeUndefined();
  expect(m.content_security_policy?.sandbox).toBeUndefined();
}

function checkPermissions(m: Manifest, browser: Browser): void {
  const { api } = permissionsOf(m);
  expect([...api].sort()).toEqual([...EXPECTED[browser]].sort());
  for (const p of api) expect(ALLOWED_PERMISSIONS[p], `permission "${p}" needs a justification`).toBeTruthy();
}

/** Strings in the manifest that could name code or pages to load: none may be remote. */
function remoteUrlsInManifest(m: Manifest): string[] {
  const patternKeys = new Set(['permissions', 'host_permissions', 'optional_host_permissions', 'optional_permissions', 'matches', 'exclude_matches']);
  const found: string[] = [];
  const walk = (v: unknown, key: string, where: string) => {
    if (typeof v === 'string') {
      if (!patternKeys.has(key) && /(https?|wss?|ftp):\/\/|^\/\//i.test(v)) found.push(`${where}: ${v}`);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key, where));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k, where ? `${where}.${k}` : k);
  };
  walk(m, '', '');
  return found;
}

describe.each(['chrome', 'firefox'] as const)('manifest declared in wxt.config.ts (%s)', (browser) => {
  const m = declaredManifest(browser);
  it('asks only for allow-listed permissions', () => checkPermissions(m, browser));
  it('has host access only to the supported platforms, never every site', () => checkHostAccess(m));
  it('lets extension pages run WebAssembly, never eval', () => checkCsp(m, browser));
  it('names no remote URL', () => expect(remoteUrlsInManifest(m)).toEqual([]));
  if (browser === 'firefox') {
    it('declares to Mozilla that it collects no data', () => {
      const gecko = (m as { browser_specific_settings?: { gecko?: { data_collection_permissions?: unknown } } }).browser_specific_settings?.gecko;
      expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    });
  }
});

describe('README privacy promise', () => {
  it('lists exactly the permissions of the allow-list', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## Privacy promise$/m)[1]?.split(/^## /m)[0] ?? '';
    const bullet = section.split('\n- ').find((b) => b.startsWith('Permissions')) ?? '';
    const named = [...bullet.matchAll(/`([a-zA-Z]+)`/g)].map((x) => x[1]);
    expect(new Set(named)).toEqual(new Set(Object.keys(ALLOWED_PERMISSIONS)));
  });
});

// ------------------------------------------------------------------------------------------------
// Built output
// ------------------------------------------------------------------------------------------------

const REQUIRE_BUILD = process.env.BOUCLIER_REQUIRE_BUILD === '1';
const BUILDS = [
  { browser: 'chrome' as const, dir: path.join(ROOT, '.output/chrome-mv3') },
  { browser: 'firefox' as const, dir: path.join(ROOT, '.output/firefox-mv2') },
];

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (ext.test(e.name)) out.push(p);
  }
  return out;
}

/** Ways built JS could pull code from the network. */
const REMOTE_CODE_IN_JS: [string, RegExp][] = [
  ['importScripts of a remote URL', /importScripts\s*\([^)]*["'`](https?:)?\/\//],
  ['dynamic import of a remote URL', /\bimport\s*\(\s*["'`](https?:)?\/\//],
  ['static import of a remote URL', /\bfrom\s*["'`](https?:)?\/\//],
  ['worker from a remote URL', /new\s+(Shared)?Worker\s*\(\s*["'`](https?:)?\/\//],
  ['script element with a remote src', /\.src\s*=\s*["'`]https?:\/\//],
  ['fetch of a remote URL', /\bfetch\s*\(\s*["'`]https?:\/\//],
  ['WebAssembly from a remote URL', /WebAssembly\.\w+\s*\(\s*fetch\s*\(\s*["'`]https?:/],
];

/** What gives onnxruntime-web away in a bundle (checked against a bundle that does contain it). */
const ORT_MARKERS = /InferenceSession|onnxruntime|ort-wasm-simd-threaded/;

/** Applies a check to a source, to prove the check itself can fail. */
const remoteCodeFindings = (src: string) => REMOTE_CODE_IN_JS.filter(([, re]) => re.test(src)).map(([what]) => what);

describe('remote-code detectors', () => {
  it('catch what they are meant to catch', () => {
    expect(remoteCodeFindings('self.importScripts("https://cdn.example/x.js")')).toContain('importScripts of a remote URL');
    expect(remoteCodeFindings('await import("https://cdn.example/m.mjs")')).toContain('dynamic import of a remote URL');
    expect(remoteCodeFindings('const w = new Worker("//cdn.example/w.js")')).toContain('worker from a remote URL');
    expect(remoteCodeFindings('import x from "https://esm.sh/x"')).toContain('static import of a remote URL');
    expect(remoteCodeFindings('fetch("https://telemetry.example/p")')).toContain('fetch of a remote URL');
    expect(remoteCodeFindings('const ns = "http://www.w3.org/2000/svg"; import("./chunk.js")')).toEqual([]);
    expect(remoteUrlsInManifest({ background: { scripts: ['https://cdn.example/bg.js'] } })).toHaveLength(1);
    expect(remoteUrlsInManifest({ host_permissions: ['https://x.com/*'] })).toEqual([]);
  });
});

describe.each(BUILDS)('built extension ($browser)', ({ browser, dir }) => {
  const manifestPath = path.join(dir, 'manifest.json');
  const built = fs.existsSync(manifestPath);
  if (REQUIRE_BUILD) it('exists', () => expect(built, `${manifestPath} is missing`).toBe(true));
  if (!built) {
    it.skip(`not built (${path.relative(ROOT, dir)} missing)`, () => undefined);
    return;
  }
  const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;

  it('asks only for allow-listed permissions', () => checkPermissions(m, browser));
  it('has host access only to the supported platforms, never every site', () => checkHostAccess(m));
  it('lets extension pages run WebAssembly, never eval', () => checkCsp(m, browser));
  it('names no remote URL in the manifest', () => expect(remoteUrlsInManifest(m)).toEqual([]));

  it('loads no remote script, style or frame from its HTML pages', () => {
    const pages = filesUnder(dir, /\.html$/);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      const html = fs.readFileSync(p, 'utf8');
      const remote = [...html.matchAll(/<(script|link|iframe|img|object|embed)\b[^>]*\b(src|href)\s*=\s*["']?((https?:)?\/\/[^"'\s>]+)/gi)].map((x) => x[0]);
      expect(remote, path.relative(dir, p)).toEqual([]);
    }
  });

  it('pulls no code from the network in its JavaScript', () => {
    const scripts = filesUnder(dir, /\.m?js$/);
    expect(scripts.length).toBeGreaterThan(0);
    const findings = scripts.flatMap((p) => remoteCodeFindings(fs.readFileSync(p, 'utf8')).map((w) => `${path.relative(dir, p)}: ${w}`));
    expect(findings).toEqual([]);
  });

  it('keeps the onnxruntime out of the content script (it ships in the extension pages only)', () => {
    const contentScripts: string[] = (m.content_scripts ?? []).flatMap((cs: { js?: string[] }) => cs.js ?? []);
    expect(contentScripts.length).toBeGreaterThan(0);
    for (const js of contentScripts) expect(fs.readFileSync(path.join(dir, js), 'utf8')).not.toMatch(ORT_MARKERS);
    // The markers do find the runtime where it belongs (so the check above can fail).
    const hosts = filesUnder(dir, /\.js$/).filter((p) => !contentScripts.some((c) => p.endsWith(c)));
    expect(hosts.some((p) => ORT_MARKERS.test(fs.readFileSync(p, 'utf8')))).toBe(true);
  });

  it('has its own toolbar and store icons, shipped in the package', () => {
    const icons = (m as { icons?: Record<string, string> }).icons ?? {};
    for (const size of ['16', '48', '128']) {
      expect(icons[size], `icons.${size}`).toBeTruthy();
      expect(fs.existsSync(path.join(dir, icons[size]!)), icons[size]).toBe(true);
    }
  });

  it('ships its model and the WASM runtime inside the package', () => {
    for (const f of ['models/bouclier.onnx', 'models/model.json', 'ort/ort-wasm-simd-threaded.wasm']) {
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    }
  });
});
