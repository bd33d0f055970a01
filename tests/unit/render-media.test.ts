// @vitest-environment jsdom
/**
 * Media of an item follow its verdict (src/shield/render.ts): a flagged comment's own image is blurred
 * with its text, and a nested reply judged clean gets back the image its parent blurred before the reply
 * was known. Clearing only searches for media once some media on the page carry our marks (a thread
 * without a blurred image is not searched comment by comment), so the first blur must switch that on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDecision, type ShieldTarget } from '../../src/shield/render';
import { useEnglishMessages } from './helpers/english-messages';

beforeAll(() => useEnglishMessages());

function makeItem(parent: HTMLElement, text: string): ShieldTarget & { img: HTMLImageElement } {
  const el = document.createElement('article');
  const body = document.createElement('p');
  body.textContent = text;
  const img = document.createElement('img');
  img.alt = 'a picture';
  el.append(body, img);
  parent.append(el);
  return { el, textEls: [body], img };
}

describe('media follow the verdict', () => {
  it('clean comments keep their images; a reply judged clean gets back the image its parent blurred', () => {
    const first = makeItem(document.body, 'a kind comment with a photo');
    renderDecision(first, { labels: [], action: null });
    expect(first.el.getAttribute('data-bouclier')).toBe('clean');
    expect(first.img.hasAttribute('data-bouclier-hide')).toBe(false);

    // The parent is judged before its nested reply is known: it takes the reply's image for its own.
    const parent = makeItem(document.body, 'an abusive comment');
    const reply = makeItem(parent.el, 'a kind reply with a photo');
    renderDecision(parent, { labels: ['insult'], action: 'blur' });
    expect(parent.img.getAttribute('data-bouclier-hide')).toBe('blur');
    expect(reply.img.getAttribute('data-bouclier-hide')).toBe('blur');
    expect(reply.img.getAttribute('aria-hidden')).toBe('true');

    // The reply is found and judged clean: its image is its own again, and shown.
    reply.el.setAttribute('data-bouclier', 'pending');
    renderDecision(reply, { labels: [], action: null });
    expect(reply.img.hasAttribute('data-bouclier-hide')).toBe(false);
    expect(reply.img.hasAttribute('aria-hidden')).toBe(false);
    expect(parent.img.getAttribute('data-bouclier-hide')).toBe('blur');
  });
});
