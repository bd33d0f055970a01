/**
 * Verdicts → the page, in animation frames with a time budget per frame: shields added in a few frames
 * cost the page a few layouts of its long thread, not one per scan slice. A hidden tab has no frames,
 * so a timer takes over there.
 */
import type { LevelThresholds } from '../classifier/labels';
import type { TrackedItem } from './item';
import { timed } from './busy';
import { reportLater } from './tasks';

/** Rendering budget per animation frame (verdicts → shields). */
export const RENDER_MS = 8;
/**
 * A backlog of at least BURST_VERDICTS verdicts (a burst of comments) is rendered BURST_RENDER_MS per frame:
 * on a busy page, RENDER_MS slices left abuse waiting for verdicts already known (bench:page, interleaved
 * A/B: the longer slices lower insertion → verdict latency without a long task); a few verdicts at a time
 * keep RENDER_MS slices.
 */
const BURST_VERDICTS = 64;
const BURST_RENDER_MS = 16;
/** Verdicts rendered between two looks at the clock (performance.now() is not free). */
const CLOCK_EVERY = 8;
/** In strict mode, marking new items pending may take longer per frame (all withheld before paint). */
const PENDING_MS = 24;

export interface RenderQueueOptions {
  /** Hold everything until start() (her settings are still loading). */
  hold?: boolean;
  /** False when the page replaced the item's text meanwhile: a newer item renders instead. */
  current(item: TrackedItem): boolean;
  onScored(item: TrackedItem, thresholds: LevelThresholds): void;
  onPending(item: TrackedItem): void;
  /** Strict mode: new items are marked pending before the frame paints, whatever it costs the frame. */
  withholding?(): boolean;
  /** After each frame's rendering (the burst may be over). */
  afterFrame(): void;
}

/** A verdict to write: with thresholds → onScored; without → onPending (no scores: could not be checked). */
interface Entry {
  item: TrackedItem;
  thresholds: LevelThresholds | null;
}

export function createRenderQueue(o: RenderQueueOptions) {
  let ready: Entry[] = [];
  let readyAt = 0;
  /** Verdicts of items seen on screen while waiting: rendered before `ready`. */
  let readyFirst: Entry[] = [];
  /**
   * Items read and not scored yet, to be marked pending in a frame (see renderFrame): in strict mode
   * all of them before that frame paints, otherwise after the verdicts, with what is left of its budget.
   */
  let fresh: TrackedItem[] = [];
  let rendering = !o.hold;
  let scheduled = false;
  const canRender = () => rendering && (fresh.length > 0 || readyFirst.length > 0 || readyAt < ready.length);

  function schedule(): void {
    if (scheduled || !canRender()) return;
    scheduled = true;
    let raf = 0;
    const run = (): void => {
      if (!scheduled) return;
      scheduled = false;
      clearTimeout(timer);
      if (raf) cancelAnimationFrame(raf);
      timed('render', renderFrame);
    };
    const timer = setTimeout(run, 100);
    if (typeof requestAnimationFrame === 'function') raf = requestAnimationFrame(run);
  }

  /** Mark new items pending, within `budgetMs` of `start` (checked every 32 items). */
  function renderPending(start: number, budgetMs: number): void {
    let i = 0;
    for (; i < fresh.length && (i % 32 !== 0 || performance.now() - start < budgetMs); i++) {
      const item = fresh[i]!;
      try {
        if (o.current(item) && !item.scores) o.onPending(item);
      } catch (e) {
        reportLater(e);
      }
    }
    fresh = i < fresh.length ? fresh.slice(i) : [];
  }

  function renderScored(list: Entry[], from: number, start: number, budgetMs: number): number {
    let i = from;
    // The clock is read every CLOCK_EVERY verdicts (rendering one is a small fraction of the budget).
    while (i < list.length && ((i - from) % CLOCK_EVERY !== 0 || performance.now() - start < budgetMs)) {
      const { item, thresholds } = list[i++]!;
      try {
        if (!o.current(item)) continue; // replaced meanwhile by newer text
        if (thresholds) o.onScored(item, thresholds);
        else if (!item.scores) o.onPending(item);
      } catch (e) {
        reportLater(e);
      }
    }
    return i;
  }

  /**
   * One frame's rendering. Strict mode: every new item is withheld first (before this frame paints),
   * then verdicts. Otherwise verdicts first — those of items she has on screen before the rest — and
   * the cosmetic pending marks with what is left of the budget.
   */
  function renderFrame(): void {
    const start = performance.now();
    const strict = o.withholding?.() ?? false;
    if (strict) renderPending(start, PENDING_MS);
    const budget = readyFirst.length + ready.length - readyAt >= BURST_VERDICTS ? BURST_RENDER_MS : RENDER_MS;
    if (readyFirst.length > 0) {
      const done = renderScored(readyFirst, 0, start, budget);
      readyFirst = done < readyFirst.length ? readyFirst.slice(done) : [];
    }
    readyAt = renderScored(ready, readyAt, start, budget);
    if (!strict) renderPending(start, RENDER_MS);
    if (readyAt >= ready.length) {
      ready = [];
      readyAt = 0;
    }
    o.afterFrame();
    schedule();
  }

  return {
    /** A verdict to render (`first`: she had the item on screen while it waited). */
    verdict(item: TrackedItem, thresholds: LevelThresholds | null, first = false): void {
      (first ? readyFirst : ready).push({ item, thresholds });
      schedule();
    },
    /** A new item waiting for its verdict. */
    pending(item: TrackedItem): void {
      fresh.push(item);
      schedule();
    },
    /** Begin rendering (hold): what was found and scored meanwhile is rendered in slices. */
    start(): void {
      if (rendering) return;
      rendering = true;
      schedule();
    },
    /** No verdict left to write (pending marks may remain: they do not hold a burst). */
    drained: (): boolean => readyFirst.length === 0 && readyAt >= ready.length,
  };
}

export type RenderQueue = ReturnType<typeof createRenderQueue>;
