import type { PlatformAdapter } from './types';

/**
 * Instagram post comments/replies and DMs. Sources: webrecorder/browsertrix-behaviors src/site/instagram.ts
 * (last changed 2026-08-12: no class markers, structural only) and a real page fragment (author
 * a[role=link] > span[dir=auto], permalink a[href*="/c/"] > time). A comment is the block whose header
 * holds the `/p/<code>/c/<id>/` time link; the post caption links to `/p/<code>/` without `/c/`, so it
 * never matches.
 * DMs (/direct/t/…, message requests open at the same route): UNVERIFIED, aria roles only. Of the public
 * thread readers (docs/dm-markers.md), the only ones found pick the scrolling <div> by size, take
 * `[role="presentation"]` bubbles and tell her own messages by computed bubble colour, or use atomic classes
 * and absolute XPaths; none shows a row/grid structure, so nothing here could be confirmed or replaced.
 */
export const instagram: PlatformAdapter = {
  id: 'instagram',
  name: 'Instagram',
  hosts: ['www.instagram.com'],
  rules: [
    {
      kind: 'dm',
      path: '^/direct/',
      item: ['[role="grid"][aria-label] [role="row"]:has(div[dir="auto"])'],
      text: ['div[dir="auto"]'],
      author: ['a[href^="/"][role="link"]'],
      authorAttr: 'href',
    },
    {
      kind: 'comment',
      item: ['div:has(> div > div > span > a[href*="/c/"] > time[datetime])'],
      text: ['span[dir="auto"]:not(a span)'],
      author: ['a[href^="/"][role="link"]:has(span[dir="auto"])'],
      authorAttr: 'href',
      permalink: ['a[href*="/c/"]:has(> time)'],
    },
  ],
  conversationRoot: ['article[role="presentation"] ul', 'main ul'],
};
