/**
 * Offscreen document (Chrome): hosts the classifier for all tabs. It only answers messages the
 * background addressed to it (`target: 'offscreen'`); content scripts never talk to it directly.
 */
import { browser } from 'wxt/browser';
import { createClassifierHost, loadBundledAssets } from '@/src/classifier/host';
import { parseRequest, type OffscreenRequest } from '@/src/messaging/messages';

const host = createClassifierHost(() => loadBundledAssets((p) => browser.runtime.getURL(p as never)));
host.warmUp();

browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  const msg = raw as OffscreenRequest | null;
  if (msg?.target !== 'offscreen' || sender.id !== browser.runtime.id) return false;
  if (msg.type === 'host-status') {
    sendResponse({ ok: true, ...host.status() });
    return false;
  }
  const req = parseRequest({ type: 'classify', texts: msg.texts });
  if (req?.type !== 'classify') {
    sendResponse({ ok: false, error: 'Malformed classify request' });
    return false;
  }
  host.classify(req.texts).then(
    (r) => sendResponse({ ok: true, ...r }),
    (e: unknown) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
  return true;
});
