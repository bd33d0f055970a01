import type { PlatformAdapter } from './types';

/**
 * TikTok video comments and replies (web). Sources (public repositories, dated by the last commit touching
 * the file read): webrecorder/browsertrix-behaviors src/site/tiktok.ts 2026-04-14, LtShibby/reno-radar
 * backend/server.js 2025-07-25. Emotion classes `css-<hash>-<Name>` are matched on the
 * stable `<Name>` part; text carries data-e2e="comment-level-1|2". One item per comment: the content
 * container (a reply has its own, inside the parent's DivReplyContainer). No permalink per comment.
 */
export const tiktok: PlatformAdapter = {
  id: 'tiktok',
  name: 'TikTok',
  hosts: ['www.tiktok.com'],
  rules: [
    {
      kind: 'comment',
      item: ['[class*="DivCommentContentContainer"]', '[class*="DivCommentObjectWrapper"]'],
      text: ['[data-e2e^="comment-level-"]'],
      author: ['a[href^="/@"]:has([data-e2e^="comment-username-"])', 'a[href^="/@"]'],
      authorAttr: 'href',
      displayName: ['span[data-e2e^="comment-username-"]'],
    },
  ],
  conversationRoot: ['[class*="DivCommentListContainer"]', '[class*="CommentListContainer"]'],
};
