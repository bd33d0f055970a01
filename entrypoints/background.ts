/**
 * Background: one message router (src/messaging/background-router.ts) where each feature registers
 * its handlers. Here: relays classify requests from content scripts to the classifier host when their
 * port found none, keeps the toolbar badge in step with each tab's page stats, enables the sites she
 * adds, and wires erase-everything (src/store/erase.ts), which needs the review log's queue, the
 * classifier host and the sites she enabled.
 * Chrome: the model lives in an offscreen document (long-lived, unlike the MV3 service worker, so
 * the model is not reloaded every time the worker sleeps). Firefox has no offscreen documents: the
 * background page itself hosts the model.
 */
import { browser } from 'wxt/browser';
import type { ClassifyResponse, ErrorResponse } from '@/src/messaging/messages';
import { CLASSIFY_PORT, createClassifyPortClient, serveClassifyPort } from '@/src/messaging/classify-port';
import { createBackgroundRouter, fromExtensionPage } from '@/src/messaging/background-router';
import type { HostStatusReply } from '@/src/messaging/background-protocol';
import { askOffscreen } from '@/src/messaging/offscreen-protocol';
import { createClassifierHost, HOST_FORGET, loadBundledAssets } from '@/src/classifier/host';
import { updateBadge } from '@/src/messaging/badge';
import { disableAllSites, enableSite, registerSitePermissionCleanup } from '@/src/sites/instances';
import { registerEraseBackground } from '@/src/store/erase';
import { registerReviewBackground } from '@/src/review/background';
import { registerProtectBackground } from '@/src/protect/background';
import { registerUiStrings } from '@/src/ui/ui-strings';

const OFFSCREEN_PATH = '/offscreen.html';

export default defineBackground(() => {
  const router = createBackgroundRouter();
  const review = registerReviewBackground(router);
  registerProtectBackground(router);
  registerUiStrings(router);
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

  registerEraseBackground(router, {
    before: () => review.discardAndClose(),
    async after() {
      // The host's score cache is keyed by texts she was shown. No offscreen document: nothing cached.
      localHost?.forget();
      if (hasOffscreen) await askOffscreen(HOST_FORGET);
      await disableAllSites();
    },
  });

  // The background's own port to the offscreen document, for the relay below (opened on first use).
  const offscreenPort = createClassifyPortClient(() => browser.runtime.connect({ name: CLASSIFY_PORT }));

  async function classify(texts: string[]): Promise<ClassifyResponse | ErrorResponse> {
    try {
      if (localHost) return { ok: true, ...(await localHost.classify(texts)) };
      await ensureOffscreen();
      return await offscreenPort.request(texts);
    } catch (e) {
      offscreenUp = false;
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  registerSitePermissionCleanup();

  // Content scripts ask the host over their port and come here only when nobody answered it (Chrome: the
  // offscreen document is not up yet, or was closed, and only the background can create it): start the
  // host and relay over the background's own port.
  router.on('classify', (msg) => classify(msg.texts));
  router.on('page-stats', (msg, sender) => {
    if (sender.tab?.id !== undefined && sender.frameId === 0) updateBadge(sender.tab.id, msg.stats);
  });
  router.on('host-status', async (): Promise<HostStatusReply> => {
    if (localHost) return { ok: true, ...localHost.status() };
    await ensureOffscreen();
    return (await askOffscreen('host-status')) ?? { ok: false, error: 'The classifier host did not answer' };
  });
  // Only extension pages (the popup) may enable a site, never a content script.
  router.on('enable-site', (msg, sender) => (fromExtensionPage(sender) ? enableSite(msg.origin, msg.tabId) : undefined));
});
