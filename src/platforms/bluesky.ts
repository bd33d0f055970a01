import type { PlatformAdapter } from './types';

/**
 * Bluesky (bsky.app) thread replies and chat. Sources: bluesky-social/social-app
 * (src/screens/PostThread/components/ThreadItemPost.tsx: testID `postThreadItem-by-<handle>`) and
 * kepano/defuddle (src/extractors/bluesky.ts: text div[data-word-wrap="1"]).
 * The anchor post uses the same testID; social-app's ThreadItemAnchor.tsx alone renders the
 * `*Count-expanded` stats and ExpandedPostDetails, which is how it is told apart (fails if it has 0 likes,
 * reposts and quotes; then it is scanned like a reply).
 *
 * Chat (/messages/<convo>): VERIFIED from social-app source (docs/dm-markers.md):
 * - the screen is `Layout.Screen testID="convoScreen"` (src/screens/Messages/Conversation.tsx, 0132b725);
 *   react-native-web renders testID as data-testid and dataSet as data-* (createDOMProps);
 * - a message (src/components/dms/MessageItem.tsx, 0106fd39, read in full) has no testID and the web
 *   list (src/view/com/util/List.web.tsx) wraps each row in a plain <div>: no role, no id;
 * - on web every message is wrapped by ActionsWrapper.web.tsx, whose first child holds the "Message options"
 *   menu trigger (Menu/index.web.tsx: a Radix DropdownMenu trigger, so role="button" aria-haspopup="menu",
 *   aria-label localised) and whose second child holds the bubble: that wrapper is the item;
 * - the text is <RichText> (src/components/RichText.tsx: dataSet {wordWrap: 1} → div[data-word-wrap="1"]).
 * UNVERIFIED / not available: the sender. 1:1 chats show no name or avatar per message, group chats show
 * them outside the wrapper (so no author is read), and her own messages carry no attribute (only styles),
 * so they are not excluded.
 */
export const bluesky: PlatformAdapter = {
  id: 'bluesky',
  name: 'Bluesky',
  hosts: ['bsky.app'],
  rules: [
    {
      kind: 'dm',
      path: '^/messages/[^/]+',
      item: ['[data-testid="convoScreen"] div:has(> div > [role="button"][aria-haspopup="menu"]):has(div[data-word-wrap="1"])'],
      text: ['div[data-word-wrap="1"]'],
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
  conversationRoot: ['[data-testid="postThreadScreen"]', '[data-testid="convoScreen"]', 'main'],
};
