// @vitest-environment jsdom
/**
 * Labels of flagged items far from the screen are built later (src/shield/render.ts): the text must be
 * hidden the moment the verdict is rendered, the label must appear when she nears the item or when the
 * page is idle, and whatever happened meanwhile (cleared, revealed, a threat's evidence button) must hold.
 * jsdom has no IntersectionObserver or idle callbacks: fakes stand in, installed before the module loads.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShieldTarget } from '../../src/shield/render';
import { useEnglishMessages } from './helpers/english-messages';
import { makeItem } from './helpers/shield-item.ts';

/** Stands in for the browser's observer: the test says which items came near the screen. */
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | null = null;
  readonly observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.last = this;
  }
  observe(el: Element): void {
    this.observed.add(el);
  }
  unobserve(el: Element): void {
    this.observed.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
  /** She scrolls near these elements. */
  near(els: Element[]): void {
    const entries = els.filter((e) => this.observed.has(e)).map((target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}
const idleCallbacks: IdleRequestCallback[] = [];
vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
vi.stubGlobal('requestIdleCallback', (cb: IdleRequestCallback) => idleCallbacks.push(cb));
vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 0));

const { options, renderDecision, setRevealed, verdictOf, withShield } = await import('../../src/shield/render');
const { shieldRoot } = await import('../../src/shield/label');

beforeAll(() => {
  options.deferShields = true;
  useEnglishMessages();
});

afterEach(() => {
  runIdle(); // leave nothing deferred for the next test
  document.body.replaceChildren();
});


const shieldOf = (item: ShieldTarget) => item.el.querySelector('[data-bouclier-ui="shield"]');
const frame = () => new Promise((r) => setTimeout(r, 5));
function runIdle(): void {
  while (idleCallbacks.length > 0) idleCallbacks.shift()!({ didTimeout: false, timeRemaining: () => 50 });
}

describe('labels of far-off flagged items (deferred)', () => {
  it('hides the text at once and builds the label when she comes near the item', async () => {
    const item = makeItem('you stupid woman');
    renderDecision(item, { labels: ['misogyny', 'insult'], action: 'blur' });
    expect(item.el.getAttribute('data-bouclier')).toBe('flagged');
    expect(verdictOf(item.el)?.labels).toEqual(['misogyny', 'insult']);
    expect(item.el.hasAttribute('data-bouclier-labels')).toBe(false); // never in the page
    expect(item.textEls[0]!.getAttribute('data-bouclier-hide')).toBe('blur');
    expect(item.textEls[0]!.getAttribute('aria-hidden')).toBe('true');
    expect(shieldOf(item)).toBeNull();

    FakeIntersectionObserver.last!.near([item.el]);
    await frame();
    const shield = shieldOf(item);
    expect(shield?.nextElementSibling).toBe(item.textEls[0]);
    expect(shield?.hasAttribute('data-overlay')).toBe(true);
    expect(shieldRoot(shield as HTMLElement | null)?.querySelector<HTMLElement>('.label')?.style.getPropertyValue('--reason')).toBe('"Hidden: misogyny"'); // the main reason; every label is in the details
  });

  it('builds every remaining label when the page is idle', () => {
    const items = Array.from({ length: 20 }, (_, i) => makeItem(`insult number ${i}`));
    for (const item of items) renderDecision(item, { labels: ['insult'], action: 'collapse' });
    expect(items.filter((it) => shieldOf(it))).toHaveLength(0);
    runIdle();
    expect(items.filter((it) => shieldOf(it))).toHaveLength(20);
    // Collapsed: the label takes its own line (no overlay) and says what was hidden.
    expect(shieldOf(items[0]!)?.hasAttribute('data-overlay')).toBe(false);
  });

  it('adds the threat-evidence button once the label exists', () => {
    const item = makeItem('I know where you live, you will pay');
    renderDecision(item, { labels: ['threat'], action: 'blur' });
    const added: Element[] = [];
    withShield(item, (shield) => added.push(shield));
    expect(added).toHaveLength(0);
    runIdle();
    expect(added).toEqual([shieldOf(item)]);
    // With the label there, it runs at once.
    withShield(item, (shield) => added.push(shield));
    expect(added).toHaveLength(2);
  });

  it('never labels an item cleared (or revealed) before its label was built, and shows the right button', () => {
    const cleared = makeItem('a misread comment');
    renderDecision(cleared, { labels: ['insult'], action: 'blur' });
    renderDecision(cleared, { labels: [], action: null }); // she trusted the author meanwhile
    const revealed = makeItem('something she chose to read');
    renderDecision(revealed, { labels: ['insult'], action: 'blur' });
    setRevealed(revealed, true);
    expect(revealed.textEls[0]!.hasAttribute('data-bouclier-hide')).toBe(false);

    runIdle();
    expect(cleared.el.getAttribute('data-bouclier')).toBe('clean');
    expect(shieldOf(cleared)).toBeNull();
    expect(cleared.textEls[0]!.hasAttribute('data-bouclier-hide')).toBe(false);
    const button = shieldRoot(shieldOf(revealed) as HTMLElement | null)?.querySelector('button');
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    expect(revealed.textEls[0]!.hasAttribute('data-bouclier-hide')).toBe(false);
  });
});
