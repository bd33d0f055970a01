import type { PlatformAdapter } from './types';

/**
 * LinkedIn post comments/replies and messaging. Sources (public repositories, dated by the last commit
 * touching the file read): kepano/defuddle src/extractors/linkedin.ts 2026-04-16; messaging from
 * sarahcallmesmadds/productivity_personal-email-slack-assistant personal_linkedin_dm_assistant/selectors.js
 * 2026-02-13, a single small repo.
 * Replies are nested inside the parent comment's article: the scanner reads ALL matches of the first text
 * selector, so the top-level text selector skips the replies list; author/permalink use the first match in
 * document order, which is the comment's own header (its replies come after).
 * Her own sent messages (.msg-s-message-group--is-sender) are not scanned.
 */
export const linkedin: PlatformAdapter = {
  id: 'linkedin',
  name: 'LinkedIn',
  hosts: ['www.linkedin.com'],
  rules: [
    {
      kind: 'dm',
      path: '^/messaging/',
      item: ['li.msg-s-message-list__event'],
      text: ['.msg-s-event-listitem__body'],
      author: ['.msg-s-message-group__name', '.msg-s-message-group__profile-link'],
      exclude: ['li.msg-s-message-list__event:has(.msg-s-message-group--is-sender)'],
    },
    {
      kind: 'comment',
      item: ['article.comments-comment-entity', 'article.comments-comment-item', 'section.comment'],
      text: [
        // A top-level comment contains its replies: take only text outside the replies list.
        ':scope:not(.comments-comment-entity--reply) .update-components-text:not(.comments-replies-list *)',
        '.comments-comment-entity__content .update-components-text',
        '.comments-comment-item__main-content',
        'span.comment__message',
      ],
      author: ['.comments-comment-meta__description-title', 'a.comment__actor-name'],
      permalink: ['a.comments-comment-meta__description-container', 'a.comment__actor-name'],
    },
  ],
  // A reply is nested in the comment it answers; a comment answers the post whose card holds it. Authors
  // are read as the item rule reads them (the shown name), so the target matches the parent's author.
  context: {
    parent: [
      {
        from: 'enclosing',
        within: ['article.comments-comment-entity', 'article.comments-comment-item'],
        post: [':scope'],
        author: ['.comments-comment-meta__description-title'],
        text: ['.update-components-text:not(.comments-replies-list *)', '.comments-comment-item__main-content:not(.comments-replies-list *)'],
      },
      { from: 'enclosing', within: ['.feed-shared-update-v2'], post: [':scope'], author: ['.update-components-actor__title'], text: ['.update-components-update-v2__commentary'] },
    ],
  },
  conversationRoot: ['.comments-comments-list', '.msg-s-message-list'],
};
