import type { PlatformAdapter } from './types';

/**
 * Bluesky (bsky.app) thread replies and chat. Source: /work/shared/notes/platform-markers.md (social-app
 * ThreadItemPost.tsx: testID `postThreadItem-by-<handle>`; defuddle bluesky.ts: text div[data-word-wrap="1"]).
 * The anchor post uses the same testID; social-app's ThreadItemAnchor.tsx alone renders the
 * `*Count-expanded` stats and ExpandedPostDetails, which is how it is told apart (fails if it has 0 likes,
 * reposts and quotes; then it is scanned like a reply).
 * Chat (/messages/<convo>): MessageItem.tsx has no testID; the selectors are UNVERIFIED.
 */
export const bluesky: PlatformAdapter = {
  id: 'bluesky',
  name: 'Bluesky',
  hosts: ['bsky.app'],
  rules: [
    {
      kind: 'dm',
      path: '^/messages/[^/]+',
      item: ['[data-testid="convoScreen"] [data-testid^="message-"]', 'main [role="list"] > [role="listitem"]'],
      text: ['div[data-word-wrap="1"]', 'div[dir="auto"]'],
      author: ['a[href^="/profile/"]'],
      authorAttr: 'href',
    },
    {
      kind: 'comment',
      item: ['[data-testid^="postThreadItem-by-"]', '[data-testid^="feedItem-by-"]'],
      text: ['[data-testid="postText"]', 'div[data-word-wrap="1"]'],
      author: ['a[href^="/profile/"][aria-label]', 'a[href^="/profile/"]'],
      authorAttr: 'href',
      // The profile link shows the name, then the handle.
      displayName: ['a[href^="/profile/"][aria-label] > span:first-child'],
      permalink: ['a[href*="/post/"]'],
      exclude: [
        '[data-testid^="postThreadItem-by-"]:has([data-testid="likeCount-expanded"], [data-testid="repostCount-expanded"], [data-testid="quoteCount-expanded"])',
      ],
    },
  ],
  conversationRoot: ['[data-testid="postThreadScreen"]', 'main'],
};
