/**
 * Evidence of a tracked item besides its text, read in the content script from what the page shows:
 * - `postedAt`: the platform's own post time (src/protect/dom.ts `itemPostedAt`: the item's
 *   created-timestamp attribute or its own `<time datetime>`), as ISO 8601 UTC;
 * - `parent`: the post it answers, from the adapter's `context.parent` recipes (src/platforms/types.ts);
 * - `target`: the account it is aimed at: its "Replying to @handle" link, else the parent's author.
 * Absent when the markup does not say (a DM, a platform whose replies are not nested): never guessed.
 * `captureRect` gives the item's box for the screenshot taken when she keeps it as evidence (capture.ts).
 */
import { ADAPTERS } from '../platforms';
import { cleanHandle } from '../platforms/handle';
import { findMainPost, mainPostFinder, type MainPost } from '../platforms/main-post';
import type { ParentRule, PlatformAdapter } from '../platforms/types';
import { itemPostedAt } from '../protect/dom';
import type { TrackedItem } from '../scanner/item';
import type { CaptureRect } from './messages';
import { LIMITS, type EntryInput, type ParentPost } from './types';
import { inPass, passMemo } from '../scanner/busy';

/** The evidence fields of an item that the page shows (the screenshot is added by the background). */
export type ItemEvidence = Pick<EntryInput, 'postedAt' | 'parent' | 'target'>;

type Readable = Pick<TrackedItem, 'el' | 'kind' | 'platform'>;

function first(root: Element, selectors: string[] | undefined): Element | null {
  for (const sel of selectors ?? []) {
    try {
      const el = sel === ':scope' ? root : root.querySelector(sel);
      if (el) return el;
    } catch {
      // A malformed selector in one adapter must not break the page; the adapter test catches it.
    }
  }
  return null;
}

function absoluteHttp(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href.slice(0, LIMITS.maxUrl) : null;
  } catch {
    return null;
  }
}

const shown = (s: string | null | undefined): string | null => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, LIMITS.maxParentText) : null;
};

/** Read a post with a recipe, the way extract.ts reads an item (attribute on the post first). */
function readPost(post: Element, r: ParentRule): ParentPost | null {
  let author = r.authorAttr && post.hasAttribute(r.authorAttr) ? cleanHandle(post.getAttribute(r.authorAttr)) : null;
  if (!author) {
    const a = first(post, r.author);
    if (a) author = cleanHandle(r.authorAttr ? a.getAttribute(r.authorAttr) : null) ?? cleanHandle(a.getAttribute('href')) ?? cleanHandle(a.textContent);
  }
  let href = r.permalinkAttr ? post.getAttribute(r.permalinkAttr) : null;
  if (!href) {
    const link = first(post, r.permalink);
    href = link?.closest('a')?.getAttribute('href') ?? link?.getAttribute('href') ?? null;
  }
  const text = (r.textAttr ? shown(post.getAttribute(r.textAttr)) : null) ?? shown(first(post, r.text)?.textContent);
  const parent = { permalink: absoluteHttp(href), author: author?.slice(0, LIMITS.maxHandle) ?? null, text };
  return parent.permalink || parent.author || parent.text ? parent : null;
}

/** `b` comes after `a` in the page (4 = Node.DOCUMENT_POSITION_FOLLOWING). */
const follows = (a: Element, b: Element): boolean => (a.compareDocumentPosition(b) & 4) !== 0;

/**
 * The page's main post, found the way the protections find it (mainPostFinder: kept while it stays in the
 * page, looked for again at most every half second while there is none), not once per hidden reply: a
 * thread without one (most pages) was searched from the top for every callback of ours. Outside our
 * callbacks (tests) it is looked up every time.
 */
const mainPostFinders = new Map<PlatformAdapter, () => MainPost | null>();
function mainPost(adapter: PlatformAdapter): Element | null {
  if (!inPass()) return findMainPost([adapter], document, location.pathname)?.el ?? null;
  // Asked by each of the adapter's rules for every hidden reply: once per callback of ours is enough.
  return mainPostNow.get(adapter, () => {
    let find = mainPostFinders.get(adapter);
    if (!find) mainPostFinders.set(adapter, (find = mainPostFinder([adapter])));
    return find()?.el ?? null;
  });
}
const mainPostNow = passMemo<PlatformAdapter, Element | null>();

/** A rule's selectors as one selector list, joined once (asked for every hidden reply). */
const joinedOf = new WeakMap<string[], string>();
function joined(selectors: string[]): string {
  let sel = joinedOf.get(selectors);
  if (sel === undefined) joinedOf.set(selectors, (sel = selectors.join(',')));
  return sel;
}

/** The post element a recipe points at for this item, or null. */
function postFor(item: Element, r: ParentRule, adapter: PlatformAdapter): Element | null {
  const sel = joined(r.post);
  try {
    if (r.from === 'enclosing') {
      const within = item.parentElement?.closest((r.within && joined(r.within)) || ':not(*)');
      const post = within ? first(within, r.post) : null;
      // The thread element also holds the comment itself: a comment does not answer itself or its own reply.
      return post && post !== item && !item.contains(post) ? post : null;
    }
    if (r.from === 'page') {
      const post = document.querySelector(sel);
      return post && !post.contains(item) && follows(post, item) ? post : null;
    }
    const main = mainPost(adapter);
    return main && main !== item && main.matches(sel) && !main.contains(item) && follows(main, item) ? main : null;
  } catch {
    return null;
  }
}

/** Handles named by the item's "Replying to" links (text "@handle" matching the link's href). */
function replyingTo(item: Element, selectors: string[] | undefined): string[] {
  const out: string[] = [];
  for (const sel of selectors ?? []) {
    try {
      for (const a of item.querySelectorAll(sel)) {
        const h = cleanHandle(a.getAttribute('href'));
        if (h && a.textContent?.trim().toLowerCase() === `@${h.toLowerCase()}` && !out.includes(h)) out.push(h);
      }
    } catch {
      // As above.
    }
    if (out.length > 0) break;
  }
  return out;
}

/** Each platform's adapter by id (asked for every hidden item). */
const adapterById = new Map(ADAPTERS.map((a) => [a.id, a]));
function adapterOf(platform: string): PlatformAdapter | undefined {
  return adapterById.get(platform);
}

/** What the page shows of this item's context: what `entryFor(…, evidence)` and recordFlagged take. */
export function itemEvidence(item: Readable): ItemEvidence {
  const out: ItemEvidence = {};
  const at = itemPostedAt(item.el);
  if (at !== null && Number.isFinite(at)) out.postedAt = new Date(at).toISOString();
  const ctx = adapterOf(item.platform)?.context;
  if (!ctx || item.kind !== 'comment') return out;
  const named = replyingTo(item.el, ctx.target);
  for (const r of ctx.parent ?? []) {
    const post = postFor(item.el, r, adapterOf(item.platform)!);
    const parent = post ? readPost(post, r) : null;
    if (!parent) continue;
    // A reply whose own line names other accounts answers one of them, not the page's post.
    if (r.from === 'main' && named.length > 0 && !named.some((h) => h.toLowerCase() === parent.author?.toLowerCase())) break;
    out.parent = parent;
    break;
  }
  const target = named[0] ?? out.parent?.author ?? null;
  if (target) out.target = target.slice(0, LIMITS.maxHandle);
  return out;
}

/**
 * The item's box for the screenshot (viewport CSS px and the device pixel ratio), to send with "keep as
 * evidence" (`sendPin(entry, true, captureRect(item.el))`). Null when none of it is on screen.
 */
export function captureRect(el: Element): CaptureRect | null {
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0 || r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return null;
  return { x: r.left, y: r.top, width: r.width, height: r.height, dpr: devicePixelRatio || 1 };
}
