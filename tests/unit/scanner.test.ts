// @vitest-environment jsdom
/**
 * The one scanner (jsdom, with a fake classifier host): what a user notices is that comments get a
 * verdict quickly when a few arrive, that a burst of hundreds travels in few full batches instead of a
 * message per slice (which starved the page in the 2,000-comment bench), and that a re-render of the
 * same text is answered from the cache without asking the model again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BURST_WAITING, createScanner, MAX_BATCH, type ClassifyResult, type ScannerOptions, type TrackedItem } from '../../src/scanner/scanner';
import type { PlatformAdapter } from '../../src/platforms/types';
import { adapter, comment, score, thresholds, until } from './helpers/scanner-page.ts';


/** A host that answers after `delayMs`, recording every request. */
function fakeHost(delayMs: number) {
  const calls: string[][] = [];
  return {
    calls,
    classify(texts: string[]): Promise<ClassifyResult> {
      calls.push(texts);
      return new Promise((resolve) => setTimeout(() => resolve({ scores: texts.map(score), thresholds }), delayMs));
    },
  };
}



function setup(delayMs: number, extra: Partial<ScannerOptions> = {}) {
  const host = fakeHost(delayMs);
  const scored: TrackedItem[] = [];
  const scanner = createScanner({
    adapters: [adapter],
    classify: (t) => host.classify(t),
    onPending: () => undefined,
    onScored: (item) => scored.push(item),
    fallbackAfterMs: 60_000,
    ...extra,
  });
  scanner.start();
  return { host, scored, scanner };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('scanner', () => {
  it('marks every comment of a burst pending by the first frame after it is read (strict mode withholds them all)', async () => {
    // The scanner's clock is virtual here: only marking advances it, so a busy machine cannot make the
    // frame look longer than it is (with a wall clock this test failed under load).
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    try {
      const pending = new Set<string>();
      const scanner = createScanner({
        adapters: [adapter],
        classify: () => new Promise<ClassifyResult>(() => undefined), // the model never answers
        onPending: (item) => {
          // Marking costs a little on a real page (attributes, her rules): 12 µs each, 12 ms for the burst,
          // more than a render budget (8 ms: 667 of them), less than the strict-mode one.
          now += 0.012;
          pending.add(item.text);
        },
        onScored: () => undefined,
        fallbackAfterMs: 60_000,
        withholding: () => true,
      });
      scanner.start();
      for (let i = 0; i < 1000; i++) document.body.append(comment(i));
      await until(() => scanner.items().length === 1000);
      // One more frame (jsdom animation frames are timers): everything read is marked, not a budget's worth.
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      expect(pending.size).toBe(1000);
    } finally {
      clock.mockRestore();
    }
  });

  it('signals a burst from the first read of a thread rendered at once, until its last verdict is rendered; a few comments are no burst', async () => {
    const bursts: boolean[] = [];
    const states: (string | null)[] = [];
    const { scored, scanner } = setup(30, {
      onBurst: (on) => {
        bursts.push(on);
        // When the burst ends, no comment may be left without its verdict rendered.
        if (!on) states.push(...[...document.querySelectorAll('article.c')].map((el) => (scored.some((s) => s.el === el) ? 'scored' : el.getAttribute('data-bouclier'))));
      },
    });
    const few = Array.from({ length: 5 }, (_, i) => comment(i));
    document.body.append(...few);
    await until(() => scored.length === 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(bursts).toEqual([]);

    const many = Array.from({ length: BURST_WAITING + 36 }, (_, i) => comment(100 + i));
    document.body.append(...many);
    // On at once: the comments the page just rendered are marked pending with the burst already on.
    await Promise.resolve();
    expect(bursts).toEqual([true]);
    expect(scanner.bursting()).toBe(true);
    await until(() => bursts.length === 2);
    expect(bursts).toEqual([true, false]);
    expect(scored.length).toBe(5 + many.length);
    expect(states.every((s) => s === 'scored')).toBe(true);
  });

  it('signals a burst for one subtree holding many comments (a SPA rendering a thread), not for many nodes holding none', async () => {
    const bursts: boolean[] = [];
    const { scored, scanner } = setup(30, { onBurst: (on) => bursts.push(on) });
    // A page's header and menus: hundreds of nodes, no comment.
    document.body.append(...Array.from({ length: 300 }, () => document.createElement('div')));
    // Read in slices; on a busy machine that takes longer than any fixed wait.
    await until(() => scanner.readAll());
    expect(bursts).toEqual([]);

    const thread = document.createElement('section');
    thread.append(...Array.from({ length: BURST_WAITING + 10 }, (_, i) => comment(500 + i)));
    document.body.append(thread);
    await Promise.resolve();
    expect(bursts).toEqual([true]);
    await until(() => bursts.length === 2);
    expect(scored.length).toBe(BURST_WAITING + 10);
  });

  it('scores a few new comments, each text sent once', async () => {
    const { host, scored } = setup(5);
    for (let i = 0; i < 3; i++) document.body.append(comment(i, i === 1 ? 'you are bad' : `hello ${i}`));
    await until(() => scored.length === 3);
    expect(host.calls.flat().sort()).toEqual(['hello 0', 'hello 2', 'you are bad']);
    expect(scored.find((s) => s.text === 'you are bad')?.scores?.misogyny).toBeCloseTo(0.9);
  });

  it('while a batch is out, lets new comments wait and sends them in full batches, each text once', async () => {
    // A host that answers only when told to, so the test sees exactly what the scanner sends when.
    const calls: { texts: string[]; answer: () => void }[] = [];
    const scored: TrackedItem[] = [];
    const scanner = createScanner({
      adapters: [adapter],
      classify: (texts) =>
        new Promise<ClassifyResult>((resolve) => calls.push({ texts, answer: () => resolve({ scores: texts.map(score), thresholds }) })),
      onPending: () => undefined,
      onScored: (item) => scored.push(item),
      fallbackAfterMs: 60_000,
    });
    scanner.start();
    document.body.append(comment(0));
    await until(() => calls.length === 1); // idle host: the first comment leaves at once
    expect(calls[0]!.texts).toHaveLength(1);

    // 500 more arrive (a page rendering a long thread) while that request is out.
    const frag = document.createDocumentFragment();
    for (let i = 1; i <= 500; i++) frag.append(comment(i));
    document.body.append(frag);
    await until(() => scanner.items().length === 501);
    await new Promise((r) => setTimeout(r, 50));
    // Only one full batch may join the one in flight; no trickle of small requests.
    expect(calls.map((c) => c.texts.length)).toEqual([1, MAX_BATCH]);

    for (let n = 0; n < 10 && scored.length < 501; n++) {
      for (const c of calls.splice(0)) c.answer();
      await until(() => calls.length > 0 || scored.length === 501).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(scored).toHaveLength(501);
  });

  it('sends each text once, in requests of at most MAX_BATCH, for a burst of 1,000', async () => {
    const { host, scored } = setup(10);
    for (let f = 0; f < 10; f++) {
      const frag = document.createDocumentFragment();
      for (let i = 0; i < 100; i++) frag.append(comment(f * 100 + i));
      document.body.append(frag);
      await new Promise((r) => setTimeout(r, 4));
    }
    await until(() => scored.length === 1000, 20_000);
    expect(host.calls.every((c) => c.length <= MAX_BATCH)).toBe(true);
    expect(host.calls.flat()).toHaveLength(1000);
  });

  it('answers a re-render of the same text from the cache, without asking the model again', async () => {
    const { host, scored } = setup(5);
    const first = comment(1, 'the same words');
    document.body.append(first);
    await until(() => scored.length === 1);
    const copy = comment(1, 'the same words');
    first.replaceWith(copy); // a framework re-render builds a fresh node
    await until(() => scored.length === 2);
    expect(scored[1]!.el).toBe(copy);
    expect(host.calls).toHaveLength(1);
  });

  it('classifies a comment again when its text changes in place (edited)', async () => {
    const { host, scored } = setup(5);
    const el = comment(1, 'first version');
    document.body.append(el);
    await until(() => scored.length === 1);
    el.querySelector('p')!.textContent = 'edited: now bad';
    await until(() => scored.length === 2);
    expect(host.calls.map((c) => c[0])).toEqual(['first version', 'edited: now bad']);
    expect(scored[1]!.scores?.insult).toBeCloseTo(0.9);
  });

  it('classifies while her settings load, and renders nothing until told to', async () => {
    const host = fakeHost(5);
    const pending: TrackedItem[] = [];
    const scored: TrackedItem[] = [];
    const scanner = createScanner({
      adapters: [adapter],
      classify: (t) => host.classify(t),
      onPending: (item) => pending.push(item),
      onScored: (item) => scored.push(item),
      fallbackAfterMs: 60_000,
      holdRendering: true,
    });
    scanner.start();
    for (let i = 0; i < 5; i++) document.body.append(comment(i, i === 0 ? 'bad words' : `fine ${i}`));
    await until(() => host.calls.flat().length === 5);
    await new Promise((r) => setTimeout(r, 30)); // answers are back, still not rendered
    expect(scored).toHaveLength(0);
    expect(pending).toHaveLength(0);
    scanner.render();
    await until(() => scored.length === 5);
    expect(pending).toHaveLength(0); // already scored: no pending state in between
    expect(host.calls.flat()).toHaveLength(5);
  });

  it('keeps items pending and retries when the host fails, and reports the failure', async () => {
    let fail = true;
    const errors: string[] = [];
    const scored: TrackedItem[] = [];
    const scanner = createScanner({
      adapters: [adapter],
      classify: async (texts) => {
        if (fail) throw new Error('model missing');
        return { scores: texts.map(score), thresholds };
      },
      onPending: () => undefined,
      onScored: (item) => scored.push(item),
      onHostError: (m) => errors.push(m),
      fallbackAfterMs: 60_000,
    });
    scanner.start();
    document.body.append(comment(1));
    await until(() => errors.length > 0);
    expect(errors[0]).toContain('model missing');
    expect(scored).toHaveLength(0);
    fail = false;
    await until(() => scored.length === 1, 5000); // retried after RETRY_MS
    expect(scanner.hostError()).toBeNull();
  });
});

describe('scanner in shadow roots', () => {
  const chat: PlatformAdapter = {
    id: 'chat',
    name: 'Chat',
    hosts: ['localhost'],
    rules: [{ kind: 'dm', item: ['x-event'], text: ['.text'], author: ['.who'] }],
    shadowHosts: ['x-app', 'x-room'],
  };
  /** An event whose content lives in its own shadow root (as Reddit chat's rs-timeline-event). */
  function event(text: string): HTMLElement {
    const ev = document.createElement('x-event');
    ev.attachShadow({ mode: 'open' }).innerHTML = `<span class="who">u1</span><div class="text">${text}</div>`;
    return ev;
  }

  it('opens nested roots (also a host added later inside one), reads text in the item’s own root, and re-reads it on re-render', async () => {
    const host = fakeHost(5);
    const scored: TrackedItem[] = [];
    const app = document.createElement('x-app');
    const appRoot = app.attachShadow({ mode: 'open' });
    document.body.append(app);
    const scanner = createScanner({ adapters: [chat], classify: (t) => host.classify(t), onPending: () => undefined, onScored: (i) => scored.push(i), fallbackAfterMs: 60_000 });
    scanner.start();
    // The room (itself a shadow host) arrives later inside the app's root, with one message.
    const room = document.createElement('x-room');
    const roomRoot = room.attachShadow({ mode: 'open' });
    roomRoot.append(event('hello there'));
    appRoot.append(room);
    await until(() => scored.length === 1);
    expect(scored[0]).toMatchObject({ text: 'hello there', author: 'u1', kind: 'dm' });
    // A new message in the room's root.
    roomRoot.append(event('you are bad'));
    await until(() => scored.length === 2);
    expect(scored[1]!.text).toBe('you are bad');
    // The message redraws its own shadow content (same text): its verdict is rendered again on the new
    // text element, from the cache.
    const ev = roomRoot.lastElementChild as HTMLElement;
    ev.shadowRoot!.innerHTML = '<span class="who">u1</span><div class="text">you are bad</div>';
    await until(() => scored.length === 3);
    expect(scored[2]!.textEls[0]).toBe(ev.shadowRoot!.querySelector('.text'));
    expect(host.calls.flat()).toEqual(['hello there', 'you are bad']);
  });
});

describe('scanner: which rules apply to the page', () => {
  function start(adapters: PlatformAdapter[]) {
    const host = fakeHost(1);
    const scored: TrackedItem[] = [];
    const scanner = createScanner({ adapters, classify: (t) => host.classify(t), onPending: () => undefined, onScored: (i) => scored.push(i), fallbackAfterMs: 60_000 });
    scanner.start();
    return { scored, scanner };
  }
  function item(cls: string, text: string): HTMLElement {
    const el = document.createElement('div');
    el.className = cls;
    const p = document.createElement('p');
    p.textContent = text;
    el.append(p);
    return el;
  }

  it('follows SPA navigation: direct messages are read once she opens the messages page, not before', async () => {
    history.replaceState(null, '', '/home');
    const spa: PlatformAdapter = {
      id: 'spa',
      name: 'Spa',
      hosts: ['localhost'],
      rules: [
        { kind: 'dm', item: ['div.spa-dm'], text: [':scope > p'], path: '^/messages/' },
        { kind: 'comment', item: ['div.spa-post'], text: [':scope > p'] },
      ],
    };
    const { scored } = start([spa]);
    document.body.append(item('spa-dm', 'a message outside the messages page'), item('spa-post', 'a post on the home page'));
    await until(() => scored.length === 1);
    expect(scored[0]).toMatchObject({ text: 'a post on the home page', kind: 'comment' });
    history.pushState(null, '', '/messages/42');
    document.body.append(item('spa-dm', 'hello from the inbox'));
    await until(() => scored.length === 2);
    expect(scored[1]).toMatchObject({ text: 'hello from the inbox', kind: 'dm' });
    history.pushState(null, '', '/home');
    document.body.append(item('spa-dm', 'not read on the home page'), item('spa-post', 'another post'));
    await until(() => scored.length === 3);
    expect(scored.map((s) => s.text)).toEqual(['a post on the home page', 'hello from the inbox', 'another post']);
  });

  it('reads a platform recognised by its markup once the markup shows, even after the first comments came', async () => {
    history.replaceState(null, '', '/@someone');
    const instance: PlatformAdapter = { id: 'instance', name: 'Instance', hosts: [], detect: '#instance-app', rules: [{ kind: 'comment', item: ['div.toot'], text: [':scope > p'] }] };
    const { scored, scanner } = start([instance]);
    document.body.append(item('toot', 'before the app shell'));
    await new Promise((r) => setTimeout(r, 50));
    expect(scored).toEqual([]);
    expect(scanner.platform()).toBeNull();
    const shell = document.createElement('div');
    shell.id = 'instance-app';
    shell.append(item('toot', 'inside the app shell'));
    document.body.append(shell);
    await until(() => scored.length >= 1);
    expect(scored.map((s) => s.text)).toContain('inside the app shell');
    expect(scanner.platform()).toBe('instance');
  });
});
