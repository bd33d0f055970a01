import type { PlatformAdapter } from './types';

/**
 * Facebook (www Comet UI, m.facebook.com) comments/replies and Messenger.
 * Source: /work/shared/notes/platform-markers.md (dmatis2 comments-to-csv.js 2024-08-19: a comment is
 * [role=article] with a localised aria-label "Comment by …"; browsertrix facebook.ts 2026-08-18;
 * m.facebook.com data-sigil from a 2021 capture). Timestamps link to `?comment_id=`. Posts are
 * [role=article] without that label, so they never match.
 * Messenger (www.messenger.com/t/…, facebook.com/messages/t/…): UNVERIFIED, aria grid rows only.
 */
const COMMENT_LABELS = ['Comment by', 'Reply by', 'Commentaire de', 'Réponse de'];

export const facebook: PlatformAdapter = {
  id: 'facebook',
  name: 'Facebook',
  hosts: ['www.facebook.com', 'm.facebook.com', 'www.messenger.com'],
  rules: [
    {
      kind: 'dm',
      path: '^/(messages/)?(e2ee/)?t/',
      item: ['[role="main"] [role="grid"] [role="row"]:has(div[dir="auto"])'],
      text: ['div[dir="auto"]'],
      author: ['[role="gridcell"] img[alt]', 'h4 span'],
      authorAttr: 'alt',
    },
    {
      kind: 'comment',
      item: COMMENT_LABELS.map((label) => `div[role="article"][aria-label^="${label}"]`),
      text: ['span[lang] div[dir="auto"]', 'div[dir="auto"][style*="text-align"]'],
      author: ['a[role="link"]:not([href*="comment_id"]) span[dir="auto"]'],
      permalink: ['a[href*="/posts/"][href*="comment_id="]', 'a[href*="comment_id="]'],
    },
    {
      kind: 'comment',
      item: ['div[data-sigil="comment"]'],
      text: ['div[data-sigil="comment-body"]'],
      author: ['._2b05 > a'],
      permalink: ['a[href*="comment_id="]'],
    },
  ],
  conversationRoot: ['div[role="feed"]', '[role="main"]'],
};
