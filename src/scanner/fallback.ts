import type { ItemRule } from '../platforms/types';

/**
 * Generic fallback when a platform's markup changed and no adapter matches: shield text blocks
 * in the page's main conversation area so protection degrades gracefully instead of vanishing.
 * Leaf-ish blocks only (a paragraph, a list item, an auto-direction text div).
 */
export const FALLBACK_RULE: ItemRule = {
  kind: 'comment',
  item: [
    'main p',
    '[role="main"] p',
    'main li',
    '[role="main"] li',
    'article p',
    'main div[dir="auto"]',
    '[role="main"] div[dir="auto"]',
  ],
  text: [':scope'],
};

/**
 * The fallback never reads the page's own post (the adapters' `mainPost`, src/platforms/main-post.ts):
 * on a status page with no reply yet, it is the only text left in the conversation area, and it is not a
 * reply to her.
 */
export function fallbackSkips(el: Element, mainPost: Element | null): boolean {
  return mainPost !== null && (mainPost.contains(el) || el.contains(mainPost));
}
