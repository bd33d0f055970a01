/**
 * Reading: changed nodes → items (by the adapters' rules) → text, author, permalink → the batcher.
 * Done in short slices (≤ SLICE_MS of main thread, then yield to the page) so 2,000 comments never
 * cause a long task; the first comments of a change are read in the mutation callback itself.
 */
import { setGuarded, written } from '../shield/guard';
import { extractItem, extractText } from './extract';
import type { ItemRegistry, TrackedItem } from './item';
import { ownerItem, type Rule, type RuleSet } from './rules';
import type { DomWatch } from './dom-watch';
import type { Batcher } from './batcher';
import type { RenderQueue } from './render-queue';
import { timed } from './busy';
import { arrayOf } from './node-list';
import { reportLater, yieldToPage } from './tasks';

export const SLICE_MS = 4;
/**
 * Items read between two looks at the clock: performance.now() costs about as much as a DOM read, and
 * reading one item takes a small fraction of a slice.
 */
const CLOCK_EVERY = 8;
/** Above this many items in one changed subtree, each rule searches it itself (see scanRoot). */
const MANY_INSIDE = 64;
/** Reading done in the mutation callback itself, before the reading loop takes over. */
const EAGER_READ_MS = 2;
/**
 * Until the first request leaves: the page's first comments are the ones on her screen, and reading
 * them runs cold code, so EAGER_READ_MS alone did not always reach all of those in view (bench:page), and
 * the rest waited a round trip.
 */
const FIRST_EAGER_READ_MS = 6;
/**
 * A burst: at least this many new items at once (a thread of hundreds of comments rendered in a few
 * frames), or this many texts waiting for their verdict. Verdicts then lag by more than a frame or two
 * (bench:page, the comments on screen), so until the backlog is rendered items not
 * judged yet are withheld even in the default mode (onBurst): nothing of a burst is readable before its
 * verdict. A few comments scrolled in get theirs in a round trip and are never blanked.
 */
export const BURST_WAITING = 64;

export interface ReaderParts {
  items: ItemRegistry;
  rules: RuleSet;
  watch: DomWatch;
  batcher: Batcher;
  render: RenderQueue;
  burst: { on(): boolean; begin(): void; check(): void };
}

export function createReader(p: ReaderParts) {
  const dirty = p.watch.dirty;
  /** Items found in changed subtrees, not read yet. */
  let found: { el: HTMLElement; rule: Rule }[] = [];
  let foundAt = 0;
  let scheduled = false;

  /**
   * Read for up to `budgetMs`: items already found, then changed subtrees. True when work is left.
   * A subtree holding 2,000 comments (a server-rendered thread) is read across many calls.
   */
  function readSome(budgetMs: number, active: Rule[]): boolean {
    const start = performance.now();
    for (let n = 1; ; n++) {
      // The clock is read every CLOCK_EVERY steps (an item read, a subtree searched) and after a subtree
      // holding many items, not after every step.
      let clock = n % CLOCK_EVERY === 0;
      try {
        if (foundAt < found.length) {
          const { el, rule } = found[foundAt++]!;
          if (el.isConnected) consider(el, rule);
        } else if (dirty.size > 0) {
          found = [];
          foundAt = 0;
          const root = dirty.values().next().value as Node;
          dirty.delete(root);
          scanRoot(root, active);
          if (found.length > CLOCK_EVERY) clock = true;
          if (!p.burst.on() && found.length + p.batcher.waiting() >= BURST_WAITING) {
            // Items already known (a thread re-rendered in place) are no burst.
            let newItems = p.batcher.waiting();
            for (const f of found) if (!p.items.get(f.el) && ++newItems >= BURST_WAITING) break;
            if (newItems >= BURST_WAITING) p.burst.begin();
          }
        } else {
          found = [];
          foundAt = 0;
          return false;
        }
      } catch (e) {
        reportLater(e);
      }
      if (clock && performance.now() - start > budgetMs) return true;
    }
  }

  /** The reading loop, in slices of SLICE_MS with a yield to the page between them. */
  async function drain(): Promise<void> {
    for (;;) {
      const more = timed('read', () => {
        const left = readSome(SLICE_MS, p.rules.active());
        p.batcher.pump();
        return left;
      });
      if (!more) break;
      await yieldToPage();
    }
    scheduled = false;
    timed('read', p.burst.check);
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void drain(), 0);
  }

  /** Every active rule's selector in one, to search a changed subtree once (most hold no item or one). */
  let anyRule = { of: null as Rule[] | null, selector: '' };

  /** Queue the items in (or around) a changed node; they are read one by one by the work loop. */
  function scanRoot(root: Node, active: Rule[]): void {
    const el = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
    if (!el && !(root instanceof ShadowRoot || root instanceof Document)) return;
    const scope = (el ?? root) as Element | Document | ShadowRoot;
    if (anyRule.of !== active) anyRule = { of: active, selector: active.map((r) => r.selector).join(',') };
    // Several rules (a platform's old and new markup): one search, then each rule takes its own, in the
    // same order as one search per rule. A subtree holding many items is searched per rule (cheaper then).
    // Most changed nodes (a comment, its text) hold no item: one look, without building a list for each.
    let inside: HTMLElement[] | null = active.length > 1 ? (scope.querySelector(anyRule.selector) ? arrayOf(scope.querySelectorAll<HTMLElement>(anyRule.selector)) : []) : null;
    if (inside && inside.length > MANY_INSIDE) inside = null;
    for (const r of active) {
      // The changed node may sit inside an item (its text was re-rendered) or contain items.
      if (el) {
        const owner = ownerItem(el, r.selector);
        if (owner) found.push({ el: owner, rule: r });
      }
      if (!inside) {
        if (!scope.querySelector(r.selector)) continue;
        const all = scope.querySelectorAll<HTMLElement>(r.selector);
        for (let i = 0; i < all.length; i++) found.push({ el: all[i]!, rule: r });
      }
      else for (const item of inside) if (item.matches(r.selector)) found.push({ el: item, rule: r });
    }
  }

  function consider(el: HTMLElement, r: Rule): void {
    if (r.rule.exclude?.some((s) => el.matches(s)) || r.skip?.(el)) return;
    const prev = p.items.get(el);
    if (prev && prev.platform !== r.platform && r.platform === 'fallback') return;
    const found = extractText(el, r.rule);
    if (!found || found.text.length === 0) return;
    if (prev && prev.text === found.text) {
      // Same node, same text: keep state, but re-mark text elements a re-render may have replaced.
      for (const t of found.textEls) if (!t.hasAttribute('data-bouclier-text')) t.setAttribute('data-bouclier-text', '');
      const replaced = found.textEls.length !== prev.textEls.length || found.textEls.some((t, i) => t !== prev.textEls[i]);
      prev.textEls = found.textEls;
      // New text elements carry none of the shield's marks: render its verdict on them again (no re-classifying).
      const thresholds = p.batcher.thresholds();
      if (replaced && prev.scores && thresholds) p.render.verdict(prev, thresholds);
      else if (replaced && prev.unchecked && !prev.scores) p.render.verdict(prev, null);
      return;
    }
    const data = extractItem(el, r.rule, found)!;
    // Written out, not spread: every item gets the same shape, built once per comment of a long thread.
    const item: TrackedItem = {
      el,
      kind: r.rule.kind,
      platform: r.platform,
      textEls: data.textEls,
      text: data.text,
      author: data.author,
      displayName: data.displayName,
      permalink: data.permalink,
      key: data.text,
      scores: null,
    };
    p.items.add(item);
    // Its text lives in its own shadow root (Reddit chat events): watch it for re-renders there.
    if (el.shadowRoot && data.textEls[0]?.getRootNode() === el.shadowRoot) p.watch.observe(el.shadowRoot);
    for (const t of data.textEls) t.setAttribute('data-bouclier-text', '');
    // Known from now on: a parent item rendered before this one must not take this one's media for its
    // own (ownership goes by the nearest item we marked). A value the page set itself counts for nothing.
    // Her rules and strict-mode withholding are applied when it is rendered (onPending).
    if (written(el, 'data-bouclier') === null) setGuarded(el, 'data-bouclier', 'pending');
    // Rendered in the next animation frame, which comes before that frame's paint: as early as she
    // could see it, and reading stays cheap so texts reach the classifier sooner. An item whose
    // verdict is back by then never goes through "pending" (see render-queue.ts).
    if (p.batcher.ask(item)) return;
    p.render.pending(item);
    if (p.batcher.waiting() >= BURST_WAITING) p.burst.begin();
  }

  return {
    readSome,
    schedule,
    /** The first comments of a change are read at once, in the mutation callback; the rest in slices. */
    eager(active: Rule[]): void {
      if (readSome(p.batcher.sentAny() ? EAGER_READ_MS : FIRST_EAGER_READ_MS, active)) schedule();
    },
    /** Nothing changed is left to read. */
    idle: (): boolean => dirty.size === 0 && foundAt >= found.length,
  };
}
