/**
 * The evidence fields of an item as the content script reads them (src/review/item-evidence.ts), on the
 * platform fixtures (pages following each platform's real markup): the post it answers and the account it
 * is aimed at where the adapter's `context` says how (a nested reply's comment, the page's own post), the
 * platform's post time; nothing where the markup does not give it (DMs, flat threads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADAPTERS } from '../../../src/platforms';
import { captureRect, itemEvidence } from '../../../src/review/item-evidence';
import { setGuarded } from '../../../src/shield/guard';
import { PLATFORM_FIXTURES, type PlatformFixture } from '../../fixtures/platforms';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/platforms');

/** The standard order test: linkedom answers "preceding" for any two nodes that are not siblings. */
function documentOrder(this: Node, other: Node): number {
  const chain = (n: Node): Node[] => (n.parentNode ? [...chain(n.parentNode), n] : [n]);
  const [a, b] = [chain(this), chain(other)];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length) return i === b.length ? 0 : 20; // other is inside this: contained_by | following
  if (i === b.length) return 10; // this is inside other: contains | preceding
  const kids = [...a[i - 1]!.childNodes];
  return kids.indexOf(b[i] as ChildNode) > kids.indexOf(a[i] as ChildNode) ? 4 : 2;
}

/**
 * The fixture as the page at its URL (linkedom, as the adapter test: jsdom's selector engine finds only
 * the first of repeated ids, which YouTube's markup has in every comment), its declared items marked as
 * the shield marks items.
 */
function open(f: PlatformFixture): HTMLElement[] {
  const { window, document } = parseHTML(fs.readFileSync(path.join(DIR, f.file), 'utf8'));
  let proto = Object.getPrototypeOf(document.body) as { compareDocumentPosition?: unknown } | null;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'compareDocumentPosition')) proto = Object.getPrototypeOf(proto) as typeof proto;
  if (proto) proto.compareDocumentPosition = documentOrder;
  vi.stubGlobal('location', new URL(f.url));
  vi.stubGlobal('document', document);
  vi.stubGlobal('ShadowRoot', (window as unknown as { ShadowRoot?: unknown }).ShadowRoot ?? class {});
  const items = [...document.querySelectorAll<HTMLElement>('[data-expect]')];
  for (const el of items) setGuarded(el, 'data-bouclier', 'flagged');
  return items;
}

const ev = (f: PlatformFixture, el: HTMLElement) => itemEvidence({ el, kind: f.kind, platform: f.platform });
const fixture = (file: string) => PLATFORM_FIXTURES.find((f) => f.file === file)!;

afterEach(() => vi.unstubAllGlobals());

/** The declared item by this author (shreddit-comment[author]). */
const by = (items: HTMLElement[], author: string): HTMLElement => items.find((e) => e.getAttribute('author') === author)!;

const WITH_CONTEXT = ['x.html', 'x-loggedout.html', 'reddit.html', 'reddit-old.html', 'youtube.html', 'linkedin.html'];

describe('adapter context data', () => {
  it('every recipe is well-formed and its selectors parse', () => {
    const { document } = parseHTML('<html><body><div id="probe"><p>x</p></div></body></html>');
    const probe = document.getElementById('probe')!;
    for (const a of ADAPTERS) {
      for (const r of a.context?.parent ?? []) {
        expect(['enclosing', 'main', 'page']).toContain(r.from);
        expect(r.post.length, a.id).toBeGreaterThan(0);
        if (r.from === 'enclosing') expect(r.within?.length, a.id).toBeGreaterThan(0);
        if (r.from === 'main') expect(a.mainPost?.length, `${a.id}: a 'main' parent needs mainPost rules`).toBeGreaterThan(0);
        expect(r.author?.length || r.authorAttr || r.text?.length || r.textAttr || r.permalink?.length || r.permalinkAttr, a.id).toBeTruthy();
        for (const sel of [...(r.within ?? []), ...r.post, ...(r.author ?? []), ...(r.permalink ?? []), ...(r.text ?? [])]) {
          expect(() => (sel === ':scope' ? probe : probe.querySelector(sel)), `${a.id}: ${sel}`).not.toThrow();
        }
      }
      for (const sel of a.context?.target ?? []) expect(() => probe.querySelector(sel), `${a.id}: ${sel}`).not.toThrow();
    }
  });
});

describe('the post an item answers and the account it is aimed at, on the fixtures', () => {
  for (const file of WITH_CONTEXT) {
    it(`${file}: every item has a parent (author, text, a link on the site when the post has one) and a target`, () => {
      const f = fixture(file);
      const problems: string[] = [];
      for (const el of open(f)) {
        const e = ev(f, el);
        const own = el.textContent ?? '';
        const where = `"${own.replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
        if (!e.parent?.author || !e.parent.text) problems.push(`${where}: parent ${JSON.stringify(e.parent)}`);
        else if (own.includes(e.parent.text)) problems.push(`${where}: its own text taken for its parent's`);
        if (e.parent?.permalink && new URL(e.parent.permalink).hostname !== new URL(f.url).hostname) problems.push(`${where}: parent link ${e.parent.permalink}`);
        if (!e.target || e.target !== e.parent?.author) problems.push(`${where}: target ${e.target}, parent by ${e.parent?.author}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('Reddit: a nested reply answers its comment; a top-level comment answers the submission', () => {
    const f = fixture('reddit.html');
    const items = open(f);
    expect(ev(f, by(items, 'jmb_75'))).toEqual({
      postedAt: '2026-11-27T08:07:00.000Z',
      parent: { permalink: 'https://www.reddit.com/r/france/comments/1h1q2w3/comment/1100abc/', author: 'sarahk_writes', text: 'Merci pour ce fil, c’est super clair et bien sourcé.' },
      target: 'sarahk_writes',
    });
    expect(ev(f, by(items, 'kev_du_93'))).toEqual({
      postedAt: '2026-11-27T08:28:00.000Z',
      parent: { permalink: 'https://www.reddit.com/r/france/comments/1h1q2w3/les_femmes_ingenieures_en_france_temoignages/', author: 'louise_ing', text: 'Les femmes ingénieures en France : vos témoignages' },
      target: 'louise_ing',
    });
  });

  it('old Reddit: the same from .thing attributes', () => {
    const f = fixture('reddit-old.html');
    const items = open(f);
    const reply = items.find((e) => e.parentElement?.closest('.thing.comment'))!;
    const parent = reply.parentElement!.closest('.thing.comment')!;
    expect(ev(f, reply).parent).toMatchObject({ author: parent.getAttribute('data-author'), permalink: `https://old.reddit.com${parent.getAttribute('data-permalink')}` });
    const top = items.find((e) => !e.parentElement?.closest('.thing.comment'))!;
    expect(ev(f, top).parent).toEqual({ permalink: 'https://old.reddit.com/r/AskWomen/comments/1h1r9x2/what_made_you_pick_your_career/', author: 'maya_codes', text: 'What made you pick your career?' });
  });

  it("X: a reply under a status page's post answers it, unless its \"Replying to\" line names another account", () => {
    const f = fixture('x.html');
    const items = open(f);
    const post = { permalink: 'https://x.com/camille_dlt/status/1861923456789012345', author: 'camille_dlt', text: 'Nouvelle enquête : les ingénieures gagnent encore 14 % de moins que leurs collègues à poste égal. Thread 🧵' };
    expect(ev(f, items[0]!)).toEqual({ postedAt: '2026-11-27T08:00:00.000Z', parent: post, target: 'camille_dlt' });
    // "Replying to @marie_l": aimed at her; the post it answers is not on the page.
    const line = items[1]!.querySelector('a[href="/camille_dlt"]:not([data-testid="User-Name"] *)')!;
    line.setAttribute('href', '/marie_l');
    line.textContent = '@marie_l';
    expect(ev(f, items[1]!)).toEqual({ postedAt: '2026-11-27T08:07:00.000Z', target: 'marie_l' });
    // A mention inside the text is not a reply line.
    const text = items[2]!.querySelector('[data-testid="tweetText"]')!;
    text.insertAdjacentHTML('beforeend', ' <a href="/someone" role="link">@someone</a>');
    expect(ev(f, items[2]!).target).toBe('camille_dlt');
    // A post shown above the page's own post (what it answers) does not answer it.
    const cell = items[3]!.closest('[data-testid="cellInnerDiv"]')!;
    cell.parentElement!.prepend(cell);
    expect(ev(f, items[3]!).parent).toBeUndefined();
  });

  it('YouTube: a reply answers the first comment of its thread; a comment answers the video', () => {
    const f = fixture('youtube.html');
    const items = open(f);
    const reply = items.find((e) => e.hasAttribute('is-reply'))!;
    const top = reply.closest('ytd-comment-thread-renderer')!.querySelector(':scope > ytd-comment-view-model')!;
    const lc = top.querySelector('#published-time-text a')!.getAttribute('href')!;
    expect(ev(f, reply)).toEqual({
      parent: { permalink: new URL(lc, f.url).href, author: top.querySelector('#author-text')!.getAttribute('href')!.slice(2), text: top.querySelector('#content-text')!.textContent!.trim() },
      target: top.querySelector('#author-text')!.getAttribute('href')!.slice(2),
    });
    expect(ev(f, top as HTMLElement)).toEqual({ parent: { permalink: null, author: 'lea_codes', text: 'Je code un jeu vidéo en 48h (game jam)' }, target: 'lea_codes' });
  });

  it('LinkedIn: a reply answers the comment it is nested in; a comment answers the post', () => {
    const f = fixture('linkedin.html');
    const items = open(f);
    const reply = items.find((e) => e.classList.contains('comments-comment-entity--reply'))!;
    const parent = reply.parentElement!.closest('article')!;
    const name = parent.querySelector('.comments-comment-meta__description-title')!.textContent!;
    expect(ev(f, reply)).toMatchObject({ parent: { author: name, permalink: null }, target: name });
    const top = items.find((e) => !e.classList.contains('comments-comment-entity--reply'))!;
    expect(ev(f, top).parent?.author).toBe('Sophie Lambert');
  });

  it('DMs and platforms whose markup does not say get no parent nor target; the post time where the item shows one', () => {
    const problems: string[] = [];
    for (const f of PLATFORM_FIXTURES.filter((p) => !WITH_CONTEXT.includes(p.file))) {
      for (const el of open(f)) {
        const e = ev(f, el);
        if (e.parent || e.target) problems.push(`${f.file}: ${JSON.stringify(e)}`);
        const time = [...el.querySelectorAll('time[datetime]')].find((t) => t.parentElement?.closest('[data-expect]') === el);
        if (time && e.postedAt !== new Date(time.getAttribute('datetime')!).toISOString()) problems.push(`${f.file}: postedAt ${e.postedAt}`);
        if (!time && !el.hasAttribute('data-timestamp') && e.postedAt) problems.push(`${f.file}: postedAt ${e.postedAt} without a time`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('captureRect (content script)', () => {
  const el = (r: Partial<DOMRect>) => ({ getBoundingClientRect: () => ({ left: 0, top: 0, width: 0, height: 0, right: 0, bottom: 0, ...r }) }) as unknown as Element;
  it("sends the item's box and pixel ratio; nothing when it is off screen or not rendered", () => {
    vi.stubGlobal('innerWidth', 1000);
    vi.stubGlobal('innerHeight', 800);
    vi.stubGlobal('devicePixelRatio', 2);
    expect(captureRect(el({ left: 10, top: 20, width: 300, height: 50, right: 310, bottom: 70 }))).toEqual({ x: 10, y: 20, width: 300, height: 50, dpr: 2 });
    expect(captureRect(el({ left: 10, top: 900, width: 300, height: 50, right: 310, bottom: 950 }))).toBeNull();
    expect(captureRect(el({}))).toBeNull();
    vi.unstubAllGlobals();
  });
});
