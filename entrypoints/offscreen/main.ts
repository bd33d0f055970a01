/**
 * Offscreen document (Chrome): hosts the classifier for all tabs. Classify requests arrive over
 * classify ports only (src/messaging/classify-port.ts): content scripts' own, and the background's when
 * it has just started this document for a tab whose port nobody answered. Its one message listener
 * answers the background's other requests (src/messaging/offscreen-protocol.ts). Nothing outside the
 * extension can reach it.
 */
import { browser } from 'wxt/browser';
import { createClassifierHost, HOST_FORGET, loadBundledAssets } from '@/src/classifier/host';
import { CLASSIFY_PORT, serveClassifyPort } from '@/src/messaging/classify-port';
import { parseOffscreenRequest, type OffscreenReplies } from '@/src/messaging/offscreen-protocol';

const host = createClassifierHost(() => loadBundledAssets((p) => browser.runtime.getURL(p as never)));
host.warmUp();

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== CLASSIFY_PORT || port.sender?.id !== browser.runtime.id) return;
  serveClassifyPort(port, (texts) => host.classify(texts));
});

browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  // From the background only: never from a content script (those have a tab).
  if (sender.id !== browser.runtime.id || sender.tab) return false;
  const msg = parseOffscreenRequest(raw);
  if (msg?.type === 'host-status') sendResponse({ ok: true, ...host.status() } satisfies OffscreenReplies['host-status']);
  else if (msg?.type === HOST_FORGET) {
    // After erase-everything: the score cache is keyed by texts she was shown.
    host.forget();
    sendResponse({ ok: true } satisfies OffscreenReplies[typeof HOST_FORGET]);
  }
  return false;
});
