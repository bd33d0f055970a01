/**
 * Platform adapters: their data is well-formed, and on every fixture (a page following the platform's real
 * markup) their rules find exactly the items the fixture declares (data-expect), read a non-empty text of
 * that item only (not of its nested replies), an author and, where the platform has them, a permalink,
 * and never take the page's own post (data-fixture="post") or her own messages (data-fixture="own").
 *
 * The DOM is linkedom (no layout); item reading uses the scanner's own extractItem, and rule selection
 * mirrors src/scanner/scanner.ts (rules in order, path filter, exclude by matches(), first rule claims).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADAPTERS, adaptersDetectedIn, adaptersForHost } from '../../src/platforms';
import { SUPPORTED_HOST_PERMISSIONS } from '../../src/platforms/hosts';
import type { ItemRule, PlatformAdapter } from '../../src/platforms/types';
import { extractItem, type ItemData } from '../../src/scanner/extract';
import { PLATFORM_FIXTURES, type PlatformFixture } from '../fixtures/platforms';
import { ABUSIVE, CLEAN } from '../fixtures/platforms/corpus';
import { findMainPost } from '../../src/platforms/main-post';

const PLATFORMS_DIR = path.resolve(import.meta.dirname, '../../src/platforms');
const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/platforms');

/** Parse a selector the way a page would (throws on a malformed one). */
function parses(selector: string): boolean {
  const { document } = parseHTML('<html><body><div id="probe"><p>x</p></div></body></html>');
  document.querySelector(selector);
  document.getElementById('probe')!.querySelector(selector);
  document.getElementById('probe')!.matches(selector);
  return true;
}

/** Pseudo-classes some engines accept but browsers do not. */
const NON_STANDARD = /:(contains|icontains|eq|first|last|even|odd|gt|lt|header|button|input|checkbox|selected)(?![\w-])/;

function allSelectors(rule: ItemRule): string[] {
  return [...rule.item, ...rule.text, ...(rule.author ?? []), ...(rule.displayName ?? []), ...(rule.permalink ?? []), ...(rule.exclude ?? [])];
}

describe('platform adapters: data', () => {
  it('every adapter file is in the registry, ids are unique', async () => {
    const files = fs
      .readdirSync(PLATFORMS_DIR)
      .filter((f) => f.endsWith('.ts') && !['types.ts', 'index.ts', 'hosts.ts'].includes(f));
    const exported: PlatformAdapter[] = [];
    for (const f of files) {
      const mod = (await import(path.join(PLATFORMS_DIR, f))) as Record<string, unknown>;
      for (const v of Object.values(mod)) {
        if (v && typeof v === 'object' && 'id' in v && 'rules' in v) exported.push(v as PlatformAdapter);
      }
    }
    expect(exported.length).toBeGreaterThanOrEqual(11);
    for (const a of exported) expect(ADAPTERS, `adapter ${a.id} missing from ADAPTERS`).toContain(a);
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['x', 'reddit', 'youtube', 'instagram', 'facebook', 'tiktok', 'bluesky', 'mastodon', 'twitch', 'linkedin', 'threads']) {
      expect(ids).toContain(id);
    }
  });

  for (const a of ADAPTERS) {
    describe(a.id, () => {
      it('has a name, hosts covered by the host permissions (or a detect selector)', () => {
        expect(a.id).toMatch(/^[a-z0-9-]+$/);
        expect(a.name.trim().length).toBeGreaterThan(0);
        if (a.hosts.length === 0) expect(a.detect, 'an adapter without hosts needs detect').toBeTruthy();
        for (const h of a.hosts) expect(SUPPORTED_HOST_PERMISSIONS, `host ${h} not in hosts.ts`).toContain(`https://${h}/*`);
        if (a.detect) expect(parses(a.detect)).toBe(true);
      });

      it('rules are well-formed and every selector parses', () => {
        expect(a.rules.length).toBeGreaterThan(0);
        for (const rule of a.rules) {
          expect(['comment', 'dm']).toContain(rule.kind);
          expect(rule.item.length).toBeGreaterThan(0);
          expect(rule.text.length).toBeGreaterThan(0);
          if (rule.path !== undefined) expect(() => new RegExp(rule.path!)).not.toThrow();
          for (const sel of allSelectors(rule)) {
            expect(sel.trim(), `empty selector in ${a.id}`).not.toBe('');
            expect(sel, `non-standard selector in ${a.id}`).not.toMatch(NON_STANDARD);
            expect(() => parses(sel), `${a.id}: ${sel}`).not.toThrow();
          }
        }
        for (const sel of [...(a.shadowHosts ?? []), ...(a.conversationRoot ?? [])]) expect(() => parses(sel), sel).not.toThrow();
        for (const m of a.mainPost ?? []) {
          expect(new RegExp(m.path).source).toMatch(/\((?!\?)/); // one capture group: the post id
          expect(m.permalinkAttr ?? m.permalink?.length).toBeTruthy();
          for (const sel of [...m.item, ...(m.permalink ?? []), ...(m.author ?? [])]) expect(() => parses(sel), sel).not.toThrow();
        }
      });

      it('has at least one fixture', () => {
        expect(PLATFORM_FIXTURES.some((f) => f.platform === a.id)).toBe(true);
      });
    });
  }
});

interface Found extends ItemData {
  el: Element;
  rule: ItemRule;
}

/** What the scanner would find on this page with this adapter. */
function scan(document: Document, adapter: PlatformAdapter, pathname: string): Found[] {
  const found = new Map<Element, Found>();
  for (const rule of adapter.rules) {
    if (rule.path && !new RegExp(rule.path).test(pathname)) continue;
    for (const el of document.querySelectorAll(rule.item.join(','))) {
      if (found.has(el)) continue;
      if (rule.exclude?.some((s) => el.matches(s))) continue;
      const data = extractItem(el, rule);
      if (!data || data.text.length === 0) continue;
      found.set(el, { ...data, el, rule });
    }
  }
  return [...found.values()];
}

/** Run the fixture's two inline scripts by hand (linkedom does not execute scripts). */
function settle(document: Document): void {
  const later = document.getElementById('fixture-later') as HTMLTemplateElement;
  document.querySelector(later.getAttribute('data-into')!)!.appendChild(later.content.cloneNode(true));
  const rerender = document.getElementById('fixture-rerender') as HTMLTemplateElement;
  const old = document.querySelector(rerender.getAttribute('data-replace')!);
  expect(old, 'the re-render target exists').not.toBeNull();
  old!.replaceWith(rerender.content.cloneNode(true));
}

function load(f: PlatformFixture): { html: string; document: Document } {
  const html = fs.readFileSync(path.join(FIXTURES_DIR, f.file), 'utf8');
  const { document } = parseHTML(html);
  return { html, document: document as unknown as Document };
}

describe('platform fixtures', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('every rule of every adapter finds items in at least one fixture', () => {
    const used = new Set<ItemRule>();
    for (const f of PLATFORM_FIXTURES) {
      const url = new URL(f.url);
      vi.stubGlobal('location', url);
      const { document } = load(f);
      settle(document);
      for (const x of scan(document, ADAPTERS.find((a) => a.id === f.platform)!, url.pathname)) used.add(x.rule);
    }
    const unused = ADAPTERS.flatMap((a) => a.rules.filter((r) => !used.has(r)).map((r) => `${a.id}: ${r.kind} ${r.item.join(', ')}`));
    expect(unused).toEqual([]);
  });

  it('the manifest lists every fixture file, each URL once', () => {
    const files = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.html'));
    expect([...new Set(PLATFORM_FIXTURES.map((f) => f.file))].sort()).toEqual(files.sort());
    expect(new Set(PLATFORM_FIXTURES.map((f) => f.url)).size).toBe(PLATFORM_FIXTURES.length);
  });

  for (const f of PLATFORM_FIXTURES) {
    describe(`${f.file} at ${f.url}`, () => {
      it('is self-contained (no external resource) and has clean and flagged items', () => {
        const { html, document } = load(f);
        expect(html).not.toMatch(/<script[^>]+src=/i);
        expect(html).not.toMatch(/<link[^>]+href=/i);
        expect(html).not.toMatch(/<(img|source|video|audio|iframe|embed|object)[^>]+(src|srcset|data)="(?!data:)/i);
        expect(html).not.toMatch(/url\(\s*['"]?(?!data:)[a-z]+:/i);
        expect(html).not.toMatch(/@import/i);
        settle(document);
        expect(document.querySelectorAll('[data-expect="flagged"]').length).toBeGreaterThanOrEqual(4);
        expect(document.querySelectorAll('[data-expect="clean"]').length).toBeGreaterThanOrEqual(3);
        expect(document.querySelector('[data-rerender][data-expect], [data-rerender] [data-expect]')).not.toBeNull();
      });

      it('is served at a URL its adapter handles', () => {
        const url = new URL(f.url);
        const { document } = load(f);
        const byHost = adaptersForHost(url.hostname).map((a) => a.id);
        const byMarkup = adaptersDetectedIn(document).map((a) => a.id);
        expect([...byHost, ...byMarkup]).toContain(f.platform);
      });

      it('the adapter finds exactly the declared items, with text, author and permalink', () => {
        const url = new URL(f.url);
        vi.stubGlobal('location', url);
        const { document } = load(f);
        settle(document);
        const adapter = ADAPTERS.find((a) => a.id === f.platform)!;
        const found = scan(document, adapter, url.pathname);
        const expected = [...document.querySelectorAll('[data-expect]')];

        // Problems are collected as strings: printing linkedom nodes in a failed expect() takes minutes.
        const problems: string[] = [];
        const short = (el: Element): string => el.outerHTML.replace(/\s+/g, ' ').slice(0, 140);
        const itemSet = new Set(found.map((x) => x.el));
        for (const el of expected) if (!itemSet.has(el)) problems.push(`not found: ${short(el)}`);
        for (const x of found) if (!x.el.hasAttribute('data-expect')) problems.push(`unexpected item: ${short(x.el)}`);
        for (const el of document.querySelectorAll('[data-fixture="post"], [data-fixture="own"]')) {
          if (itemSet.has(el)) problems.push(`the page's own post / her own message taken as an item: ${short(el)}`);
        }
        for (const x of found) {
          const where = `item "${x.text.slice(0, 40)}"`;
          if (x.rule.kind !== f.kind) problems.push(`${where}: kind ${x.rule.kind}, expected ${f.kind}`);
          if (x.text.trim().length <= 3) problems.push(`${where}: empty text`);
          // Its text elements belong to this item, not to a nested reply.
          for (const t of x.textEls) {
            let owner: Element | null = t;
            while (owner && !itemSet.has(owner)) owner = owner.parentElement;
            if (owner !== x.el) problems.push(`${where}: reads text of another item: ${short(t)}`);
          }
          if (x.el.getAttribute('data-fixture-author') !== 'none' && !x.author) problems.push(`${where}: no author`);
          if (x.rule.permalink || x.rule.permalinkAttr) {
            if (!x.permalink) problems.push(`${where}: no permalink`);
            else if (new URL(x.permalink).hostname !== url.hostname) problems.push(`${where}: permalink ${x.permalink}`);
          }
        }
        // Where the platform shows a name besides the handle, it is kept (evidence): not the handle again.
        const named = found.filter((x) => x.rule.displayName);
        if (named.length > 0 && !named.some((x) => x.displayName)) problems.push('no display name read on any item');
        for (const x of named) {
          if (x.displayName && x.author && x.displayName.replace(/^@/, '').toLowerCase() === x.author.toLowerCase()) {
            problems.push(`display name repeats the handle: ${x.displayName}`);
          }
          if (x.displayName && x.displayName.includes(x.text.slice(0, 20))) problems.push(`display name holds the text: ${x.displayName}`);
        }
        expect(problems).toEqual([]);
        expect(found.length).toBe(expected.length);
      });
    });
  }
});

describe('X markup details', () => {
  afterEach(() => vi.unstubAllGlobals());
  const x = ADAPTERS.find((a) => a.id === 'x')!;
  const loggedOut = PLATFORM_FIXTURES.find((f) => f.file === 'x-loggedout.html')!;

  it('logged-out design: a reply whose text div[dir=auto] has no lang is read, its text only', () => {
    const url = new URL(loggedOut.url);
    vi.stubGlobal('location', url);
    const { document } = load(loggedOut);
    settle(document);
    const corpus = new Set([...ABUSIVE, ...CLEAN].map((m) => m.text));
    const langless = scan(document, x, url.pathname).filter((f) => f.textEls.every((t) => !t.hasAttribute('lang')));
    expect(langless.length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    for (const f of langless) {
      // Exactly the message: not the display name or the handle, which are dir=auto elements too.
      if (!corpus.has(f.text)) problems.push(`read "${f.text.slice(0, 80)}"`);
      if (f.textEls.length !== 1) problems.push(`${f.textEls.length} text elements in "${f.text.slice(0, 40)}"`);
      if (!f.author) problems.push(`no author for "${f.text.slice(0, 40)}"`);
    }
    expect(problems).toEqual([]);
  });

  it("the page's own post is found by its permalink on status pages, with its author, and nowhere else", () => {
    const expected: Record<string, string> = { 'x.html': 'camille_dlt', 'x-loggedout.html': 'nadia_sci', 'reddit.html': 'louise_ing', 'reddit-old.html': 'maya_codes' };
    for (const [file, author] of Object.entries(expected)) {
      const f = PLATFORM_FIXTURES.find((p) => p.file === file)!;
      const { document } = load(f);
      settle(document);
      const post = findMainPost(ADAPTERS.filter((a) => a.id === f.platform), document, new URL(f.url).pathname);
      expect(post?.el, file).toBe(document.querySelector('[data-fixture="post"]'));
      expect(post?.author, file).toBe(author);
      // Another status's page: that post is not on it.
      expect(findMainPost([x], document, '/camille_dlt/status/42'), file).toBeNull();
    }
    const dm = PLATFORM_FIXTURES.find((p) => p.file === 'x-dm.html')!;
    expect(findMainPost([x], load(dm).document, new URL(dm.url).pathname)).toBeNull();
  });
});
