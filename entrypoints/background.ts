/**
 * Background: routes classify requests from content scripts to the classifier host, keeps the
 * toolbar badge in step with each tab's page stats, and runs erase-everything (src/store/erase.ts),
 * which needs the review log's queue, the classifier host and the sites she enabled.
 * Chrome: the model lives in an offscreen document (long-lived, unlike the MV3 service worker, so
 * the model is not reloaded every time the worker sleeps). Firefox has no offscreen documents: the
 * background page itself hosts the model.
 */
import { browser } from 'wxt/browser';
import { parseRequest, type ClassifyResponse, type ErrorResponse, type OffscreenRequest } from '@/src/messaging/messages';
import { CLASSIFY_PORT, serveClassifyPort } from '@/src/messaging/classify-port';
import { createClassifierHost, HOST_FORGET, loadBundledAssets } from '@/src/classifier/host';
import { updateBadge } from '@/src/messaging/badge';
import { disableAllSites, enableSite, registerSitePermissionCleanup } from '@/src/sites/instances';
import { registerEraseBackground } from '@/src/store/erase';
import { registerReviewBackground } from '@/src/review/background';
import { registerProtectBackground } from '@/src/protect/background';

const OFFSCREEN_PATH = '/offscreen.html';

export default defineBackground(() => {
  const review = registerReviewBackground();
  registerProtectBackground();
  const hasOffscreen = typeof chrome !== 'undefined' && 'offscreen' in chrome && !!chrome.offscreen;
  const localHost = hasOffscreen ? null : createClassifierHost(() => loadBundledAssets((p) => browser.runtime.getURL(p as never)));
  localHost?.warmUp();
  // Firefox: content scripts' classify ports come here. Chrome: the offscreen document listens for
  // them, and the service worker does not (so a busy thread never wakes it).
  if (localHost) {
    browser.runtime.onConnect.addListener((port) => {
      if (port.name !== CLASSIFY_PORT || port.sender?.id !== browser.runtime.id) return;
      serveClassifyPort(port, (texts) => localHost.classify(texts));
    });
  }

  let creating: Promise<void> | null = null;
  /** Known to exist: skips a browser round trip per classify request (reset when a request fails). */
  let offscreenUp = false;
  async function ensureOffscreen(): Promise<void> {
    if (offscreenUp) return;
    const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
    if (contexts.length > 0) {
      offscreenUp = true;
      return;
    }
    creating ??= chrome.offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: [chrome.offscreen.Reason.WORKERS],
        justification: 'Runs the on-device harassment classifier (WebAssembly) shared by all tabs.',
      })
      .finally(() => {
        creating = null;
      });
    await creating;
    offscreenUp = true;
  }
  if (hasOffscreen) ensureOffscreen().catch(() => undefined);

  registerEraseBackground({
    before: () => review.discardAndClose(),
    async after() {
      // The host's score cache is keyed by texts she was shown. No offscreen document: nothing cached.
      localHost?.forget();
      if (hasOffscreen) await chrome.runtime.sendMessage({ target: 'offscreen', type: HOST_FORGET }).catch(() => undefined);
      await disableAllSites();
    },
  });

  async function classify(texts: string[]): Promise<ClassifyResponse | ErrorResponse> {
    try {
      if (localHost) return { ok: true, ...(await localHost.classify(texts)) };
      await ensureOffscreen();
      const forward: OffscreenRequest = { target: 'offscreen', type: 'classify', texts };
      const res = (await chrome.runtime.sendMessage(forward)) as ClassifyResponse | ErrorResponse | undefined;
      if (!res) offscreenUp = false;
      return res ?? { ok: false, error: 'The classifier host did not answer' };
    } catch (e) {
      offscreenUp = false;
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  registerSitePermissionCleanup();

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Only our own extension's contexts may talk to us (content scripts carry sender.id too).
    if (sender.id !== browser.runtime.id) return false;
    const site = raw as { type?: string; origin?: unknown; tabId?: unknown } | null;
    if (site?.type === 'enable-site' && typeof site.origin === 'string' && sender.url?.startsWith(browser.runtime.getURL('/' as never))) {
      // Only extension pages (the popup) may enable a site, never a content script.
      enableSite(site.origin, typeof site.tabId === 'number' ? site.tabId : undefined).then(sendResponse, (e: unknown) =>
        sendResponse({ ok: false, error: String(e) }),
      );
      return true;
    }
    if ((raw as { target?: string } | null)?.target === 'offscreen') return false;
    const msg = parseRequest(raw);
    if (!msg) return false;
    if (msg.type === 'classify') {
      // Content scripts ask the host over their port and come here only when nobody answered it:
      // start the host and relay.
      classify(msg.texts).then(sendResponse);
      return true;
    }
    if (msg.type === 'page-stats') {
      if (sender.tab?.id !== undefined && sender.frameId === 0) updateBadge(sender.tab.id, msg.stats);
      return false;
    }
    if (msg.type === 'host-status') {
      if (localHost) {
        sendResponse({ ok: true, ...localHost.status() });
        return false;
      }
      ensureOffscreen()
        .then(() => chrome.runtime.sendMessage({ target: 'offscreen', type: 'host-status' } satisfies OffscreenRequest))
        .then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: String(e) }));
      return true;
    }
    return false;
  });
});
