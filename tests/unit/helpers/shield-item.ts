import type { ShieldTarget } from '../../../src/shield/render';

/** A one-paragraph item in the page, as the shield receives it. */
export function makeItem(text: string): ShieldTarget {
  const el = document.createElement('article');
  const body = document.createElement('p');
  body.textContent = text;
  el.append(body);
  document.body.append(el);
  return { el, textEls: [body] };
}
