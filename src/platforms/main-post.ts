/**
 * The conversation's main post (the page's own post) from the adapters' `mainPost` rules: the first
 * candidate whose permalink carries the page's post id. Used for two things: its author is the thread's
 * owner (src/protect: a page answering under its own post gives its own contact details), and the
 * generic fallback never reads it (src/scanner/fallback.ts).
 */
import { cleanHandle } from './handle';
import type { MainPostRule, PlatformAdapter } from './types';
import { pagePath } from '../scanner/page-url';

export interface MainPost {
  el: HTMLElement;
  platform: string;
  /** Its author's handle as the page shows it, or null. */
  author: string | null;
}

function postIdIn(re: RegExp, href: string | null): string | null {
  if (!href) return null;
  let path = href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    try {
      path = new URL(href).pathname;
    } catch {
      return null;
    }
  }
  return re.exec(path.replace(/[?#].*$/, ''))?.[1]?.toLowerCase() ?? null;
}

function authorOf(el: Element, rule: MainPostRule): string | null {
  if (rule.authorAttr && el.hasAttribute(rule.authorAttr)) return cleanHandle(el.getAttribute(rule.authorAttr));
  for (const sel of rule.author ?? []) {
    const a = el.querySelector(sel);
    if (!a) continue;
    return cleanHandle(rule.authorAttr ? a.getAttribute(rule.authorAttr) : null) ?? cleanHandle(a.getAttribute('href')) ?? cleanHandle(a.textContent);
  }
  return null;
}

/** Each rule's path pattern, compiled once (asked for every reply that mentions contact details). */
const pathPatterns = new Map<string, RegExp>();
function pathPattern(path: string): RegExp {
  let re = pathPatterns.get(path);
  if (!re) {
    re = new RegExp(path, 'i');
    pathPatterns.set(path, re);
  }
  return re;
}

/** The main post of the page at `pathname`, or null (not a post page, or not rendered yet). */
export function findMainPost(adapters: readonly PlatformAdapter[], root: ParentNode, pathname: string): MainPost | null {
  for (const adapter of adapters) {
    for (const rule of adapter.mainPost ?? []) {
      try {
        const re = pathPattern(rule.path);
        const id = re.exec(pathname)?.[1]?.toLowerCase();
        if (!id) continue;
        for (const el of root.querySelectorAll<HTMLElement>(rule.item.join(','))) {
          const hrefs: (string | null)[] = rule.permalinkAttr ? [el.getAttribute(rule.permalinkAttr)] : [];
          for (const sel of rule.permalink ?? []) for (const a of el.querySelectorAll(sel)) hrefs.push(a.getAttribute('href'));
          if (hrefs.some((h) => postIdIn(re, h) === id)) return { el, platform: adapter.id, author: authorOf(el, rule) };
        }
      } catch {
        // A malformed rule in one adapter must not break the page; the adapter test catches it.
      }
    }
  }
  return null;
}

/**
 * findMainPost for the current page, asked once per reply: the post found is kept while it stays in the
 * page at the same path; not found yet, it is looked for again at most every half second.
 */
export function mainPostFinder(adapters: readonly PlatformAdapter[]): () => MainPost | null {
  if (!adapters.some((a) => a.mainPost?.length)) return () => null;
  let memo: { path: string; post: MainPost | null; at: number } | null = null;
  return () => {
    const path = pagePath();
    const now = Date.now();
    if (memo && memo.path === path && (memo.post ? memo.post.el.isConnected : now - memo.at < 500)) return memo.post;
    memo = { path, post: findMainPost(adapters, document, path), at: now };
    return memo.post;
  };
}
