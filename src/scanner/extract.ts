/**
 * Reading one item with its adapter rule: text element(s), author handle and permalink.
 * Uses textContent (no layout, unlike innerText) so reading 2,000 comments never forces reflow.
 */
import type { ItemRule } from '../platforms/types';
import { pageOrigin } from './page-url';
import { cleanHandle } from '../platforms/handle';
import { arrayOf } from './node-list';

export interface ItemData {
  textEls: HTMLElement[];
  text: string;
  author: string | null;
  /** The shown name, when the platform shows one besides the handle. */
  displayName: string | null;
  permalink: string | null;
}

function firstMatch(root: Element, selectors: string[] | undefined): { sel: string; els: HTMLElement[] } | null {
  for (const sel of selectors ?? []) {
    try {
      // ':scope' means the item itself is the text block (generic fallback).
      let els = sel === ':scope' ? [root as HTMLElement] : arrayOf(root.querySelectorAll<HTMLElement>(sel));
      // Items that render their content in their own (open) shadow root, e.g. Reddit chat events.
      if (els.length === 0 && root.shadowRoot && sel !== ':scope') els = arrayOf(root.shadowRoot.querySelectorAll<HTMLElement>(sel));
      if (els.length > 0) return { sel, els };
    } catch {
      // A malformed selector in one adapter must not stop the others; the adapter test catches it.
    }
  }
  return null;
}

/** Just the text elements and text: what the scanner compares on every re-render, so kept cheap. */
export function extractText(item: Element, rule: ItemRule): { textEls: HTMLElement[]; text: string } | null {
  const text = firstMatch(item, rule.text);
  if (!text) return null;
  return { textEls: text.els, text: text.els.map((el) => el.textContent ?? '').join('\n').trim() };
}

/** Absolute URL without the cost of `new URL` in the common cases (absolute, or root-relative). */
function absolute(href: string): string | null {
  if (href.startsWith('https://') || href.startsWith('http://')) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return pageOrigin() + href;
  try {
    return new URL(href, location.href).href;
  } catch {
    return null;
  }
}

export function extractItem(item: Element, rule: ItemRule, known?: { textEls: HTMLElement[]; text: string }): ItemData | null {
  const found = known ?? extractText(item, rule);
  if (!found) return null;
  const content = found.text;

  let author: string | null = null;
  const authorAttr = rule.authorAttr ? item.getAttribute(rule.authorAttr) : null;
  if (authorAttr !== null) author = cleanHandle(authorAttr);
  if (!author) {
    const a = firstMatch(item, rule.author)?.els[0];
    if (a) author = cleanHandle(rule.authorAttr && a.getAttribute(rule.authorAttr)) ?? cleanHandle(a.getAttribute('href')) ?? cleanHandle(a.textContent);
  }

  let permalink: string | null = rule.permalinkAttr ? item.getAttribute(rule.permalinkAttr) : null;
  if (!permalink) {
    const link = firstMatch(item, rule.permalink)?.els[0];
    const href = link?.closest('a')?.getAttribute('href') ?? link?.getAttribute('href');
    if (href) permalink = href;
  }
  if (permalink) permalink = absolute(permalink);

  let displayName: string | null = null;
  const shown = firstMatch(item, rule.displayName)?.els[0]?.textContent?.replace(/\s+/g, ' ').trim();
  if (shown && shown.length <= 100 && shown.replace(/^@/, '').toLowerCase() !== author?.toLowerCase()) displayName = shown;
  return { textEls: found.textEls, text: content, author, displayName, permalink };
}
