import type { PlatformAdapter } from './types';

/**
 * X / Twitter. Sources (public repositories, dated by the last commit touching the file read):
 * insin/control-panel-for-twitter (CPFT) script.js 2026-08-17, kepano/defuddle src/extractors/twitter.ts,
 * Ynewtime/markitai packages/markitai/src/markitai/webextract/extractors/x_common.py 2026-07-18 for the
 * logged-out "x-web" redesign without data-testids.
 * Replies are sibling `cellInnerDiv` cells, not nested. The status page's own tweet (the "focal" one) is the
 * only article with tabindex="-1" (used by CPFT and many public scripts) and is skipped; `mainPost` finds it
 * by its permalink (the page's status id) so the generic fallback never reads it on a page with no reply.
 *
 * DMs (Chat since 2025-11, /i/chat/<id>): containers from CPFT; message rows from public scripts that read
 * the Chat thread (docs/dm-markers.md; their repositories are not known, so they are cited by code-search
 * id there): each message is `[data-testid="message-<uuid>"]` inside `dm-message-list` /
 * `dm-message-scroller`, its text `[data-testid="message-text-<uuid>"]` (a `div[dir=auto]` inside); her
 * own messages are the rows with the Tailwind class `justify-end` (others `justify-start`). One script
 * (opencli "x-dm") reads rows as `[data-dm-message-row]` with `[id$="-sender"]` / `[id$="-time"]` labels,
 * inside the open shadow root of `[data-testid="xchatEmbedRoute"]`: that root is opened (`shadowHosts`) and the
 * shield's CSS added to it; its rows are found when the message list is inside the same root (one source
 * only, see docs/dm-markers.md). The pre-Chat Messages UI
 * (`messageEntry` + `tweetText`) is kept as a fallback; the `[role=row]` fallbacks remain UNVERIFIED and are
 * kept from matching inside or around a Chat row.
 */
const CHAT_LIST = ':is([data-testid="dm-message-list"], [data-testid="dm-message-scroller"])';
/** A Chat message row: a `message-` testid that is not a text block and not inside another row. */
const CHAT_ROW = '[data-testid^="message-"]:not([data-testid^="message-text-"])';

export const x: PlatformAdapter = {
  id: 'x',
  name: 'X (Twitter)',
  hosts: ['x.com', 'twitter.com'],
  rules: [
    {
      kind: 'dm',
      path: '^/(messages|i/chat)(/|$)',
      // A union: every selector must exclude the others' matches (no row inside or around another).
      item: [
        `${CHAT_LIST} ${CHAT_ROW}:not(${CHAT_ROW} *)`,
        `${CHAT_LIST} [data-dm-message-row]:not(${CHAT_ROW} *):not(:has(${CHAT_ROW}))`,
        '[data-testid="dm-message-list"] [data-testid="messageEntry"]',
        `[data-testid="dm-message-list"] [role="row"]:not(${CHAT_ROW} *):not(:has(${CHAT_ROW}, [data-dm-message-row], [data-testid="messageEntry"]))`,
        `[data-testid="dm-container"] [role="row"]:not(${CHAT_ROW} *):not(:has(${CHAT_ROW}, [data-dm-message-row], [data-testid="messageEntry"]))`,
      ],
      text: ['[data-testid^="message-text-"]', '[data-testid="tweetText"]', '[data-testid="dm-message-text"]', 'div[dir="auto"]'],
      author: ['[id$="-sender"]', 'a[href^="/"][role="link"]'],
      authorAttr: 'href',
      exclude: ['[data-testid^="message-"][class~="justify-end"]', '[data-dm-message-row][class~="justify-end"]'],
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
      // The text is a div[dir=auto], with `lang` when X detected the language and without it in the
      // current logged-out design; without `lang` only the one that is a direct child of the tweet's
      // content column is the text (the display name and other dir=auto labels sit deeper, in the header).
      text: [':scope > div > div[dir="auto"][lang]', 'div[dir="auto"][lang]', ':scope > div > div[dir="auto"]'],
      author: ['div[data-slot="hover-card-trigger"] a[href]', 'a[href^="https://x.com/"]:not([href*="/status/"])'],
      authorAttr: 'href',
      permalink: ['a[href*="/status/"]:has(time)', 'a[href*="/status/"]'],
      // ASSUMED (as markitai does for the logged-in page): the status itself sits outside the replies <section>.
      exclude: ['article[data-tweet-id]:not(section *)'],
    },
  ],
  shadowHosts: ['[data-testid="xchatEmbedRoute"]'],
  // A status page's own post: the first tweet whose permalink is the page's status (above it X may show
  // the posts it answers, below it the replies). /i/web/status/<id> pages too.
  mainPost: [
    {
      path: '/status/(\\d+)',
      item: ['article[data-testid="tweet"]'],
      permalink: ['a[href*="/status/"]'],
      author: ['[data-testid="User-Name"] a[href^="/"]'],
      authorAttr: 'href',
    },
    {
      path: '/status/(\\d+)',
      item: ['article[data-tweet-id]'],
      permalink: ['a[href*="/status/"]'],
      author: ['div[data-slot="hover-card-trigger"] a[href]', 'a[href^="https://x.com/"]:not([href*="/status/"])'],
      authorAttr: 'href',
    },
  ],
  conversationRoot: ['[data-testid="primaryColumn"] section[role="region"]', '[data-testid="primaryColumn"]', 'main'],
  // Replies are sibling cells, so the post a reply answers is not in its markup: a reply below a status
  // page's own post is part of its conversation (parent = that post, unless its "Replying to" line names
  // other accounts). The line is language-dependent text around profile links ("Replying to" /
  // "En réponse à" + `a[href="/handle"]` "@handle"), outside the name row, the text, the avatar and a
  // quoted post (div[role=link]); only the link is used. UNVERIFIED beyond the fixture for the logged-in
  // app; the logged-out design shows no such line.
  context: {
    parent: [
      { from: 'main', post: ['article[data-testid="tweet"]'], author: ['[data-testid="User-Name"] a[href^="/"]'], authorAttr: 'href', permalink: ['a[href*="/status/"]:has(> time)', 'a[href*="/status/"]'], text: ['[data-testid="tweetText"]'] },
      {
        from: 'main',
        post: ['article[data-tweet-id]'],
        author: ['div[data-slot="hover-card-trigger"] a[href]', 'a[href^="https://x.com/"]:not([href*="/status/"])'],
        authorAttr: 'href',
        permalink: ['a[href*="/status/"]:has(time)', 'a[href*="/status/"]'],
        text: [':scope > div > div[dir="auto"][lang]', 'div[dir="auto"][lang]', ':scope > div > div[dir="auto"]'],
      },
    ],
    target: [
      'a[href^="/"][role="link"]:not([data-testid="User-Name"] *, [data-testid="tweetText"] *, [data-testid="Tweet-User-Avatar"] *, div[role="link"] *)',
    ],
  },
};
