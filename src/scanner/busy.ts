/**
 * The extension's main-thread time on the page, counted in one place. Every callback we run there goes
 * through `timed`: the scanner's reading slices and observer, verdict rendering, labels built later, the
 * shield guard and the UI hosts' style guard, the protections' media watcher, pile-on banner and pile-on
 * log, the classifier's answers as they arrive, the review log and stats messages, the request for the
 * UI's words and her stored settings, intersection callbacks. bench:page reports the total, the
 * longest task and where time goes; a callback left out would pass for the page's own work.
 *
 * Nested calls (apply() inside a render slice) count once, in the outermost.
 */
import { reportLater } from './tasks';

export interface BusyStats {
  busyMs: number;
  tasks: number;
  maxTaskMs: number;
  /** which part ran the longest task */
  maxTaskIn: string;
  /** milliseconds per part */
  byPart: Record<string, number>;
  /** The content script's own start (start-clock.ts), in milliseconds, once known. */
  start?: { startMs: number; readyMs: number };
}

const passMemos: Map<unknown, unknown>[] = [];

/**
 * A cache for one callback of ours (the outermost `timed` call): no page script runs until it returns, so
 * what the page shows cannot change meanwhile except by our own writes. Emptied when the callback ends;
 * outside `timed` (tests calling a function directly) nothing is cached.
 */
export function passMemo<K, V>(): { get(key: K, compute: () => V): V; clear(): void } {
  const memo = new Map<K, V>();
  passMemos.push(memo as Map<unknown, unknown>);
  return {
    get(key, compute) {
      if (depth === 0) return compute();
      if (memo.has(key)) return memo.get(key)!;
      const v = compute();
      memo.set(key, v);
      return v;
    },
    /** Our own write changed what it holds. */
    clear: () => memo.clear(),
  };
}

/** True inside a callback of ours (a `timed` call): what the page shows can change only by our writes. */
export function inPass(): boolean {
  return depth > 0;
}

const stats: BusyStats = { busyMs: 0, tasks: 0, maxTaskMs: 0, maxTaskIn: '', byPart: {} };
let depth = 0;
const atEnd: (() => void)[] = [];

/**
 * Run `fn` at the end of this callback of ours, inside its time (what was gathered item by item is then
 * handled once); outside our callbacks (tests), at once.
 */
export function atPassEnd(fn: () => void): void {
  if (depth === 0) fn();
  else atEnd.push(fn);
}

function runPassEnd(): void {
  for (let i = 0; i < atEnd.length; i++) {
    try {
      atEnd[i]!();
    } catch (e) {
      reportLater(e);
    }
  }
  atEnd.length = 0;
}

export function timed<T>(part: string, run: () => T): T {
  if (depth > 0) return run();
  const start = performance.now();
  depth++;
  try {
    return run();
  } finally {
    runPassEnd();
    depth--;
    for (const m of passMemos) m.clear();
    const d = performance.now() - start;
    stats.busyMs += d;
    stats.tasks++;
    stats.byPart[part] = (stats.byPart[part] ?? 0) + d;
    if (d > stats.maxTaskMs) {
      stats.maxTaskMs = d;
      stats.maxTaskIn = part;
    }
  }
}

/** A copy of the totals so far. */
export function busyStats(): BusyStats {
  return { ...stats, byPart: { ...stats.byPart }, ...(stats.start ? { start: { ...stats.start } } : {}) };
}

/** The content script's start, measured by start-clock.ts (not counted in busyMs: see bench:page). */
export function noteStart(start: NonNullable<BusyStats['start']>): void {
  stats.start = start;
}
