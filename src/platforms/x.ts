import type { PlatformAdapter } from './types';

/**
 * X / Twitter. Source: /work/shared/notes/platform-markers.md (CPFT script.js 2026-08-17, defuddle twitter.ts,
 * markitai x_common.py 2026-07-18 for the logged-out "x-web" redesign without data-testids).
 * Replies are sibling `cellInnerDiv` cells, not nested. The status page's own tweet (the "focal" one) is the
 * only article with tabindex="-1" (used by CPFT and many public scripts) and is skipped.
 * DMs (Chat since 2025-11): only the containers are documented (CPFT); message rows are UNVERIFIED
 * (messageEntry + tweetText are what several public DM scripts read in the pre-Chat Messages UI).
 */
export const x: PlatformAdapter = {
  id: 'x',
  name: 'X (Twitter)',
  hosts: ['x.com', 'twitter.com'],
  rules: [
    {
      kind: 'dm',
      path: '^/(messages|i/chat)(/|$)',
      item: [
        '[data-testid="dm-message-list"] [data-testid="messageEntry"]',
        '[data-testid="dm-message-list"] [role="row"]',
        '[data-testid="dm-container"] [role="row"]',
      ],
      text: ['[data-testid="tweetText"]', '[data-testid="dm-message-text"]', 'div[dir="auto"]'],
      author: ['a[href^="/"][role="link"]'],
      authorAttr: 'href',
    },
    {
      kind: 'comment',
      item: ['article[data-testid="tweet"]'],
      text: ['[data-testid="tweetText"]'],
      author: ['[data-testid="User-Name"] a[href^="/"]'],
      authorAttr: 'href',
      // The name link comes first; the @handle link is the one out of tab order.
      displayName: ['[data-testid="User-Name"] a[href^="/"]:not([tabindex="-1"])'],
      permalink: ['a[href*="/status/"]:has(> time)', 'a[href*="/status/"]'],
      exclude: ['article[data-testid="tweet"][tabindex="-1"]'],
    },
    {
      // Logged-out status pages since July 2026 (no data-testid at all).
      kind: 'comment',
      item: ['article[data-tweet-id]'],
      text: [':scope > div > div[dir="auto"][lang]', 'div[dir="auto"][lang]'],
      author: ['div[data-slot="hover-card-trigger"] a[href]', 'a[href^="https://x.com/"]:not([href*="/status/"])'],
      authorAttr: 'href',
      permalink: ['a[href*="/status/"]:has(time)', 'a[href*="/status/"]'],
      // ASSUMED (as markitai does for the logged-in page): the status itself sits outside the replies <section>.
      exclude: ['article[data-tweet-id]:not(section *)'],
    },
  ],
  conversationRoot: ['[data-testid="primaryColumn"] section[role="region"]', '[data-testid="primaryColumn"]', 'main'],
};
