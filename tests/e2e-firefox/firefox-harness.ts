/**
 * Real-Firefox harness: Debian's firefox-esr (headless) driven over WebDriver BiDi, with the BUILT
 * Firefox extension (.output/firefox-mv2) installed as a temporary add-on through BiDi's
 * `webExtension.install` (so the test tabs are opened after the add-on is installed).
 *
 * Playwright's Firefox driver needs Playwright's patched Firefox, which cannot be downloaded here, so this
 * talks BiDi directly (Firefox's own remote agent, `--remote-debugging-port`).
 *
 * Nothing may reach the network:
 *  - http(s) requests from tabs are intercepted by BiDi (`network.addIntercept`): fixture URLs are answered
 *    with the fixture (`network.provideResponse`, so the page really lives at its platform URL and the
 *    manifest's content-script patterns apply); anything else is failed and recorded;
 *  - everything else Firefox or the extension (background page) sends goes to a loopback recording proxy
 *    (profile prefs), which refuses it and records it. Firefox's own service hosts (Mozilla) are recorded
 *    apart; every other host fails the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const FIREFOX_PATH = process.env.BOUCLIER_FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = process.env.BOUCLIER_FIREFOX_EXTENSION_DIR ?? path.resolve(import.meta.dirname, '../../.output/firefox-mv2');

/** browser_specific_settings.gecko.id in wxt.config.ts */
export const FIREFOX_EXTENSION_ID = 'bouclier@bouclier.invalid';
export const FIREFOX_EXTENSION_UUID = '0b0c11e4-0000-4000-8000-b0c11e400001';

/** Firefox's own services (updates, remote settings, telemetry, safe browsing): never pages or the extension. */
const FIREFOX_SERVICE_HOSTS = [
  /(^|\.)mozilla\.(com|org|net)$/,
  /(^|\.)mozaws\.net$/,
  /(^|\.)firefox\.(com|settings\.services\.mozilla\.com)$/,
  /(^|\.)mozgcp\.net$/,
  /(^|\.)googleapis\.com$/, // safe browsing / geolocation endpoints in Firefox's defaults
  /^detectportal\.firefox\.com$/,
];

/** Prefs that keep a fresh profile quiet and route whatever is left to the recording proxy. */
function profilePrefs(proxyPort: number): Record<string, string | number | boolean> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.normandy.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.newtabpage.enabled': false,
    'browser.aboutwelcome.enabled': false,
    'browser.region.update.enabled': false,
    'browser.search.update': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.webextensions.remote': true,
    'media.gmp-manager.updateEnabled': false,
    'services.settings.server': 'http://127.0.0.1:9/none',
    'geo.provider.network.url': '',
    'intl.locale.requested': 'en-US',
    // The tab's favicon fetch is the browser's own, not the page's or the extension's.
    'browser.chrome.site_icons': false,
    // A fixed internal UUID, so tests can open moz-extension://<uuid>/popup.html.
    'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
  };
}

async function startRecordingProxy(record: (what: string) => void): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    record(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    record(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

type WsLike = {
  send(data: string): void;
  close(): void;
  addEventListener?: (type: string, fn: (ev: { data: unknown }) => void) => void;
  on?: (type: string, fn: (...args: unknown[]) => void) => void;
};

/** Node 20 has no global WebSocket without a flag; playwright-core bundles `ws`. */
function openWebSocket(url: string): Promise<WsLike> {
  const require = createRequire(import.meta.url);
  const WS = (require('playwright-core/lib/utilsBundle') as { ws: new (u: string, opts?: object) => WsLike }).ws;
  const ws = new WS(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  return new Promise((resolve, reject) => {
    ws.on!('open', () => resolve(ws));
    ws.on!('error', (e) => reject(e as Error));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export class BiDi {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void; method: string }>();
  private listeners = new Map<string, ((params: Json) => void)[]>();
  constructor(private ws: WsLike) {
    ws.on!('message', (data) => {
      const msg = JSON.parse(String(data)) as Json;
      if (msg.id !== undefined && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id)!;
        this.pending.delete(msg.id);
        if (msg.type === 'error') p.reject(new Error(`${p.method}: ${msg.error}: ${msg.message}`));
        else p.resolve(msg.result);
      } else if (msg.type === 'event') {
        for (const fn of this.listeners.get(msg.method) ?? []) fn(msg.params);
      }
    });
    ws.on!('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: connection closed`));
      this.pending.clear();
    });
  }
  send(method: string, params: Json = {}): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
  on(event: string, fn: (params: Json) => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(fn);
    this.listeners.set(event, list);
  }
  close(): void {
    this.ws.close();
  }
}

export interface FirefoxTab {
  context: string;
  /** Run `fn` (serialised with its arguments) in the page's main world; returns its JSON result. */
  evaluate<R>(fn: string | ((...args: Json[]) => R | Promise<R>), ...args: Json[]): Promise<R>;
  /** Poll `fn` in the page until it returns a truthy value. */
  waitFor<R>(fn: (...args: Json[]) => R, args?: Json[], timeout?: number): Promise<R>;
  /** A real (trusted) mouse click at the centre of the element `locate` returns. */
  click(locate: (...args: Json[]) => Element | null | undefined, args?: Json[]): Promise<void>;
  /**
   * The same inside the closed shadow root of the host `locate` returns (Bouclier's label): page script
   * cannot reach it, WebDriver BiDi can (as the browser's developer tools do).
   */
  clickInShadow(locate: (...args: Json[]) => Element | null | undefined, args: Json[], selector: string): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxHarness {
  bidi: BiDi;
  extensionId: string;
  serve(url: string, html: string, contentType?: string): void;
  openFixture(url: string, html: string): Promise<FirefoxTab>;
  externalRequests: string[];
  browserServiceRequests: string[];
  assertNoExternalRequests(): void;
  close(): Promise<void>;
}

function toBiDiValue(v: Json): Json {
  if (v === null) return { type: 'null' };
  if (v === undefined) return { type: 'undefined' };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (Array.isArray(v)) return { type: 'array', value: v.map(toBiDiValue) };
  return { type: 'object', value: Object.entries(v).map(([k, x]) => [k, toBiDiValue(x)]) };
}

function fromBiDiValue(r: Json): Json {
  switch (r?.type) {
    case 'undefined':
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'boolean':
      return r.value;
    case 'array':
      return (r.value as Json[]).map(fromBiDiValue);
    case 'object':
      return Object.fromEntries((r.value as [Json, Json][]).map(([k, x]) => [typeof k === 'string' ? k : fromBiDiValue(k), fromBiDiValue(x)]));
    default:
      return r;
  }
}

async function waitForBiDiUrl(child: ChildProcess, timeout = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`firefox-esr did not start its remote agent:\n${out}`)), timeout);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/WebDriver BiDi listening on (ws:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`firefox-esr exited (${code}) before its remote agent started:\n${out}`));
    });
  });
}

export async function launchFirefoxExtension(): Promise<FirefoxHarness> {
  if (!fs.existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built Firefox extension in ${FIREFOX_EXTENSION_DIR}: run "npm run build:firefox" first.`);
  }
  if (!fs.existsSync(FIREFOX_PATH)) throw new Error(`${FIREFOX_PATH} is missing: apt-get install -y firefox-esr`);

  const externalRequests: string[] = [];
  const browserServiceRequests: string[] = [];
  const proxy = await startRecordingProxy((what) => {
    const target = what.split(' ')[1] ?? '';
    let host = '';
    try {
      host = target.includes('://') ? new URL(target).hostname : (target.split(':')[0] ?? '');
    } catch {
      host = target;
    }
    if (FIREFOX_SERVICE_HOSTS.some((re) => re.test(host))) browserServiceRequests.push(what);
    else externalRequests.push(what);
  });
  const proxyPort = (proxy.address() as AddressInfo).port;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bouclier-ff-'));
  fs.writeFileSync(
    path.join(profile, 'user.js'),
    Object.entries(profilePrefs(proxyPort))
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  const child = spawn(FIREFOX_PATH, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
  });
  const cleanup = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    proxy.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };

  try {
    const url = await waitForBiDiUrl(child);
    const bidi = new BiDi(await openWebSocket(`${url}/session`));
    await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: false, unhandledPromptBehavior: { default: 'dismiss' } } } });

    const fixtures = new Map<string, { body: string; contentType: string }>();
    await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
    await bidi.send('network.addIntercept', {
      phases: ['beforeRequestSent'],
      urlPatterns: [
        { type: 'pattern', protocol: 'https' },
        { type: 'pattern', protocol: 'http' },
      ],
    });
    bidi.on('network.beforeRequestSent', (p: Json) => {
      if (!p.isBlocked) return;
      const url = String(p.request.url).split('#')[0]!;
      const request = p.request.request;
      const fixture = fixtures.get(url);
      const reply = fixture
        ? bidi.send('network.provideResponse', {
            request,
            statusCode: 200,
            reasonPhrase: 'OK',
            headers: [{ name: 'content-type', value: { type: 'string', value: fixture.contentType } }],
            body: { type: 'string', value: fixture.body },
          })
        : (externalRequests.push(`${p.request.method} ${url}`), bidi.send('network.failRequest', { request }));
      reply.catch(() => undefined); // the tab may have gone away meanwhile
    });

    const installed = await bidi.send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
    const extensionId = String(installed.extension);

    const serve = (u: string, html: string, contentType = 'text/html; charset=utf-8') => {
      fixtures.set(u.split('#')[0]!, { body: html, contentType });
    };

    const makeTab = (context: string): FirefoxTab => {
      const evaluate = async <R,>(fn: string | ((...a: Json[]) => R | Promise<R>), ...args: Json[]): Promise<R> => {
        const res = await bidi.send('script.callFunction', {
          functionDeclaration: typeof fn === 'string' ? fn : fn.toString(),
          arguments: args.map(toBiDiValue),
          target: { context },
          awaitPromise: true,
          resultOwnership: 'none',
        });
        if (res.type === 'exception') throw new Error(`page script threw: ${res.exceptionDetails?.text}`);
        return fromBiDiValue(res.result) as R;
      };
      return {
        context,
        evaluate,
        async waitFor(fn, args = [], timeout = 20_000) {
          const end = Date.now() + timeout;
          let last: Json;
          for (;;) {
            try {
              last = await evaluate(fn, ...args);
              if (last) return last;
            } catch (e) {
              last = e;
            }
            if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${fn.toString().slice(0, 200)} (last: ${String(last)})`);
            await new Promise((r) => setTimeout(r, 150));
          }
        },
        async click(locate, args = []) {
          const res = await bidi.send('script.callFunction', {
            functionDeclaration: `(...a) => { const el = (${locate.toString()})(...a); el?.scrollIntoView({block: 'center'}); return el; }`,
            arguments: args.map(toBiDiValue),
            target: { context },
            awaitPromise: true,
            resultOwnership: 'root',
          });
          if (res.type === 'exception' || res.result?.type !== 'node') throw new Error('click: element not found');
          await clickNode(res.result.sharedId);
        },
        async clickInShadow(locate, args, selector) {
          const host = await bidi.send('script.callFunction', {
            functionDeclaration: locate.toString(),
            arguments: args.map(toBiDiValue),
            target: { context },
            awaitPromise: true,
            resultOwnership: 'root',
            serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
          });
          const shadow = host.result?.value?.shadowRoot;
          if (host.type === 'exception' || !shadow?.sharedId) throw new Error('clickInShadow: host or its shadow root not found');
          const res = await bidi.send('script.callFunction', {
            functionDeclaration: `(root, sel) => { const el = root.querySelector(sel); el?.scrollIntoView({block: 'center'}); return el; }`,
            arguments: [{ sharedId: shadow.sharedId }, toBiDiValue(selector)],
            target: { context },
            awaitPromise: true,
            resultOwnership: 'root',
          });
          if (res.type === 'exception' || res.result?.type !== 'node') throw new Error(`clickInShadow: ${selector} not found`);
          await clickNode(res.result.sharedId);
        },
        async close() {
          await bidi.send('browsingContext.close', { context }).catch(() => undefined);
        },
      };
      async function clickNode(sharedId: string): Promise<void> {
        await bidi.send('input.performActions', {
          context,
          actions: [
            {
              type: 'pointer',
              id: 'mouse',
              parameters: { pointerType: 'mouse' },
              actions: [
                { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId } } },
                { type: 'pointerDown', button: 0 },
                { type: 'pointerUp', button: 0 },
              ],
            },
          ],
        });
        await bidi.send('input.releaseActions', { context });
      }
    };

    return {
      bidi,
      extensionId,
      serve,
      externalRequests,
      browserServiceRequests,
      async openFixture(u, html) {
        serve(u, html);
        const { context } = await bidi.send('browsingContext.create', { type: 'tab' });
        await bidi.send('browsingContext.navigate', { context, url: u, wait: 'complete' });
        return makeTab(context);
      },
      assertNoExternalRequests() {
        if (externalRequests.length > 0) throw new Error(`Firefox tried to reach the network:\n${externalRequests.join('\n')}`);
      },
      async close() {
        // Ask Firefox to quit (it ends the session too), give it a few seconds, then make sure.
        const exited = new Promise<void>((resolve) => {
          if (child.exitCode !== null) resolve();
          else child.once('exit', () => resolve());
        });
        await Promise.race([bidi.send('browser.close').catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        bidi.close();
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Wait until every item matched by `selector` has a final Bouclier state (not pending). */
export async function waitForVerdicts(tab: FirefoxTab, selector: string, count?: number, timeout = 30_000): Promise<void> {
  await tab.waitFor(
    (sel: string, n: number | null) => {
      const items = [...document.querySelectorAll(sel)];
      if (n !== null && items.length < n) return false;
      return items.length > 0 && items.every((el) => {
        const s = el.getAttribute('data-bouclier');
        return s !== null && s !== 'pending';
      });
    },
    [selector, count ?? null],
    timeout,
  );
}
