/**
 * The one scanner shared by every platform adapter.
 *
 * One MutationObserver collects what changed; work is done in short slices (≤ SLICE_MS of main
 * thread, then yield to the page) so 2,000 comments never cause a long task. Each item found is
 * marked `data-bouclier="pending"`, its text is looked up in a verdict cache keyed by normalised
 * text (a re-render or a repeated spam text never re-classifies, never flashes), and unknown texts
 * are batched to the classifier host.
 */
import type { ItemKind, ItemRule, PlatformAdapter } from '../platforms/types';
import type { LevelThresholds, Scores } from '../classifier/labels';
import { normalize } from '../classifier/normalize';
import { extractItem, extractText, type ItemData } from './extract';
import { FALLBACK_RULE } from './fallback';

export const SLICE_MS = 4;
export const MAX_BATCH = 128;
const MAX_IN_FLIGHT = 2;
const RETRY_MS = 1500;
/** A request that gets no answer (host restarting, worker killed mid-request) is retried after this. */
export const CLASSIFY_TIMEOUT_MS = 15_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The classifier did not answer in time')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export interface TrackedItem extends ItemData {
  el: HTMLElement;
  kind: ItemKind;
  platform: string;
  key: string;
  scores: Scores | null;
  /** performance.now() when the item was first seen with this text (for the insertion→verdict bench). */
  seenAt: number;
}

export interface ClassifyResult {
  scores: Scores[];
  thresholds: LevelThresholds;
}

export interface ScannerOptions {
  adapters: PlatformAdapter[];
  classify(texts: string[]): Promise<ClassifyResult>;
  /** Called when an item gets (or re-gets, after a re-render) its scores. */
  onScored(item: TrackedItem, thresholds: LevelThresholds): void;
  /** Called when an item is first seen, before its verdict (strict mode withholds it). */
  onPending(item: TrackedItem): void;
  /** Called when the classifier host fails (model missing, WASM blocked, no answer); items stay pending and are retried. */
  onHostError?(message: string): void;
  /** Called when the host answers again after a failure. */
  onHostRecovered?(): void;
  /** Switch to the generic fallback when no adapter item appears although the page has text. */
  fallbackAfterMs?: number;
}

interface Rule {
  rule: ItemRule;
  platform: string;
  selector: string;
  /** For platforms on arbitrary domains (Mastodon): the rule applies only when this marker is in the page. */
  detect?: string;
}

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createScanner(opts: ScannerOptions) {
  const rules: Rule[] = [];
  for (const a of opts.adapters) {
    for (const rule of a.rules) rules.push({ rule, platform: a.id, selector: rule.item.join(','), detect: a.detect });
  }
  const tracked = new WeakMap<Element, TrackedItem>();
  const live = new Set<TrackedItem>();
  const cache = new Map<string, Scores>();
  const waiting = new Map<string, Set<TrackedItem>>();
  const queue: string[] = [];
  let inFlight = 0;
  let thresholds: LevelThresholds | null = null;
  const dirty = new Set<Node>();
  let scheduled = false;
  let usingFallback = false;
  let lastHostError: string | null = null;
  const observed = new WeakSet<Node>();
  /** Main-thread time this scanner spends (its own slices, observer callbacks, verdict application). */
  const perf = { busyMs: 0, maxTaskMs: 0, tasks: 0, batches: 0, classified: 0, roundTripMs: 0, maxRoundTripMs: 0 };
  function account(start: number): void {
    const d = performance.now() - start;
    perf.busyMs += d;
    perf.tasks++;
    if (d > perf.maxTaskMs) perf.maxTaskMs = d;
  }

  function activeRules(): Rule[] {
    const path = location.pathname;
    const active = rules.filter(
      (r) => (!r.rule.path || new RegExp(r.rule.path).test(path)) && (!r.detect || document.querySelector(r.detect) !== null),
    );
    if (usingFallback) active.push({ rule: FALLBACK_RULE, platform: 'fallback', selector: FALLBACK_RULE.item.join(',') });
    return active;
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void drain(), 0);
  }

  async function drain(): Promise<void> {
    let sliceStart = performance.now();
    const active = activeRules();
    while (dirty.size > 0) {
      const root = dirty.values().next().value as Node;
      dirty.delete(root);
      scanRoot(root, active);
      if (performance.now() - sliceStart > SLICE_MS) {
        pump();
        account(sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    scheduled = false;
    pump();
    account(sliceStart);
  }

  /** Apply a batch's verdicts in slices too: rendering 128 shields at once could be a long task. */
  async function applyResults(keys: string[], res: ClassifyResult): Promise<void> {
    let sliceStart = performance.now();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const scores = res.scores[i];
      if (!scores) continue;
      cache.set(key, scores);
      const items = waiting.get(key);
      waiting.delete(key);
      for (const item of items ?? []) {
        if (tracked.get(item.el) !== item) continue; // replaced meanwhile by newer text
        item.scores = scores;
        opts.onScored(item, res.thresholds);
      }
      if (performance.now() - sliceStart > SLICE_MS && i < keys.length - 1) {
        account(sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    account(sliceStart);
  }

  function scanRoot(root: Node, active: Rule[]): void {
    const el = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
    if (!el && !(root instanceof ShadowRoot || root instanceof Document)) return;
    const scope = (el ?? root) as Element | Document | ShadowRoot;
    for (const r of active) {
      // The changed node may sit inside an item (its text was re-rendered) or contain items.
      if (el) {
        const owner = el.closest(r.selector);
        if (owner) consider(owner as HTMLElement, r);
      }
      for (const item of scope.querySelectorAll<HTMLElement>(r.selector)) consider(item, r);
    }
  }

  function consider(el: HTMLElement, r: Rule): void {
    if (r.rule.exclude?.some((s) => el.matches(s))) return;
    const prev = tracked.get(el);
    if (prev && prev.platform !== r.platform && r.platform === 'fallback') return;
    const found = extractText(el, r.rule);
    if (!found || found.text.length === 0) return;
    if (prev && prev.text === found.text) {
      // Same node, same text: keep state, but re-mark text elements a re-render may have replaced.
      for (const t of found.textEls) if (!t.hasAttribute('data-bouclier-text')) t.setAttribute('data-bouclier-text', '');
      prev.textEls = found.textEls;
      return;
    }
    const data = extractItem(el, r.rule, found)!;
    const item: TrackedItem = {
      ...data,
      el,
      kind: r.rule.kind,
      platform: r.platform,
      key: normalize(data.text),
      scores: null,
      seenAt: performance.now(),
    };
    tracked.set(el, item);
    live.add(item);
    for (const t of data.textEls) t.setAttribute('data-bouclier-text', '');
    const cached = cache.get(item.key);
    if (cached && thresholds) {
      item.scores = cached;
      opts.onScored(item, thresholds);
      return;
    }
    opts.onPending(item);
    let set = waiting.get(item.key);
    if (!set) {
      set = new Set();
      waiting.set(item.key, set);
      queue.push(item.key);
    }
    set.add(item);
  }

  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      const keys = queue.splice(0, MAX_BATCH);
      const texts = keys.map((k) => waiting.get(k)?.values().next().value?.text ?? k);
      inFlight++;
      const sent = performance.now();
      withTimeout(opts.classify(texts), CLASSIFY_TIMEOUT_MS)
        .then((res) => {
          const rt = performance.now() - sent;
          perf.batches++;
          perf.classified += texts.length;
          perf.roundTripMs += rt;
          if (rt > perf.maxRoundTripMs) perf.maxRoundTripMs = rt;
          if (lastHostError !== null) opts.onHostRecovered?.();
          lastHostError = null;
          thresholds = res.thresholds;
          return applyResults(keys, res);
        })
        .catch((e: unknown) => {
          // Host down (model missing, offscreen restarting): keep the items pending and retry.
          lastHostError = e instanceof Error ? e.message : String(e);
          opts.onHostError?.(lastHostError);
          setTimeout(() => {
            queue.unshift(...keys.filter((k) => waiting.has(k)));
            pump();
          }, RETRY_MS);
        })
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  }

  function observe(root: Node): void {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  const observer = new MutationObserver((mutations) => {
    const start = performance.now();
    for (const m of mutations) {
      if (m.type === 'characterData') {
        if (m.target.parentElement) dirty.add(m.target.parentElement);
        continue;
      }
      if ((m.target as Element).closest?.('bouclier-shield')) continue;
      let structural = false;
      for (const n of m.addedNodes) {
        if (n.nodeType === Node.ELEMENT_NODE && (n as Element).localName === 'bouclier-shield') continue;
        dirty.add(n);
        structural = true;
      }
      // Text nodes replaced inside an item (framework re-render): re-read the item.
      if (!structural && m.removedNodes.length > 0) dirty.add(m.target);
    }
    if (dirty.size > 0) schedule();
    account(start);
  });

  function shadowRootsIn(): void {
    for (const a of opts.adapters) {
      for (const sel of a.shadowHosts ?? []) {
        for (const host of document.querySelectorAll(sel)) {
          if (host.shadowRoot && !observed.has(host.shadowRoot)) {
            observe(host.shadowRoot);
            dirty.add(host.shadowRoot);
          }
        }
      }
    }
  }

  return {
    start(): void {
      observe(document);
      dirty.add(document);
      schedule();
      if (opts.adapters.some((a) => a.shadowHosts?.length)) setInterval(shadowRootsIn, 1000);
      const after = opts.fallbackAfterMs ?? 4000;
      setTimeout(() => {
        if (live.size === 0 && (document.body?.textContent?.trim().length ?? 0) > 200) {
          usingFallback = true;
          dirty.add(document);
          schedule();
        }
      }, after);
    },
    /** Items currently in the page. */
    items(): TrackedItem[] {
      for (const it of live) if (!it.el.isConnected || tracked.get(it.el) !== it) live.delete(it);
      return [...live];
    },
    thresholds: (): LevelThresholds | null => thresholds,
    /** True when no adapter matches this page's markup and the generic fallback is in use. */
    degraded: (): boolean => usingFallback,
    /** The platform whose markup this page shows (for adapters detected by markup), or null. */
    platform: (): string | null => activeRules().find((r) => r.platform !== 'fallback')?.platform ?? null,
    hostError: (): string | null => lastHostError,
    /** Main-thread cost so far (bench:page reads it). */
    perf: () => ({ ...perf, cached: cache.size, live: live.size }),
  };
}

export type Scanner = ReturnType<typeof createScanner>;
