import type { PlatformAdapter } from './types';

/**
 * YouTube comments and replies (no DMs). Source: yakisova41/return-youtube-comment-username
 * (src/rewrites/comment.ts / reply.ts, last changed 2026-03-28: ytd-comment-view-model since 2024-02;
 * ytd-comment-renderer is the older fallback).
 * The thread renderer wraps a comment AND its replies, so the item is the comment view model itself.
 */
export const youtube: PlatformAdapter = {
  id: 'youtube',
  name: 'YouTube',
  hosts: ['www.youtube.com'],
  rules: [
    {
      kind: 'comment',
      item: ['ytd-comment-view-model', 'ytd-comment-renderer'],
      text: ['#content-text', '#expander #content'],
      author: ['#header-author a[href^="/@"]', '#author-text', '#author-comment-badge a[href]'],
      authorAttr: 'href',
      permalink: ['#published-time-text a[href*="lc="]', '#header-author a[href*="lc="]'],
    },
    {
      // Live chat, scanned where it is the page itself (popout /live_chat); inside the watch page it is an
      // iframe, which the content script does not enter. Markers seen in public chat scripts only.
      kind: 'comment',
      item: ['yt-live-chat-text-message-renderer'],
      text: ['#message'],
      author: ['#author-name'],
    },
  ],
  // A reply sits in the thread renderer beside the comment it answers (the thread's first comment); a
  // top-level comment answers the video (its title, its channel's handle link; the page URL is its link).
  context: {
    parent: [
      {
        from: 'enclosing',
        within: ['ytd-comment-thread-renderer'],
        post: [':scope > ytd-comment-view-model', ':scope > ytd-comment-renderer', ':scope > #comment'],
        author: ['#header-author a[href^="/@"]', '#author-text'],
        authorAttr: 'href',
        permalink: ['#published-time-text a[href*="lc="]', '#header-author a[href*="lc="]'],
        text: ['#content-text'],
      },
      { from: 'page', post: ['ytd-watch-metadata'], author: ['#owner ytd-channel-name a[href^="/@"]', '#owner a[href^="/@"]'], authorAttr: 'href', text: ['#title h1'] },
    ],
  },
  conversationRoot: ['ytd-comments#comments', '#comments', 'ytd-item-section-renderer#sections', 'yt-live-chat-item-list-renderer #items'],
};
