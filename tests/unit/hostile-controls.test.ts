// @vitest-environment jsdom
/**
 * A hostile page controls nothing (src/shield/trusted.ts): page scripts calling `.click()` or
 * dispatching events on the shield's Show button, the threat "keep as evidence" button, the pile-on
 * banner's buttons, a blurred image, or `contextmenu` on another comment do nothing; her own (trusted)
 * clicks and keys still work. What opens tabs or writes her settings is rate-limited.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRateLimiter } from '../../src/shield/trusted';
import { setGuarded, startShieldGuard } from '../../src/shield/guard';
import { renderDecision, type ShieldTarget } from '../../src/shield/render';
import { shieldRoot } from '../../src/shield/label';
import { ensureThreatAction, installMediaListeners, shieldMedia } from '../../src/protect/dom';
import { createRaidBanner } from '../../src/protect/banner';
import { registerProtectBackground, HELP_TAB_EVERY_MS } from '../../src/protect/background';
import { createBackgroundRouter } from '../../src/messaging/background-router';
import { markAbusive, trackRightClicks } from '../../src/review/client';
import type { TrackedItem } from '../../src/scanner/item';
import { useEnglishMessages } from './helpers/english-messages';
import { dispatchTrusted, trustedClick } from './helpers/trusted-event';
import { makeItem } from './helpers/shield-item.ts';

beforeAll(() => useEnglishMessages());
beforeEach(() => {
  document.body.textContent = '';
});

/** The fake browser's onMessage.trigger is typed without sendResponse, which it does pass on. */
const sendToListeners = (...args: unknown[]): Promise<unknown> => (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)(...args);
const shieldOf = (item: ShieldTarget) => item.el.querySelector('[data-bouclier-ui="shield"]')!;

describe('a rate limiter', () => {
  it('allows `max` actions per window for each key, and again once the window has passed', () => {
    let now = 1_000;
    const limit = createRateLimiter(2, 5_000, () => now);
    expect([limit.take(1), limit.take(1), limit.take(1)]).toEqual([true, true, false]);
    expect(limit.take(2)).toBe(true); // another key has its own allowance
    now += 4_999;
    expect(limit.take(1)).toBe(false);
    now += 1;
    expect(limit.take(1)).toBe(true);
  });
});

describe('in-page controls act on her own events only', () => {
  it('the shield button ignores page clicks, and reveals on hers', () => {
    const item = makeItem('an abusive comment');
    renderDecision(item, { labels: ['insult'], action: 'collapse' });
    expect(shieldOf(item).shadowRoot).toBeNull(); // a page script cannot even find it
    const button = shieldRoot(shieldOf(item) as HTMLElement)!.querySelector('button')!;
    let reachedPage = false;
    item.el.addEventListener('click', () => (reachedPage = true));
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(item.el.getAttribute('data-bouclier')).toBe('flagged');
    expect(reachedPage).toBe(false);
    trustedClick(button);
    expect(item.el.getAttribute('data-bouclier')).toBe('revealed');
    trustedClick(button);
    expect(item.el.getAttribute('data-bouclier')).toBe('flagged');
  });

  it('"keep as evidence" ignores page clicks', () => {
    const item = makeItem('a threat');
    renderDecision(item, { labels: ['threat'], action: 'collapse' });
    const onClick = vi.fn();
    expect(ensureThreatAction(shieldOf(item) as HTMLElement, 'Keep as evidence', onClick)).toBe(true);
    const b = shieldRoot(shieldOf(item) as HTMLElement)!.querySelector<HTMLButtonElement>('button.evidence')!;
    for (let i = 0; i < 15; i++) b.click();
    expect(onClick).not.toHaveBeenCalled();
    trustedClick(b);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it("the pile-on banner's buttons ignore page clicks", () => {
    const actions = { lockdown: vi.fn(), lift: vi.fn(), dismiss: vi.fn() };
    const banner = createRaidBanner(actions);
    banner.render({ raid: { count: 12, accounts: 6, startedAt: 0 }, locked: false, hiddenByLockdown: 0 });
    expect(banner.element()!.shadowRoot).toBeNull();
    const root = banner.root()!;
    const main = root.querySelector<HTMLButtonElement>('button[data-action="lockdown"]')!;
    const close = root.querySelector<HTMLButtonElement>('button[data-action="dismiss"]')!;
    main.click();
    close.click();
    expect(actions.lockdown).not.toHaveBeenCalled();
    expect(actions.dismiss).not.toHaveBeenCalled();
    expect(banner.element()!.isConnected).toBe(true);
    trustedClick(main);
    expect(actions.lockdown).toHaveBeenCalledTimes(1);
    trustedClick(close);
    expect(actions.dismiss).toHaveBeenCalledTimes(1);
  });

  it('a blurred image ignores page clicks and keys, and is revealed by hers', () => {
    installMediaListeners();
    const el = document.createElement('article');
    const img = document.createElement('img');
    el.append(img);
    document.body.append(el);
    setGuarded(el, 'data-bouclier', 'flagged'); // an item the extension marked
    shieldMedia(el, 'flagged', () => 'blurred image');
    img.click();
    img.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(img.getAttribute('data-bouclier-media')).toBe('blurred');
    dispatchTrusted(img, new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
    expect(img.getAttribute('data-bouclier-media')).toBe('revealed');
  });
});

describe("a label's pinned look", () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('is put back when the page edits or removes its inline style, in the document and in a page shadow root', async () => {
    startShieldGuard();
    const inDocument = makeItem('an abusive comment');
    const outer = document.createElement('div');
    document.body.append(outer);
    const pageRoot = outer.attachShadow({ mode: 'open' });
    const inShadow = makeItem('another abusive comment');
    pageRoot.append(inShadow.el);
    // Its text marked beside it, or not (a removed item's whole element is marked instead).
    const removedInShadow = makeItem('a third abusive comment');
    pageRoot.append(removedInShadow.el);
    for (const [item, action] of [[inDocument, 'collapse'], [inShadow, 'blur'], [removedInShadow, 'remove']] as const) {
      renderDecision(item, { labels: ['insult'], action });
      const host = shieldOf(item);
      const pinned = host.getAttribute('style');
      expect(pinned).toContain('!important');
      host.setAttribute('style', 'display: none !important');
      await tick();
      expect(host.getAttribute('style')).toBe(pinned);
      host.removeAttribute('style');
      await tick();
      expect(host.getAttribute('style')).toBe(pinned);
    }
  });
});

describe('"abusive, hide this" follows her right-click only', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a synthetic contextmenu on another comment does not retarget it', async () => {
    const tracked = (text: string, author: string): TrackedItem => {
      const { el } = makeItem(text);
      return { el, text, author, displayName: null, permalink: null, kind: 'comment', platform: 'reddit', key: text, scores: null, seenAt: 0 } as unknown as TrackedItem;
    };
    const a = tracked('the abusive comment she right-clicked', 'abuser');
    const b = tracked("her friend's comment", 'friend');
    const rightClicked = trackRightClicks({ items: () => [a, b] });

    dispatchTrusted(a.el.firstElementChild!, new MouseEvent('contextmenu', { bubbles: true, composed: true }));
    b.el.firstElementChild!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true }));
    expect(await markAbusive(rightClicked())).toEqual({ ok: true, text: a.text });
  });
});

describe('the reporting help opens a few tabs at most', () => {
  beforeEach(() => fakeBrowser.reset());

  it('one help tab per tab per few seconds, however many requests arrive', async () => {
    let now = 10_000;
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    registerProtectBackground(createBackgroundRouter(), () => now);
    const ask = (tabId: number) =>
      sendToListeners({ type: 'protect-open-help' }, { id: fakeBrowser.runtime.id, tab: { id: tabId, index: 0 } }, () => undefined);
    for (let i = 0; i < 15; i++) await ask(7);
    expect(create).toHaveBeenCalledTimes(1);
    await ask(8); // another tab has its own allowance
    expect(create).toHaveBeenCalledTimes(2);
    now += HELP_TAB_EVERY_MS;
    for (let i = 0; i < 15; i++) await ask(7);
    expect(create).toHaveBeenCalledTimes(3);
    // And a few per minute across all tabs, whichever tabs ask.
    for (let tab = 100; tab < 120; tab++) await ask(tab);
    expect(create.mock.calls.length).toBeLessThanOrEqual(4);
  });
});
