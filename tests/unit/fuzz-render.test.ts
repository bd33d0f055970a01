// @vitest-environment jsdom
/**
 * The shield renderer on items whose text is hostile HTML (generated with fast-check): rendering,
 * re-rendering, revealing and clearing a decision never turns the comment's text into elements. The page
 * gains exactly one element (the shield's host), the shield's shadow DOM holds only its own style (adopted), bar,
 * icon, label and button, and no <img>/<script>/<iframe>/<svg> appears anywhere. Labels are set with
 * textContent, so even hostile category names stay text.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderDecision, setRevealed, verdictOf, type ShieldTarget } from '../../src/shield/render';
import { shieldRoot } from '../../src/shield/label';
import type { Decision } from '../../src/verdict/decide';
import type { Category } from '../../src/verdict/categories';
import { useEnglishMessages } from './helpers/english-messages';

const RUNS = Number(process.env.BOUCLIER_FUZZ_RUNS ?? 1_000) / 4;

const HTML_ATTACKS = [
  '<img src=x onerror="window.__pwned=1">',
  '</style><script>window.__pwned=1</script>',
  '<svg/onload=window.__pwned=1>',
  '"><iframe src="javascript:window.__pwned=1"></iframe>',
  '<style>*{filter:none!important}</style>',
  '<[data-bouclier-ui="shield"]>fake</[data-bouclier-ui="shield"]>',
  '<button>Show</button>',
  '&lt;img src=x&gt;',
  '<!--',
  ']]><![CDATA[',
  '<template><img src=x></template>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
];
const hostile = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HTML_ATTACKS) }, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((p) => p.join(''));
const CATEGORIES: Category[] = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack', 'muted', 'doxxing'];
const decision = fc.record({
  labels: fc.subarray(CATEGORIES, { minLength: 1 }),
  action: fc.constantFrom('blur', 'collapse', 'remove') as fc.Arbitrary<Decision['action']>,
});

const DANGEROUS = 'img, script, iframe, svg, math, object, embed, template, link';

/** A comment as a platform renders it: the hostile text is text (a text node), as page HTML escapes it. */
function makeItem(text: string): ShieldTarget {
  const el = document.createElement('article');
  const body = document.createElement('div');
  body.className = 'comment-text';
  body.textContent = text;
  const actions = document.createElement('div');
  actions.innerHTML = '<button type="button">Reply</button>';
  el.append(body, actions);
  document.body.append(el);
  return { el, textEls: [body] };
}

function shadowOf(item: ShieldTarget): ShadowRoot | null {
  const host = item.el.querySelector<HTMLElement>('[data-bouclier-ui="shield"]');
  // Closed to the page (host.shadowRoot is null there); the renderer keeps its own reference.
  expect(host?.shadowRoot ?? null).toBeNull();
  return shieldRoot(host);
}

beforeAll(() => {
  useEnglishMessages();
});

afterEach(() => {
  document.body.replaceChildren();
  delete (window as unknown as { __pwned?: number }).__pwned;
});

describe('shield renderer on hostile HTML text (jsdom)', () => {
  it('never creates elements from the text, whatever the decision', () => {
    fc.assert(
      fc.property(hostile, decision, decision, fc.boolean(), (text, first, second, reveal) => {
        document.body.replaceChildren();
        const item = makeItem(text);
        const before = document.getElementsByTagName('*').length;
        const body = item.textEls[0]!;

        renderDecision(item, first);
        expect(document.getElementsByTagName('*').length).toBe(before + 1); // the shield host only
        expect(body.textContent).toBe(text);
        expect(body.children.length).toBe(0);
        expect(document.querySelectorAll(DANGEROUS)).toHaveLength(0);
        const root = shadowOf(item);
        expect(root).not.toBeNull();
        // Its style is one adopted stylesheet shared by every shield (or a <style> where adopting is refused).
        const own = [...root!.querySelectorAll('*')].map((e) => e.localName).filter((n) => n !== 'style').sort();
        expect(own).toEqual(['button', 'div', 'span', 'span']);
        expect(root!.adoptedStyleSheets.length + root!.querySelectorAll('style').length).toBe(1);
        expect(root!.querySelectorAll(DANGEROUS)).toHaveLength(0);
        expect(root!.querySelector('.label')!.children).toHaveLength(0);
        // Drawn as generated content (a page's window.find() cannot search it), never as text or markup.
        expect(root!.querySelector('.label')!.textContent).toBe('');
        expect(root!.querySelector<HTMLElement>('.label')!.style.getPropertyValue('--reason').length, 'the label says what was hidden').toBeGreaterThan(2);

        setRevealed(item, reveal);
        renderDecision(item, second);
        expect(document.getElementsByTagName('*').length).toBe(before + 1);
        expect(document.querySelectorAll(DANGEROUS)).toHaveLength(0);
        expect(shadowOf(item)!.querySelectorAll(DANGEROUS)).toHaveLength(0);

        renderDecision(item, { labels: [], action: null });
        expect(document.getElementsByTagName('*').length).toBe(before);
        expect(body.textContent).toBe(text);
        expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('writes even a hostile category name as text, not markup', () => {
    const item = makeItem('hello');
    renderDecision(item, { labels: ['<img src=x onerror=window.__pwned=1>' as Category], action: 'blur' });
    const root = shadowOf(item)!;
    expect(root.querySelectorAll(DANGEROUS)).toHaveLength(0);
    expect(root.querySelector('.label')!.children).toHaveLength(0);
    expect(root.querySelector<HTMLElement>('.label')!.style.getPropertyValue('--reason')).toContain('<img');
    expect(verdictOf(item.el)?.labels).toEqual(['<img src=x onerror=window.__pwned=1>']);
    expect(document.querySelectorAll(DANGEROUS)).toHaveLength(0);
  });

  it('detects markup when it is there (the checks above can fail)', () => {
    const item = makeItem('x');
    item.textEls[0]!.innerHTML = HTML_ATTACKS[0]!;
    expect(document.querySelectorAll(DANGEROUS).length).toBeGreaterThan(0);
  });
});
