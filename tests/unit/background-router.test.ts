/**
 * The background's one router: every message it takes is one of the union, validated before any
 * handler sees it; only our own contexts are answered; each type has one handler, which says whom it
 * answers; messages for the offscreen document are not the background's.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pack, unpack } from '../../src/messaging/wire';
import { parseBackgroundRequest } from '../../src/messaging/background-protocol';
import { createBackgroundRouter, fromExtensionPage, fromWebPage } from '../../src/messaging/background-router';
import { parseOffscreenRequest } from '../../src/messaging/offscreen-protocol';

/** The fake browser's onMessage.trigger is typed without sendResponse, which it does pass on. */
const send = (msg: unknown, sender: object): Promise<unknown> =>
  new Promise((resolve) => {
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown[]>;
    void trigger(msg, sender, resolve).then((returned) => {
      // No listener kept the channel open: no answer.
      if (!returned.includes(true)) setTimeout(() => resolve(undefined), 0);
    });
  });

describe('background protocol', () => {
  it('takes every request of the union, well-formed, and nothing else', () => {
    expect(parseBackgroundRequest({ type: 'classify', texts: ['a'], relay: true })).toEqual({ type: 'classify', texts: ['a'], relay: true });
    expect(parseBackgroundRequest({ type: 'classify', texts: [1] })).toBeNull();
    expect(parseBackgroundRequest({ type: 'host-status' })).toEqual({ type: 'host-status' });
    expect(parseBackgroundRequest({ type: 'review-status', extra: 1 })).toEqual({ type: 'review-status' });
    expect(parseBackgroundRequest({ type: 'review-pin', id: 'x', pinned: true })).toEqual({ type: 'review-pin', id: 'x', pinned: true });
    expect(parseBackgroundRequest({ type: 'review-pin', id: 'x' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'enable-site', origin: 'https://m.example', tabId: 3 })).toEqual({ type: 'enable-site', origin: 'https://m.example', tabId: 3 });
    expect(parseBackgroundRequest({ type: 'enable-site', origin: 'https://m.example', tabId: 'x' })).toEqual({ type: 'enable-site', origin: 'https://m.example' });
    expect(parseBackgroundRequest({ type: 'enable-site' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'erase-everything', all: true })).toEqual({ type: 'erase-everything' });
    expect(parseBackgroundRequest({ type: 'protect-open-help' })).toEqual({ type: 'protect-open-help' });
    expect(parseBackgroundRequest({ type: 'review-retry' })).toEqual({ type: 'review-retry' });
    for (const raw of [null, 'classify', 42, {}, { type: 'get-page-stats' }, { type: 'nope' }]) expect(parseBackgroundRequest(raw)).toBeNull();
  });

  it('leaves messages for the offscreen document to it', () => {
    expect(parseBackgroundRequest({ target: 'offscreen', type: 'host-status' })).toBeNull();
    expect(parseOffscreenRequest({ target: 'offscreen', type: 'host-status' })).toEqual({ target: 'offscreen', type: 'host-status' });
    expect(parseOffscreenRequest({ target: 'offscreen', type: 'host-forget' })).toEqual({ target: 'offscreen', type: 'host-forget' });
    expect(parseOffscreenRequest({ target: 'offscreen', type: 'classify', texts: ['a'] })).toBeNull();
    expect(parseOffscreenRequest({ type: 'host-status' })).toBeNull();
  });
});

describe('background router', () => {
  beforeEach(() => fakeBrowser.reset());
  const me = () => fakeBrowser.runtime.id;
  const page = () => ({ id: me(), url: fakeBrowser.runtime.getURL('/review.html' as never) });
  const tab = { id: 4, index: 0, windowId: 1 };

  it('answers our own contexts, synchronously or later, and nobody else', async () => {
    const router = createBackgroundRouter();
    router.on('review-status', () => ({ error: null, unsaved: 0, dropped: 0, at: 1 }));
    router.on('enable-site', async (msg) => ({ ok: msg.origin === 'https://m.example' }));
    expect(await send({ type: 'review-status' }, page())).toEqual({ error: null, unsaved: 0, dropped: 0, at: 1 });
    expect(await send({ type: 'enable-site', origin: 'https://m.example' }, page())).toEqual({ ok: true });
    expect(await send({ type: 'review-status' }, { id: 'another-extension' })).toBeUndefined();
    expect(await send({ type: 'review-status', target: 'offscreen' }, page())).toBeUndefined();
    expect(await send({ type: 'host-status' }, page())).toBeUndefined(); // no handler
  });

  it('a handler that fails answers an error; one that refuses the sender answers nothing', async () => {
    const router = createBackgroundRouter();
    router.on('host-status', () => Promise.reject(new Error('down')));
    router.on('erase-everything', (_msg, sender) => (fromExtensionPage(sender) ? { ok: true, errors: [] } : undefined));
    expect(await send({ type: 'host-status' }, page())).toEqual({ ok: false, error: 'Error: down' });
    expect(await send({ type: 'erase-everything' }, { id: me(), url: 'https://evil.example/', tab })).toBeUndefined();
    expect(await send({ type: 'erase-everything' }, page())).toEqual({ ok: true, errors: [] });
  });

  it('answers a request sent as one string (askBackground) in the same form, and ignores an envelope that is not JSON', async () => {
    const router = createBackgroundRouter();
    router.on('enable-site', async (msg) => ({ ok: msg.origin === 'https://m.example' }));
    const reply = await send(pack({ type: 'enable-site', origin: 'https://m.example' }), page());
    expect(reply).toEqual(pack({ ok: true }));
    expect(unpack(reply)).toEqual({ ok: true });
    expect(await send({ bouclier: '{not json' }, page())).toBeUndefined();
  });

  it('one handler per type', () => {
    const router = createBackgroundRouter();
    router.on('review-retry', () => undefined);
    expect(() => router.on('review-retry', () => undefined)).toThrow(/two handlers/);
  });

  it('tells pages from content scripts in web pages', () => {
    expect(fromExtensionPage(page())).toBe(true);
    expect(fromExtensionPage({ id: me(), url: 'https://x.com/', tab })).toBe(false);
    expect(fromExtensionPage({ id: me() })).toBe(false);
    expect(fromWebPage({ id: me(), url: 'https://x.com/', tab, frameId: 2 })).toBe(true);
    expect(fromWebPage({ id: me(), url: 'https://x.com/', tab, frameId: 2 }, true)).toBe(false);
    expect(fromWebPage({ id: me(), url: 'https://x.com/', frameId: 0 })).toBe(false);
    expect(fromWebPage(page())).toBe(false);
  });
});
