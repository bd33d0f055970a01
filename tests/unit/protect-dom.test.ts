// @vitest-environment jsdom
/**
 * Page side of the protections on a small DOM: which media belong to an item, posted time, lockdown
 * marks, media blur + reveal by click/Enter, autoplay stopped, and the guard against the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { installMediaListeners, itemPostedAt, ownMedia, setLockdownHidden, shieldMedia } from '../../src/protect/dom.ts';
import { setGuarded, startShieldGuard } from '../../src/shield/guard.ts';
import { dispatchTrusted, trustedClick } from './helpers/trusted-event';

function thread(): { parent: HTMLElement; child: HTMLElement } {
  document.body.textContent = '';
  const parent = document.createElement('article');
  parent.innerHTML = `<p class="t">parent</p><time datetime="2026-11-28T20:10:00Z"></time><a href="#box"><img id="p-img"></a><video id="p-vid" autoplay></video>
    <article><p class="t">child</p><time datetime="2026-11-28T21:00:00Z"></time><img id="c-img"></article>`;
  document.body.append(parent);
  const child = parent.querySelector('article article') as HTMLElement;
  // Items are the elements the extension marked (a data-bouclier the page sets itself counts for nothing).
  setGuarded(parent, 'data-bouclier', 'flagged');
  setGuarded(child, 'data-bouclier', 'clean');
  return { parent, child };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeAll(() => {
  installMediaListeners();
  startShieldGuard();
});

describe('protect DOM helpers', () => {
  it("an item's own media and posted time exclude its nested replies'", () => {
    const { parent, child } = thread();
    expect(ownMedia(parent).map((m) => m.id)).toEqual(['p-img', 'p-vid']);
    expect(ownMedia(child).map((m) => m.id)).toEqual(['c-img']);
    expect(itemPostedAt(parent)).toBe(Date.parse('2026-11-28T20:10:00Z'));
    expect(itemPostedAt(child)).toBe(Date.parse('2026-11-28T21:00:00Z'));
  });

  it('lockdown marks the item and its own text and media, and unmarks them', () => {
    const { parent, child } = thread();
    const text = parent.querySelector<HTMLElement>(':scope > .t')!;
    setLockdownHidden(parent, [text], true);
    expect(parent.getAttribute('data-bouclier-lockdown')).toBe('hidden');
    expect(text.hasAttribute('data-bouclier-lock')).toBe(true);
    expect(document.getElementById('p-img')!.hasAttribute('data-bouclier-lock')).toBe(true);
    expect(document.getElementById('c-img')!.hasAttribute('data-bouclier-lock')).toBe(false);
    expect(child.hasAttribute('data-bouclier-lockdown')).toBe(false);
    setLockdownHidden(parent, [text], false);
    expect(parent.hasAttribute('data-bouclier-lockdown')).toBe(false);
    expect(text.hasAttribute('data-bouclier-lock')).toBe(false);
  });

  it('blurs media, stops autoplay, reveals on click without following the link, and on Enter', () => {
    const { parent } = thread();
    shieldMedia(parent, 'flagged', () => 'blurred image');
    const img = document.getElementById('p-img')!;
    const vid = document.getElementById('p-vid') as HTMLVideoElement;
    expect(img.getAttribute('data-bouclier-media')).toBe('blurred');
    expect(img.getAttribute('aria-label')).toBe('blurred image');
    expect(img.getAttribute('tabindex')).toBe('0');
    expect(vid.hasAttribute('autoplay')).toBe(false);
    let followed = false;
    img.parentElement!.addEventListener('click', () => (followed = true));
    img.click(); // a page script's click reveals nothing (and follows no link either)
    expect(img.getAttribute('data-bouclier-media')).toBe('blurred');
    expect(followed).toBe(false);
    trustedClick(img);
    expect(img.getAttribute('data-bouclier-media')).toBe('revealed');
    expect(followed).toBe(false);
    vid.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(vid.getAttribute('data-bouclier-media')).toBe('blurred');
    dispatchTrusted(vid, new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(vid.getAttribute('data-bouclier-media')).toBe('revealed');
    // Re-applying the same policy keeps what she revealed; a clean item loses every mark.
    shieldMedia(parent, 'flagged', () => '');
    expect(img.getAttribute('data-bouclier-media')).toBe('revealed');
    shieldMedia(parent, null, () => '');
    expect(img.hasAttribute('data-bouclier-media')).toBe(false);
    expect(img.hasAttribute('tabindex')).toBe(false);
  });

  it('puts back a blur the page removes', async () => {
    const { parent } = thread();
    shieldMedia(parent, 'dm_request', () => '');
    const img = document.getElementById('p-img')!;
    img.removeAttribute('data-bouclier-media');
    img.style.filter = 'none';
    await tick();
    expect(img.getAttribute('data-bouclier-media')).toBe('blurred');
    expect(img.style.filter).toBe('');
  });
});
