import type { PlatformAdapter } from './types';

/**
 * Mastodon web UI on any instance (no fixed host: detected by the #mastodon root element, as Shinigami Eyes
 * does; the instance's origin is granted at run time). Source: /work/shared/notes/platform-markers.md
 * (mastodon status.jsx / status_content.tsx; defuddle mastodon.ts 2026-04-22). The detailed (focal) status
 * is .detailed-status__wrapper, not .status__wrapper, so it never matches. Direct messages are statuses with
 * visibility "direct" (.status__wrapper-direct) and the Conversations column (.conversation, UNVERIFIED).
 */
export const mastodon: PlatformAdapter = {
  id: 'mastodon',
  name: 'Mastodon',
  hosts: [],
  detect: '#mastodon',
  rules: [
    {
      kind: 'dm',
      item: ['.status__wrapper-direct', '.conversation'],
      text: ['.status__content__text', '.status__content'],
      author: ['a.status__display-name', '.conversation__content__names a'],
      authorAttr: 'title',
      displayName: ['.display-name__html'],
      permalink: ['a.status__relative-time', 'a.conversation__content__relative-time'],
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
