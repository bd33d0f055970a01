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
