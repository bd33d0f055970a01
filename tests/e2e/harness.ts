/**
 * Real-browser harness: Debian's Chromium driven by playwright-core with the BUILT extension loaded.
 *
 * Fixture pages are served at the platforms' real URLs by Playwright routing, so the manifest's real
 * content-script match patterns are exercised. Nothing may reach the network:
 *  - page requests that are not a registered fixture are refused and recorded;
 *  - everything else the browser (or the extension's service worker / offscreen document) tries to
 *    send goes to a recording proxy on loopback, which refuses it and records it.
 * Tests call `assertNoExternalRequests()` at the end.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.BOUCLIER_CHROMIUM ?? '/usr/bin/chromium';
export const EXTENSION_DIR = process.env.BOUCLIER_EXTENSION_DIR ?? path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * Chromium itself (not pages, not the extension) talks to these service hosts even with background
 * networking disabled; they reach only the recording proxy, never the network. Page and extension
 * requests are caught earlier by routing and always fail the test.
 */
const CHROMIUM_SERVICE_HOSTS = [
  /(^|\.)googleapis\.com$/,
  /(^|\.)google\.com$/,
  /(^|\.)gstatic\.com$/,
  /(^|\.)gvt1\.com$/,
  /(^|\.)googleusercontent\.com$/,
];

export interface LaunchOptions {
  /** Keep a profile across launches (browser-restart tests). A fresh temp dir otherwise. */
  userDataDir?: string;
  /** UI language, e.g. 'fr'. */
  locale?: string;
  /** Show a window (demo on a desktop). Headless by default. */
  headed?: boolean;
  /** Load another build of the extension (e.g. a copy with a broken model). */
  extensionDir?: string;
  /** More Chromium switches (e.g. --enable-unsafe-extension-debugging, for CDP's Extensions.triggerAction). */
  args?: string[];
}

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Serve `html` whenever the browser asks for `url` (exact match, ignoring the #fragment). */
  serve(url: string, html: string, contentType?: string): void;
  /** Open a fixture page at its real URL. */
  openFixture(url: string, html: string): Promise<Page>;
  /** Open an extension page (popup.html, options.html, ...). */
  openExtensionPage(file: string): Promise<Page>;
  /** Requests by pages or the extension (or anything unknown) that would have left the machine: must stay empty. */
  externalRequests: string[];
  /** Chromium's own service traffic (updates, sign-in), refused by the proxy; not made by pages or the extension. */
  browserServiceRequests: string[];
  assertNoExternalRequests(): void;
  close(): Promise<void>;
}

/** Loopback proxy that refuses and records every request the browser would send to the network. */
async function startRecordingProxy(record: (what: string) => void): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    record(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('connect', (req, socket) => {
    socket.on('error', () => undefined); // the browser may reset a refused tunnel
    record(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<Harness> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build" first.`);
  }
  const externalRequests: string[] = [];
  const browserServiceRequests: string[] = [];
  const fixtureHosts = new Set<string>();
  const proxy = await startRecordingProxy((what) => {
    const target = what.split(' ')[1] ?? '';
    const host = (target.includes('://') ? new URL(target).hostname : target.split(':')[0]) ?? '';
    if (CHROMIUM_SERVICE_HOSTS.some((re) => re.test(host))) browserServiceRequests.push(what);
    // A bare CONNECT to a fixture host is Chromium preconnecting; the request itself is routed.
    else if (fixtureHosts.has(host) && what.startsWith('CONNECT')) browserServiceRequests.push(what);
    else externalRequests.push(what);
  });
  const port = (proxy.address() as AddressInfo).port;
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-profile-'));
  const ownsProfile = options.userDataDir === undefined;

  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-pings',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-features=Translate,OptimizationHints,MediaRouter,NetworkPrediction,AutofillServerCommunication',
    '--dns-prefetch-disable',
    `--proxy-server=http://127.0.0.1:${port}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  if (!options.headed) args.unshift('--headless=new');
  if (options.locale) args.push(`--lang=${options.locale}`);
  args.push(...(options.args ?? []));

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args,
    locale: options.locale,
    env: { ...process.env, ...(options.locale ? { LANGUAGE: options.locale, LANG: `${options.locale}_FR.UTF-8` } : {}) },
    viewport: { width: 1100, height: 900 },
  });

  const fixtures = new Map<string, { body: string; contentType: string }>();
  await context.route('**/*', async (route) => {
    const url = route.request().url().split('#')[0]!;
    if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
      return;
    }
    const fixture = fixtures.get(url);
    if (fixture) {
      await route.fulfill({ status: 200, body: fixture.body, contentType: fixture.contentType });
      return;
    }
    externalRequests.push(`${route.request().method()} ${url}`);
    await route.abort('blockedbyclient');
  });

  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;

  const serve = (url: string, html: string, contentType = 'text/html; charset=utf-8') => {
    fixtures.set(url.split('#')[0]!, { body: html, contentType });
    fixtureHosts.add(new URL(url).hostname);
  };

  return {
    context,
    extensionId,
    serviceWorker,
    externalRequests,
    browserServiceRequests,
    serve,
    async openFixture(url, html) {
      serve(url, html);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async openExtensionPage(file) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    },
    assertNoExternalRequests() {
      if (externalRequests.length > 0) {
        throw new Error(`The browser tried to reach the network:\n${externalRequests.join('\n')}`);
      }
    },
    async close() {
      await context.close();
      proxy.close();
      if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Wait until every item matched by `selector` carries a final Bouclier state (not pending, not unscanned). */
export async function waitForVerdicts(page: Page, selector = '[data-bouclier]', timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const items = [...document.querySelectorAll(sel)];
      // Final states only: an item the scanner has not reached yet has no attribute at all.
      const final = ['clean', 'flagged', 'revealed'];
      return items.length > 0 && items.every((el) => final.includes(el.getAttribute('data-bouclier') ?? ''));
    },
    selector,
    { timeout },
  );
}
