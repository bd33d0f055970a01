import type { PlatformAdapter } from './types';

/**
 * Mastodon web UI on any instance (no fixed host: detected by the #mastodon root element, as Shinigami Eyes
 * does; the instance's origin is granted at run time). Sources: mastodon/mastodon
 * (app/javascript/mastodon/components/status.jsx, status_content.tsx) and kepano/defuddle
 * (src/extractors/mastodon.ts, last changed 2026-04-22). The detailed (focal) status
 * is .detailed-status__wrapper, not .status__wrapper, so it never matches. Direct messages are statuses with
 * visibility "direct" (.status__wrapper-direct) and the rows of the Conversations column ("Private mentions").
 *
 * Conversations column: VERIFIED from mastodon/mastodon source (docs/dm-markers.md):
 * features/direct_timeline/components/conversation.tsx (4507c9b0; same markup in the older conversation.jsx,
 * f2a2d73e) renders `div.conversation.focusable` > `.conversation__content` > `.conversation__content__info`
 * (`.conversation__content__relative-time` is a <div>, not a link: the row has no permalink, a click
 * navigates) + `.conversation__content__names` (LinkedDisplayName: `a[title="@acct"]` > bdi > span), then
 * StatusContent (`.status__content__text`). The row shows the LAST status of the conversation, whoever sent
 * it, and names the other participants: when that last status is her own, the names are not its author.
 */
export const mastodon: PlatformAdapter = {
  id: 'mastodon',
  name: 'Mastodon',
  hosts: [],
  detect: '#mastodon',
  rules: [
    {
      kind: 'dm',
      item: ['.status__wrapper-direct'],
      text: ['.status__content__text', '.status__content'],
      author: ['a.status__display-name'],
      authorAttr: 'title',
      displayName: ['.display-name__html'],
      permalink: ['a.status__relative-time'],
    },
    {
      kind: 'dm',
      item: ['.conversation'],
      text: ['.status__content__text', '.status__content'],
      author: ['.conversation__content__names a[title]'],
      authorAttr: 'title',
      displayName: ['.conversation__content__names a[title] bdi'],
    },
    {
      kind: 'comment',
      item: ['.status__wrapper'],
      text: ['.status__content__text', '.status__content'],
      author: ['a.status__display-name'],
      authorAttr: 'title',
      displayName: ['.display-name__html'],
      permalink: ['a.status__relative-time'],
    },
  ],
  conversationRoot: ['.item-list', '.columns-area'],
};
