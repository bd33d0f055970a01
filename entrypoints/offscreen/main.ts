/**
 * Offscreen document (Chrome): hosts the classifier for all tabs. It answers classify requests that
 * content scripts send over their port (the fast path, src/messaging/classify-port.ts), and the ones
 * the background relays (`target: 'offscreen'`, after starting this document). Nothing outside the
 * extension can reach it.
 */
import { browser } from 'wxt/browser';
import { createClassifierHost, HOST_FORGET, loadBundledAssets } from '@/src/classifier/host';
import type { OffscreenRequest } from '@/src/messaging/messages';
import { answerClassify, CLASSIFY_PORT, serveClassifyPort } from '@/src/messaging/classify-port';

const host = createClassifierHost(() => loadBundledAssets((p) => browser.runtime.getURL(p as never)));
host.warmUp();

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== CLASSIFY_PORT || port.sender?.id !== browser.runtime.id) return;
  serveClassifyPort(port, (texts) => host.classify(texts));
});

browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  if (sender.id !== browser.runtime.id) return false;
  // From the background after erase-everything; never from a content script (those have a tab).
  const forget = raw as { target?: unknown; type?: unknown } | null;
  if (forget?.target === 'offscreen' && forget.type === HOST_FORGET) {
    if (sender.tab) return false;
    host.forget();
    sendResponse({ ok: true });
    return false;
  }
  const msg = raw as OffscreenRequest | null;
  if (msg?.target !== 'offscreen') return false;
  if (msg.type === 'host-status') {
    sendResponse({ ok: true, ...host.status() });
    return false;
  }
  void answerClassify(msg.texts, (texts) => host.classify(texts)).then(sendResponse);
  return true;
});
