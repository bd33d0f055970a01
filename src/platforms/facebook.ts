import type { PlatformAdapter } from './types';

/**
 * Facebook (www Comet UI, m.facebook.com) comments/replies and Messenger.
 * Sources (public repositories, dated by the last commit touching the file read): dmatis2/usesul-scripts
 * facebook/comments-to-csv.js 2024-08-19 (a comment is [role=article] with a localised aria-label
 * "Comment by …"); webrecorder/browsertrix-behaviors src/site/facebook.ts 2026-08-18; m.facebook.com
 * data-sigil from a 2021 page capture. Timestamps link to `?comment_id=`. Posts are
 * [role=article] without that label, so they never match.
 * Messenger (www.messenger.com/t/…, facebook.com/messages/(e2ee/)t/…): PARTLY VERIFIED from public scripts that
 * read open threads (docs/dm-markers.md; cited there by code-search id, their repositories are not
 * known): the thread is `[role="log"]` (older builds `[role="grid"]`) labelled "Messages in conversation
 * with|titled …", messages are its `[role="row"]` (or `article`) elements, text in `[dir="auto"]`; each
 * message has an English label "Enter, Message sent <time> by <Name>: <text>", "by You" for her own (only
 * that English form is excluded). The sender element (`h4 span`, avatar `img[alt]`) stays UNVERIFIED.
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
      item: ['[role="log"][aria-label] [role="row"]:has(div[dir="auto"])', '[role="main"] [role="grid"] [role="row"]:has(div[dir="auto"])'],
      text: ['div[dir="auto"]'],
      author: ['[role="gridcell"] img[alt]', 'h4 span'],
      authorAttr: 'alt',
      exclude: ['[role="row"]:has([aria-label^="Enter, Message sent"][aria-label*=" by You: "])'],
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
