import type { PlatformAdapter } from './types';

/**
 * Reddit: current site (shreddit web components, attributes carry author/permalink) and old.reddit.com.
 * Markers: shreddit-comment[author][permalink], [slot="comment"]; old: .thing.comment[data-author], .usertext-body .md.
 * Source: /work/shared/notes/platform-markers.md (defuddle reddit.ts 2026-07-27, RES Thing.js 2026-04-13).
 * Chat (chat.reddit.com, www.reddit.com/chat): no public source documents it; the rs-* web components and
 * the text selectors below are UNVERIFIED, kept generic (timeline events, aria roles).
 */
export const reddit: PlatformAdapter = {
  id: 'reddit',
  name: 'Reddit',
  hosts: ['www.reddit.com', 'old.reddit.com', 'chat.reddit.com'],
  rules: [
    {
      kind: 'comment',
      item: ['shreddit-comment'],
      // The text slot is a direct child of this comment, not of nested replies.
      text: [':scope > [slot="comment"]', ':scope > div[id$="-comment-rtjson-content"]'],
      authorAttr: 'author',
      permalinkAttr: 'permalink',
    },
    {
      kind: 'comment',
      item: ['.thing.comment'],
      text: [':scope > .entry .usertext-body .md'],
      authorAttr: 'data-author',
      author: [':scope > .entry .tagline a.author'],
      permalinkAttr: 'data-permalink',
      permalink: [':scope > .entry a.bylink'],
    },
    {
      kind: 'dm',
      path: '^/(chat|room)(/|$)',
      // Item selectors are a union (the scanner joins them): no generic role fallback that would also
      // match inside an rs-timeline-event.
      item: ['rs-timeline-event'],
      text: ['.room-message-text', '[data-testid="message-text"]', 'div[dir="auto"]', 'p'],
      author: ['.user-name', '[data-testid="message-author"]', 'a[href*="/user/"]'],
      authorAttr: 'data-author',
    },
    {
      kind: 'dm',
      item: ['.thing.message'],
      text: [':scope > .entry .md'],
      authorAttr: 'data-author',
      author: [':scope > .entry .tagline a.author'],
      permalink: [':scope > .entry a.bylink'],
    },
  ],
  shadowHosts: ['rs-app', 'rs-room', 'rs-timeline'],
  conversationRoot: ['shreddit-comment-tree', '.commentarea', 'rs-timeline', 'main'],
};
