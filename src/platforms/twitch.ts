import type { PlatformAdapter } from './types';

/**
 * Twitch chat (live + VOD) and whispers. Source: night/betterttv (BTTV; src/modules/chat/index.js last
 * changed 2026-07-14, src/watchers/conversations.js 2026-06-16; 7TV lines per BTTV PR #8159).
 * A chat line has several `chat-message-text` fragments: read the whole body span first
 * ([data-a-target="chat-line-message-body"], read by several public chat scripts).
 * Chat lines have no permalink. Whispers are an overlay on any page (no path restriction).
 */
export const twitch: PlatformAdapter = {
  id: 'twitch',
  name: 'Twitch',
  hosts: ['www.twitch.tv'],
  rules: [
    {
      kind: 'dm',
      item: ['.whispers-thread .thread-message__message'],
      text: ['[data-a-target="chat-line-message-body"]', '[data-a-target="chat-message-text"]', '.message'],
      author: ['.thread-message__message--user-name'],
    },
    {
      kind: 'comment',
      item: ['.chat-line__message', '.vod-message', '.seventv-chat-message-container'],
      text: [
        '[data-a-target="chat-line-message-body"]',
        '[data-a-target="chat-message-text"]',
        '.seventv-chat-message-body',
        '.video-chat__message > span:last-child',
      ],
      author: ['.chat-author__display-name', '.video-chat__message-author', '.seventv-chat-user-username'],
      authorAttr: 'data-a-user',
      displayName: ['.chat-author__display-name'],
    },
  ],
  conversationRoot: ['[data-test-selector="chat-scrollable-area__message-container"]', '.chat-list--default', '.whispers-thread'],
};
