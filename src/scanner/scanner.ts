/**
 * The one scanner shared by every platform adapter, wired from parts that each do one job:
 *
 *   page DOM (document + open shadow roots)
 *      │ mutations
 *      ▼
 *   dom-watch.ts ── the one MutationObserver ──► other listeners (media added to items: src/protect)
 *      │ dirty nodes
 *      ▼
 *   reader.ts ── rules.ts (which adapter rules apply) ──► item.ts (TrackedItem, the page's items)
 *      │ items, in ≤ SLICE_MS slices
 *      ▼
 *   batcher.ts ◄──► classifier host (opts.classify): verdict cache by text, capped texts
 *      │   └── triage.ts: a failed batch is split until the text that fails alone is found
 *      │ verdicts (scores, or "could not be checked")
 *      ▼
 *   render-queue.ts ── frame-budgeted ──► opts.onScored / opts.onPending (the shield)
 *
 * Each item found is marked `data-bouclier="pending"`; its text is answered from the verdict cache
 * (a re-render never re-classifies, never flashes) or batched to the host. The burst state (many
 * items at once, withheld until their verdicts) is kept here, from what every part reports.
 */
import type { PlatformAdapter } from '../platforms/types';
import type { LevelThresholds } from '../classifier/labels';
import { createItemRegistry, type TrackedItem } from './item';
import { createRuleSet, type Rule } from './rules';
import { createDomWatch, type MutationListener } from './dom-watch';
import { createBatcher, type ClassifyResult } from './batcher';
import { createRenderQueue } from './render-queue';
import { BURST_WAITING, createReader } from './reader';
import { reportLater } from './tasks';

export { normalizedText, type TrackedItem } from './item';
export { CLASSIFY_TIMEOUT_MS, MAX_BATCH, type ClassifyResult } from './batcher';
export { RENDER_MS } from './render-queue';
export { BURST_WAITING, SLICE_MS } from './reader';

export interface ScannerOptions {
  adapters: PlatformAdapter[];
  classify(texts: string[]): Promise<ClassifyResult>;
  /** Called when an item gets (or re-gets, after a re-render) its scores. */
  onScored(item: TrackedItem, thresholds: LevelThresholds): void;
  /**
   * Called when an item is first seen, before its verdict (strict mode withholds it), and when it could
   * not be checked (item.unchecked, no scores).
   */
  onPending(item: TrackedItem): void;
  /** Called when the classifier host fails (model missing, WASM blocked, no answer); items stay pending and are retried. */
  onHostError?(message: string): void;
  /** Called when the host answers again after a failure. */
  onHostRecovered?(): void;
  /** Switch to the generic fallback when no adapter item appears although the page has text. */
  fallbackAfterMs?: number;
  /**
   * Start reading and classifying at once, but call onPending/onScored only after render() (the
   * content script's settings and lists are still loading while the page's first comments arrive).
   */
  holdRendering?: boolean;
  /**
   * Whether new items are withheld until their verdict (strict mode): then every item read is marked
   * pending before the next paint, whatever it costs the frame; otherwise marking shares the frame's
   * render budget.
   */
  withholding?(): boolean;
  /** A burst began (true) or its last verdict was rendered (false): see BURST_WAITING. */
  onBurst?(burst: boolean): void;
}

export function createScanner(opts: ScannerOptions) {
  const items = createItemRegistry();
  const rules = createRuleSet(opts.adapters);
  let burst = false;
  function setBurst(on: boolean): void {
    if (on === burst) return;
    burst = on;
    opts.onBurst?.(on);
  }
  /**
   * A burst begins when 64+ items come at once: counted over the changed roots that are or hold an item
   * (a root holding many is counted as one here, and in full when it is read, see reader.ts). Many
   * added nodes that hold no item (a page's header and menus being parsed) are no burst.
   */
  function burstIn(roots: Iterable<Node>, active: Rule[]): void {
    if (burst || active.length === 0) return;
    const selector = active.map((r) => r.selector).join(',');
    let n = batcher.waiting();
    let looked = 0;
    try {
      for (const root of roots) {
        // Bounded (a page being parsed adds thousands of roots): items further on are counted as they are read.
        if (++looked > 1024) return;
        if (root.nodeType !== Node.ELEMENT_NODE) continue;
        const el = root as Element;
        if (el.matches(selector) || el.querySelector(selector)) n++;
        if (n >= BURST_WAITING) return setBurst(true);
      }
    } catch (e) {
      reportLater(e);
    }
  }
  /** The burst is over when every item read has its verdict rendered and nothing is left to read. */
  function burstOverCheck(): void {
    if (burst && batcher.waiting() === 0 && render.drained() && reader.idle()) setBurst(false);
  }

  const render = createRenderQueue({
    hold: opts.holdRendering,
    current: items.current,
    onScored: opts.onScored,
    onPending: opts.onPending,
    withholding: opts.withholding,
    afterFrame: burstOverCheck,
  });
  const batcher = createBatcher({
    classify: (texts) => opts.classify(texts),
    itemOf: items.get,
    onVerdict: (item, thresholds, first) => render.verdict(item, thresholds, first),
    onHostError: opts.onHostError,
    onHostRecovered: opts.onHostRecovered,
  });
  const watch = createDomWatch({
    shadowHosts: opts.adapters.flatMap((a) => a.shadowHosts ?? []),
    onMutations(): void {
      const active = rules.active();
      // Many items at once (a thread rendering): withheld from the first one read, before any is painted.
      if (watch.dirty.size + batcher.waiting() >= BURST_WAITING) burstIn(watch.dirty, active);
      // The first comments of a change are read at once, in the task that inserted them, and leave for
      // the classifier: a task queued behind the page's busy frames starts several frames later under load
      // (bench:page), even when a reading loop was already scheduled. The rest is read in slices.
      reader.eager(active);
      batcher.pump();
    },
    onRoots: () => reader.schedule(),
    onRemoved: () => items.removed(),
  });
  const reader = createReader({ items, rules, watch, batcher, render, burst: { on: () => burst, begin: () => setBurst(true), check: burstOverCheck } });

  return {
    /** Begin rendering (holdRendering): what was found and scored meanwhile is rendered in slices. */
    render(): void {
      render.start();
    },
    start(): void {
      batcher.started();
      watch.start();
      reader.schedule();
      const after = opts.fallbackAfterMs ?? 4000;
      setTimeout(() => {
        if (items.size() === 0 && (document.body?.textContent?.trim().length ?? 0) > 200) {
          rules.useFallback();
          watch.dirty.add(document);
          reader.schedule();
        }
      }, after);
    },
    /** Items currently in the page (the same array until one comes or goes: the popup and banner ask often). */
    items: (): TrackedItem[] => items.list(),
    /** The tracked item an element is, if any. */
    item: (el: Element): TrackedItem | undefined => items.get(el),
    thresholds: (): LevelThresholds | null => batcher.thresholds(),
    /** True when no adapter matches this page's markup and the generic fallback is in use. */
    degraded: (): boolean => rules.usingFallback(),
    /** The platform whose markup this page shows (for adapters detected by markup), or null. */
    platform: (): string | null => rules.active().find((r) => r.platform !== 'fallback')?.platform ?? null,
    hostError: (): string | null => batcher.hostError(),
    /** True while a burst of items waits for verdicts (see BURST_WAITING). */
    bursting: (): boolean => burst,
    /** Nothing changed in the page is left to read. */
    readAll: (): boolean => reader.idle(),
    /** The item selectors of the adapters that apply to this page now (not the generic fallback's). */
    itemSelectors: (): string[] => rules.active().flatMap((r) => (r.platform === 'fallback' ? [] : r.rule.item)),
    /** Every batch of the page's mutations, from the one DOM watcher (no second observer per feature). */
    listen: (listener: MutationListener): void => watch.listen(listener),
    /** Main-thread cost so far (bench:page reads it). */
    perf: () => ({ ...batcher.perf(), live: items.size() }),
  };
}

export type Scanner = ReturnType<typeof createScanner>;
