import type { PlatformAdapter } from './types';

/**
 * Threads (threads.com / threads.net) replies. Source: kepano/defuddle src/extractors/threads.ts (last
 * changed 2026-04-16: outermost [data-pressable-container] inside [data-pagelet^="threads_post_page_"];
 * the first pagelet holds the post itself; text = span[dir=auto] outside author/permalink/time/buttons).
 * Quoted posts are nested pressables and are not items of their own. No DMs on the web.
 */
export const threads: PlatformAdapter = {
  id: 'threads',
  name: 'Threads',
  hosts: ['www.threads.com', 'www.threads.net'],
  rules: [
    {
      kind: 'comment',
      item: ['[data-pressable-container]:not([data-pressable-container] *)'],
      text: ['span[dir="auto"]:not(a span, time span, [role="button"] span)'],
      author: ['a[href^="/@"][role="link"]:not([href*="/post/"])'],
      authorAttr: 'href',
      permalink: ['a[href*="/post/"]:has(time)', 'a[href*="/post/"]'],
      // The post itself is in pagelet 0 (defuddle's "first pagelet"; public userscripts use threads_post_page_0).
      exclude: ['[data-pagelet="threads_post_page_0"] [data-pressable-container]'],
    },
  ],
  conversationRoot: ['[data-pagelet^="threads_post_page_"]', 'div[role="region"]'],
};
