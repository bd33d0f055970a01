/**
 * The one scanner shared by every platform adapter.
 *
 * One MutationObserver collects what changed; work is done in short slices (≤ SLICE_MS of main
 * thread, then yield to the page) so 2,000 comments never cause a long task. Each item found is
 * marked `data-bouclier="pending"`, its text is looked up in a verdict cache keyed by its text (a
 * re-render or a repeated spam text never re-classifies, never flashes), and unknown texts are
 * batched to the classifier host.
 *
 * Batching adapts to load: when the host is idle, what a slice found goes at once (a few comments
 * appearing as she scrolls get their verdict in one round trip); while batches are in flight, new
 * texts wait and leave together (up to MAX_BATCH) as soon as one comes back, so a 2,000-comment
 * burst travels in full batches instead of hundreds of tiny messages.
 */
import type { ItemKind, ItemRule, PlatformAdapter } from '../platforms/types';
import type { LevelThresholds, Scores } from '../classifier/labels';
import { normalize } from '../classifier/normalize';
import { extractItem, extractText, type ItemData } from './extract';
import { FALLBACK_RULE } from './fallback';
import { timed } from './busy';

export const SLICE_MS = 4;
/** Reading done in the mutation callback itself, before the reading loop takes over. */
const EAGER_READ_MS = 2;
/**
 * Until the first request leaves: the page's first comments are the ones on her screen, and reading
 * them runs cold code, so EAGER_READ_MS alone did not always reach all of those in view (bench:page), and
 * the rest waited a round trip.
 */
const FIRST_EAGER_READ_MS = 6;
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
/** In strict mode, marking new items pending may take longer per frame (all withheld before paint). */
const PENDING_MS = 24;
export const MAX_BATCH = 128;
/**
 * A burst: at least this many new items at once (a thread of hundreds of comments rendered in a few
 * frames), or this many texts waiting for their verdict. Verdicts then lag by more than a frame or two
 * (bench:page, the comments on screen), so until the backlog is rendered items not
 * judged yet are withheld even in the default mode (onBurst): nothing of a burst is readable before its
 * verdict. A few comments scrolled in get theirs in a round trip and are never blanked.
 */
export const BURST_WAITING = 64;
/** A second (full) batch may travel while the host scores the first. */
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
  /**
   * Verdict-cache key: the text itself (normalising every comment on the page's thread is not free). The
   * classifier host caches by normalised text (score-cache.ts): re-spelled copies cost it no model time.
   */
  key: string;
  /** normalize(text), computed on first use (muted words, corrections): see normalizedText(). */
  normalized?: string;
  scores: Scores | null;
  /** performance.now() when the item was first seen with this text (for the insertion→verdict bench). */
  seenAt: number;
}

export interface ClassifyResult {
  scores: Scores[];
  thresholds: LevelThresholds;
  /** Host compute time for the batch, when the host reports it (bench: transport vs compute). */
  hostMs?: number;
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

interface Rule {
  rule: ItemRule;
  platform: string;
  selector: string;
  /** rule.path compiled once (rules are re-checked at every scan slice, for SPA navigation). */
  pathRe?: RegExp;
  /** For platforms on arbitrary domains (Mastodon): the rule applies only when this marker is in the page. */
  detect?: string;
}

/** normalize(item.text), computed once per item and only when a rule needs it. */
export function normalizedText(item: TrackedItem): string {
  item.normalized ??= normalize(item.text);
  return item.normalized;
}

/**
 * Yield to the page: a new task, so input and frames go first. A MessageChannel task, not
 * setTimeout(0), which browsers clamp to ≥ 4 ms once nested: the loop would then idle half the time.
 */
const yieldChannel = new MessageChannel();
const yielded: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yielded.shift()?.();
/** One odd item (or a bug) must not stop the loops that protect the rest of the page: report it in the console. */
function reportLater(e: unknown): void {
  queueMicrotask(() => {
    throw e;
  });
}

const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    yielded.push(resolve);
    yieldChannel.port2.postMessage(null);
  });

/**
 * The item (matching `selector`) that `el` belongs to: its nearest ancestor, looking through shadow
 * roots to their hosts (a Reddit chat event keeps its text in its own shadow root).
 */
function ownerItem(el: Element, selector: string): HTMLElement | null {
  let at: Element | null = el;
  while (at) {
    const owner = at.closest<HTMLElement>(selector);
    if (owner) return owner;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

export function createScanner(opts: ScannerOptions) {
  const rules: Rule[] = [];
  for (const a of opts.adapters) {
    for (const rule of a.rules) rules.push({
        rule,
        platform: a.id,
        selector: rule.item.join(','),
        pathRe: rule.path ? new RegExp(rule.path) : undefined,
        detect: a.detect,
      });
  }
  const tracked = new WeakMap<Element, TrackedItem>();
  const live = new Set<TrackedItem>();
  let liveList: TrackedItem[] | null = null;
  const cache = new Map<string, Scores>();
  const waiting = new Map<string, Set<TrackedItem>>();
  /** Texts waiting to be sent, in order found; `urgent`: those of items on or near the screen, sent first. */
  const queue: string[] = [];
  const urgent: string[] = [];
  const queued = new Set<string>();
  /** Items that were on screen while waiting: their verdicts are rendered first, too. */
  const seenOnScreen = new WeakSet<TrackedItem>();
  /**
   * Items she can see jump the queue: a thread of 2,000 comments is classified top-down, but the
   * ones in front of her are never stuck behind the rest.
   */
  const onScreen =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => timed('on screen', () => {
            let any = false;
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              onScreen!.unobserve(e.target);
              const item = tracked.get(e.target);
              if (item) seenOnScreen.add(item);
              if (item && queued.has(item.key)) {
                urgent.push(item.key);
                any = true;
              }
            }
            if (any) pump();
          }),
          { rootMargin: '0px' },
        );
  let inFlight = 0;
  let thresholds: LevelThresholds | null = null;
  const dirty = new Set<Node>();
  let scheduled = false;
  let usingFallback = false;
  let lastHostError: string | null = null;
  let burst = false;
  function setBurst(on: boolean): void {
    if (on === burst) return;
    burst = on;
    opts.onBurst?.(on);
  }
  /**
   * A burst begins when 64+ items come at once: counted over the changed roots that are or hold an item
   * (a root holding many is counted as one here, and in full when it is scanned, see readSome). Many
   * added nodes that hold no item (a page's header and menus being parsed) are no burst.
   */
  function burstIn(roots: Iterable<Node>, active: Rule[]): void {
    if (burst || active.length === 0) return;
    const selector = active.map((r) => r.selector).join(',');
    let n = waiting.size;
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
    if (burst && waiting.size === 0 && readyFirst.length === 0 && readyAt >= ready.length && dirty.size === 0 && foundAt >= found.length) setBurst(false);
  }
  const observed = new WeakSet<Node>();
  /** Classify requests (bench:page); main-thread time is counted by busy.ts. */
  const perf = { batches: 0, classified: 0, maxBatch: 0, roundTripMs: 0, maxRoundTripMs: 0, hostMs: 0, startedAt: 0, firstSentAt: 0, firstAnswerAt: 0, firstHostMs: 0 };

  /**
   * The rules for this page now. Asked at every reading slice and mutation callback (hundreds during a
   * burst), so the answer is kept until the path changes (SPA navigation), the fallback starts, or a
   * platform recognised by its markup (Mastodon) shows it: once seen, that markup is taken as there.
   */
  let activeMemo: { path: string; fallback: boolean; rules: Rule[] } | null = null;
  const detected = new Set<string>();
  const fallbackRule: Rule = { rule: FALLBACK_RULE, platform: 'fallback', selector: FALLBACK_RULE.item.join(',') };
  function activeRules(): Rule[] {
    const path = location.pathname;
    if (activeMemo && activeMemo.path === path && activeMemo.fallback === usingFallback) return activeMemo.rules;
    let pendingDetection = false;
    const active = rules.filter((r) => {
      if (r.pathRe && !r.pathRe.test(path)) return false;
      if (!r.detect || detected.has(r.detect)) return true;
      if (document.querySelector(r.detect) === null) {
        pendingDetection = true;
        return false;
      }
      detected.add(r.detect);
      return true;
    });
    if (usingFallback) active.push(fallbackRule);
    // A page whose platform markup has not shown yet is asked again next time.
    activeMemo = pendingDetection ? null : { path, fallback: usingFallback, rules: active };
    return active;
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void drain(), 0);
  }

  /** Items to render: with thresholds → onScored, without → onPending (if still unscored). */
  let ready: { item: TrackedItem; thresholds: LevelThresholds | null }[] = [];
  let readyAt = 0;
  /**
   * Items read and not scored yet, to be marked pending in a frame (see renderSome): in strict mode
   * all of them before that frame paints, otherwise after the verdicts, with what is left of its budget.
   */
  let fresh: TrackedItem[] = [];
  /** Verdicts of items seen on screen while waiting: rendered before `ready`. */
  let readyFirst: { item: TrackedItem; thresholds: LevelThresholds | null }[] = [];
  let rendering = !opts.holdRendering;
  const canRender = () => rendering && (fresh.length > 0 || readyFirst.length > 0 || readyAt < ready.length);
  let renderScheduled = false;

  /**
   * Verdicts are rendered in animation frames, up to RENDER_MS per frame (BURST_RENDER_MS for a burst): shields added in a few
   * frames cost the page a few layouts of its long thread, not one per scan slice. A hidden tab has
   * no frames, so a timer takes over there.
   */
  function scheduleRender(): void {
    if (renderScheduled || !canRender()) return;
    renderScheduled = true;
    let raf = 0;
    const run = (): void => {
      if (!renderScheduled) return;
      renderScheduled = false;
      clearTimeout(timer);
      if (raf) cancelAnimationFrame(raf);
      renderSome();
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
        if (tracked.get(item.el) === item && !item.scores) opts.onPending(item);
      } catch (e) {
        reportLater(e);
      }
    }
    fresh = i < fresh.length ? fresh.slice(i) : [];
  }

  function renderScored(list: { item: TrackedItem; thresholds: LevelThresholds | null }[], from: number, start: number, budgetMs: number): number {
    let i = from;
    while (i < list.length && performance.now() - start < budgetMs) {
      const { item, thresholds: t } = list[i++]!;
      try {
        if (tracked.get(item.el) !== item) continue; // replaced meanwhile by newer text
        if (t) opts.onScored(item, t);
        else if (!item.scores) opts.onPending(item);
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
  function renderSome(): void {
    timed('render', renderFrame);
  }
  function renderFrame(): void {
    const start = performance.now();
    const strict = opts.withholding?.() ?? false;
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
    burstOverCheck();
    scheduleRender();
  }

  /** Items found in changed subtrees, not read yet (read in slices by drain). */
  let found: { el: HTMLElement; rule: Rule }[] = [];
  let foundAt = 0;

  /**
   * Read for up to `budgetMs`: items already found, then changed subtrees. True when work is left.
   * A subtree holding 2,000 comments (a server-rendered thread) is read across many calls.
   */
  function readSome(budgetMs: number, active: Rule[]): boolean {
    const start = performance.now();
    for (;;) {
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
          if (!burst && found.length + waiting.size >= BURST_WAITING) {
            // Items already known (a thread re-rendered in place) are no burst.
            let newItems = waiting.size;
            for (const f of found) if (!tracked.has(f.el) && ++newItems >= BURST_WAITING) break;
            if (newItems >= BURST_WAITING) setBurst(true);
          }
        } else {
          found = [];
          foundAt = 0;
          return false;
        }
      } catch (e) {
        reportLater(e);
      }
      if (performance.now() - start > budgetMs) return true;
    }
  }

  /**
   * The reading loop, in slices of SLICE_MS with a yield to the page between them (verdicts are
   * rendered in animation frames, see scheduleRender), so reading never makes a long task.
   */
  async function drain(): Promise<void> {
    for (;;) {
      const more = timed('read', () => {
        const left = readSome(SLICE_MS, activeRules());
        pump();
        return left;
      });
      if (!more) break;
      await yieldToPage();
    }
    scheduled = false;
    timed('read', burstOverCheck);
  }

  /** A batch came back: cache every score at once (items found meanwhile are answered from it), render in slices. */
  function acceptResults(keys: string[], res: ClassifyResult): void {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const scores = res.scores[i];
      if (!scores) continue;
      cache.set(key, scores);
      const items = waiting.get(key);
      waiting.delete(key);
      for (const item of items ?? []) {
        item.scores = scores;
        onScreen?.unobserve(item.el);
        (seenOnScreen.has(item) ? readyFirst : ready).push({ item, thresholds: res.thresholds });
      }
    }
    scheduleRender();
  }

  /** Queue the items in (or around) a changed node; they are read one by one by the work loop. */
  function scanRoot(root: Node, active: Rule[]): void {
    const el = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
    if (!el && !(root instanceof ShadowRoot || root instanceof Document)) return;
    const scope = (el ?? root) as Element | Document | ShadowRoot;
    for (const r of active) {
      // The changed node may sit inside an item (its text was re-rendered) or contain items.
      if (el) {
        const owner = ownerItem(el, r.selector);
        if (owner) found.push({ el: owner, rule: r });
      }
      for (const item of scope.querySelectorAll<HTMLElement>(r.selector)) found.push({ el: item, rule: r });
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
      const replaced = found.textEls.length !== prev.textEls.length || found.textEls.some((t, i) => t !== prev.textEls[i]);
      prev.textEls = found.textEls;
      // New text elements carry none of the shield's marks: render its verdict on them again (no re-classifying).
      if (replaced && prev.scores && thresholds) {
        ready.push({ item: prev, thresholds });
        scheduleRender();
      }
      return;
    }
    const data = extractItem(el, r.rule, found)!;
    const item: TrackedItem = {
      ...data,
      el,
      kind: r.rule.kind,
      platform: r.platform,
      key: data.text,
      scores: null,
      seenAt: performance.now(),
    };
    tracked.set(el, item);
    live.add(item);
    // Its text lives in its own shadow root (Reddit chat events): watch it for re-renders there.
    if (el.shadowRoot && data.textEls[0]?.getRootNode() === el.shadowRoot) observe(el.shadowRoot);
    liveList = null;
    for (const t of data.textEls) t.setAttribute('data-bouclier-text', '');
    // Known from now on: a parent item rendered before this one must not take this one's media for its
    // own (ownership goes by the nearest [data-bouclier]). Her rules and strict-mode withholding are
    // applied when it is rendered (onPending).
    if (!el.hasAttribute('data-bouclier')) el.setAttribute('data-bouclier', 'pending');
    // Rendered in the next animation frame, which comes before that frame's paint: as early as she
    // could see it, and reading stays cheap so texts reach the classifier sooner. An item whose
    // verdict is back by then never goes through "pending" (see renderSome).
    const cached = cache.get(item.key);
    if (cached && thresholds) {
      item.scores = cached;
      ready.push({ item, thresholds });
      scheduleRender();
      return;
    }
    fresh.push(item);
    scheduleRender();
    let set = waiting.get(item.key);
    if (!set) {
      set = new Set();
      waiting.set(item.key, set);
      queue.push(item.key);
      queued.add(item.key);
      if (waiting.size >= BURST_WAITING) setBurst(true);
    }
    set.add(item);
    onScreen?.observe(el);
  }

  /**
   * Send queued texts: everything queued (up to MAX_BATCH) when the host is idle; while a batch is in
   * flight only a full one may join it. So a partial batch leaves when the previous answer is back,
   * carrying everything found meanwhile, and a burst travels in a few full batches.
   */
  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT && queued.size > 0) {
      while (urgent.length > 0 && !queued.has(urgent[0]!)) urgent.shift(); // already sent
      // On-screen texts may leave beside a batch in flight; the rest waits for a full batch or an idle host.
      if (inFlight > 0 && queued.size < MAX_BATCH && urgent.length === 0) return;
      const keys: string[] = [];
      for (const src of [urgent, queue]) {
        let i = 0;
        while (i < src.length && keys.length < MAX_BATCH) {
          const k = src[i++]!;
          if (queued.delete(k)) keys.push(k);
        }
        src.splice(0, i);
      }
      if (keys.length === 0) return;
      const texts = keys.map((k) => waiting.get(k)?.values().next().value?.text ?? k);
      inFlight++;
      if (keys.length > perf.maxBatch) perf.maxBatch = keys.length;
      const sent = performance.now();
      perf.firstSentAt ||= sent;
      withTimeout(opts.classify(texts), CLASSIFY_TIMEOUT_MS).then(
        (res) => timed('answer', () => {
          inFlight--;
          if (!perf.firstAnswerAt) {
            perf.firstAnswerAt = performance.now();
            perf.firstHostMs = res.hostMs ?? NaN;
          }
          const rt = performance.now() - sent;
          perf.batches++;
          perf.classified += texts.length;
          perf.roundTripMs += rt;
          perf.hostMs += res.hostMs ?? 0;
          if (rt > perf.maxRoundTripMs) perf.maxRoundTripMs = rt;
          if (lastHostError !== null) opts.onHostRecovered?.();
          lastHostError = null;
          thresholds = res.thresholds;
          // The next batch leaves before this one is rendered: the host scores while we render.
          pump();
          acceptResults(keys, res);
        }),
        (e: unknown) => {
          inFlight--;
          // Host down (model missing, offscreen restarting): keep the items pending and retry.
          lastHostError = e instanceof Error ? e.message : String(e);
          opts.onHostError?.(lastHostError);
          setTimeout(() => {
            const again = keys.filter((k) => waiting.has(k) && !queued.has(k));
            for (const k of again) queued.add(k);
            queue.unshift(...again);
            pump();
          }, RETRY_MS);
        },
      );
    }
  }

  function observe(root: Node): void {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  const observer = new MutationObserver((mutations) => timed('observer', () => {
    const newHosts: Element[] = [];
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
        if (hostSelector && n.nodeType === Node.ELEMENT_NODE) newHosts.push(n as Element);
      }
      // Text nodes replaced inside an item (framework re-render): re-read the item.
      if (!structural && m.removedNodes.length > 0) dirty.add(m.target);
    }
    if (newHosts.length > 0) openShadowRoots(newHosts);
    if (dirty.size > 0) {
      const active = activeRules();
      // Many items at once (a thread rendering): withheld from the first one read, before any is painted.
      if (dirty.size + waiting.size >= BURST_WAITING) burstIn(dirty, active);
      // The first comments of a change are read at once, in the task that inserted them, and leave for
      // the classifier: a task queued behind the page's busy frames starts several frames later under load
      // (bench:page), even when a reading loop was already scheduled. The rest is read in slices.
      if (readSome(perf.firstSentAt ? EAGER_READ_MS : FIRST_EAGER_READ_MS, active)) schedule();
      pump();
    }
  }));

  /**
   * Open shadow roots of the adapters' shadow hosts, however deeply nested (Reddit chat: rs-app →
   * rs-room → rs-timeline → rs-virtual-scroll-dynamic, each in the previous one's shadow root): each
   * root found is observed and scanned, then searched for further hosts.
   */
  const hostSelector = [...new Set(opts.adapters.flatMap((a) => a.shadowHosts ?? []))].join(',');
  /** Shadow roots opened so far (hosts removed from the page are dropped at the next pass). */
  let shadowScopes: ShadowRoot[] = [];
  function openShadowRoots(from: (Document | ShadowRoot | Element)[]): void {
    const queue = [...from];
    for (let i = 0; i < queue.length; i++) {
      const scope = queue[i]!;
      const hosts = scope instanceof Element && scope.matches(hostSelector) ? [scope, ...scope.querySelectorAll(hostSelector)] : scope.querySelectorAll(hostSelector);
      for (const host of hosts) {
        const root = host.shadowRoot;
        if (!root || observed.has(root)) continue;
        observe(root);
        shadowScopes.push(root);
        dirty.add(root);
        queue.push(root);
      }
    }
    if (dirty.size > 0) schedule();
  }
  /** Periodic pass (a host's shadow root may be attached after the host is inserted, when its element is defined). */
  function shadowRootsIn(): void {
    shadowScopes = shadowScopes.filter((r) => r.host.isConnected);
    openShadowRoots([document, ...shadowScopes]);
  }

  return {
    /** Begin rendering (holdRendering): what was found and scored meanwhile is rendered in slices. */
    render(): void {
      if (rendering) return;
      rendering = true;
      scheduleRender();
    },
    start(): void {
      perf.startedAt = performance.now();
      observe(document);
      dirty.add(document);
      schedule();
      if (hostSelector) {
        shadowRootsIn();
        setInterval(() => timed('shadow roots', shadowRootsIn), 1000);
      }
      const after = opts.fallbackAfterMs ?? 4000;
      setTimeout(() => {
        if (live.size === 0 && (document.body?.textContent?.trim().length ?? 0) > 200) {
          usingFallback = true;
          dirty.add(document);
          schedule();
        }
      }, after);
    },
    /** Items currently in the page (the same array until one comes or goes: the popup and banner ask often). */
    items(): TrackedItem[] {
      for (const it of live) {
        if (!it.el.isConnected || tracked.get(it.el) !== it) {
          live.delete(it);
          liveList = null;
        }
      }
      liveList ??= [...live];
      return liveList;
    },
    thresholds: (): LevelThresholds | null => thresholds,
    /** True when no adapter matches this page's markup and the generic fallback is in use. */
    degraded: (): boolean => usingFallback,
    /** The platform whose markup this page shows (for adapters detected by markup), or null. */
    platform: (): string | null => activeRules().find((r) => r.platform !== 'fallback')?.platform ?? null,
    hostError: (): string | null => lastHostError,
    /** True while a burst of items waits for verdicts (see BURST_WAITING). */
    bursting: (): boolean => burst,
    /** The item selectors of the adapters that apply to this page now (not the generic fallback's). */
    itemSelectors: (): string[] => activeRules().flatMap((r) => (r.platform === 'fallback' ? [] : r.rule.item)),
    /** Main-thread cost so far (bench:page reads it). */
    perf: () => ({ ...perf, cached: cache.size, live: live.size }),
  };
}

export type Scanner = ReturnType<typeof createScanner>;
