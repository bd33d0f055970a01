import type { PlatformAdapter } from './types';

/**
 * Reddit: current site (shreddit web components, attributes carry author/permalink) and old.reddit.com.
 * Markers: shreddit-comment[author][permalink], [slot="comment"]; old: .thing.comment[data-author], .usertext-body .md.
 * Sources (public repositories, dated by the last commit touching the file read): kepano/defuddle
 * src/extractors/reddit.ts 2026-07-27, honestbleeps/Reddit-Enhancement-Suite lib/utils/Thing.js 2026-04-13.
 * Chat (chat.reddit.com, www.reddit.com/chat): structure VERIFIED from several public chat bots/scripts
 * (docs/dm-markers.md; cited there by code-search id): `faceplate-app > rs-app` →(shadow root) `rs-room`
 * →(shadow) `main > rs-timeline` →(shadow) `rs-virtual-scroll-dynamic` →(shadow) `rs-timeline-event[data-id]`,
 * and each event keeps its content in ITS OWN shadow root: `div.room-message-text`, the sender in
 * `span.user-name` / `rs-username` / `faceplate-tracker[noun="user_hovers"] > span[slot="trigger"]`, her own
 * messages under `.flex-row-reverse`. The scanner opens the nested shadow roots of `shadowHosts` and reads
 * an event's text in its own shadow root; the shield's CSS is added to each root it marks. The platform
 * fixture is a flattened light-DOM copy of these markers (checked in jsdom); tests/fixtures/shadow/
 * reddit-chat.html builds the real nesting for tests/e2e/shadow-dom.e2e.ts.
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
      author: ['.user-name', 'rs-username', 'faceplate-tracker[noun="user_hovers"] > span[slot="trigger"]', '.room-message-author', '[data-testid="message-author"]', 'a[href*="/user/"]'],
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
  shadowHosts: ['rs-app', 'rs-room', 'rs-timeline', 'rs-virtual-scroll-dynamic'],
  // A thread's own submission: shreddit-post (new) or the `.thing.link` above the comments (old Reddit).
  mainPost: [
    { path: '/comments/([a-z0-9]+)', item: ['shreddit-post'], permalinkAttr: 'permalink', authorAttr: 'author' },
    { path: '/comments/([a-z0-9]+)', item: ['.thing.link'], permalinkAttr: 'data-permalink', authorAttr: 'data-author' },
  ],
  conversationRoot: ['shreddit-comment-tree', '.commentarea', 'rs-timeline', 'main'],
  // A reply is nested in the comment it answers (shreddit-comment / .thing.comment, as the item rules
  // read them); a top-level comment answers the thread's submission (its title as its text).
  context: {
    parent: [
      { from: 'enclosing', within: ['shreddit-comment'], post: [':scope'], authorAttr: 'author', permalinkAttr: 'permalink', text: [':scope > [slot="comment"]', ':scope > div[id$="-comment-rtjson-content"]'] },
      { from: 'enclosing', within: ['.thing.comment'], post: [':scope'], authorAttr: 'data-author', permalinkAttr: 'data-permalink', text: [':scope > .entry .usertext-body .md'] },
      { from: 'main', post: ['shreddit-post'], authorAttr: 'author', permalinkAttr: 'permalink', textAttr: 'post-title', text: ['[slot="title"]'] },
      { from: 'main', post: ['.thing.link'], authorAttr: 'data-author', permalinkAttr: 'data-permalink', text: ['a.title'] },
    ],
  },
};
