/**
 * Texts → the classifier host, in batches; verdicts back, cached by text (a re-render or a repeated
 * spam text never asks again).
 *
 * Batching adapts to load: when the host is idle, what a slice found goes at once (a few comments
 * appearing as she scrolls get their verdict in one round trip); while batches are in flight, new
 * texts wait and leave together (up to MAX_BATCH) as soon as one comes back, so a 2,000-comment
 * burst travels in full batches instead of hundreds of tiny messages.
 *
 * One poisoned text must not blind a tab: every text is capped before it leaves, at the limit the host
 * applies on arrival (MAX_TEXT_CHARS), and a failed request is triaged (triage.ts): split until the text
 * that fails alone is found, which "could not be checked", while the rest of the batch is judged.
 */
import type { LevelThresholds, Scores } from '../classifier/labels';
import { MAX_TEXT_CHARS } from '../messaging/messages';
import type { TrackedItem } from './item';
import { timed } from './busy';
import { withTimeout } from './tasks';
import { createTriage } from './triage';

export const MAX_BATCH = 128;
/** A second (full) batch may travel while the host scores the first. */
const MAX_IN_FLIGHT = 2;
/** A request that gets no answer (host restarting, worker killed mid-request) is retried after this. */
export const CLASSIFY_TIMEOUT_MS = 15_000;

export interface ClassifyResult {
  scores: Scores[];
  thresholds: LevelThresholds;
  /** Host compute time for the batch, when the host reports it (bench: transport vs compute). */
  hostMs?: number;
}

export interface BatcherOptions {
  classify(texts: string[]): Promise<ClassifyResult>;
  /** The item of an element (for items that come on screen while they wait). */
  itemOf(el: Element): TrackedItem | undefined;
  /** A verdict: scores with thresholds, or null thresholds when it could not be checked (item.unchecked). `first`: she saw it waiting. */
  onVerdict(item: TrackedItem, thresholds: LevelThresholds | null, first: boolean): void;
  onHostError?(message: string): void;
  onHostRecovered?(): void;
}

/** What leaves the content script for one text: the classifier never reads further (messages.ts). */
export function capText(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}

export function createBatcher(o: BatcherOptions) {
  /** Verdicts by text; null: could not be checked (a copy of that text is not sent again). */
  const cache = new Map<string, Scores | null>();
  const waiting = new Map<string, Set<TrackedItem>>();
  /** Texts waiting to be sent, in order found; `urgent`: those of items on or near the screen, sent first. */
  const queue: string[] = [];
  const urgent: string[] = [];
  const queued = new Set<string>();
  let inFlight = 0;
  let thresholds: LevelThresholds | null = null;
  let lastHostError: string | null = null;
  const triage = createTriage({
    waiting: (key) => waiting.has(key),
    busy: () => inFlight > 0,
    probe: () =>
      request([]).then((res) => timed('answer', () => answered(res.thresholds))),
    down(e: unknown): void {
      // Host down (model missing, offscreen restarting): the items stay pending and are retried.
      lastHostError = e instanceof Error ? e.message : String(e);
      o.onHostError?.(lastHostError);
    },
    retry(keys: string[]): void {
      const again = keys.filter((k) => !queued.has(k));
      for (const k of again) queued.add(k);
      queue.unshift(...again);
      pump();
    },
    giveUp(key: string): void {
      cache.set(key, null);
      settle(key, null, null);
    },
    pump: () => pump(),
  });
  /** Classify requests (bench:page); main-thread time is counted by busy.ts. */
  const perf = { batches: 0, classified: 0, maxBatch: 0, roundTripMs: 0, maxRoundTripMs: 0, hostMs: 0, startedAt: 0, firstSentAt: 0, firstAnswerAt: 0, firstHostMs: 0 };
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
              const item = o.itemOf(e.target);
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

  /** Its verdict now when its text is known (true), or wait for one (false). */
  function ask(item: TrackedItem): boolean {
    const cached = cache.get(item.key);
    if (cached !== undefined && (cached === null || thresholds)) {
      give(item, cached, thresholds, false);
      return true;
    }
    let set = waiting.get(item.key);
    if (!set) {
      set = new Set();
      waiting.set(item.key, set);
      queue.push(item.key);
      queued.add(item.key);
    }
    set.add(item);
    onScreen?.observe(item.el);
    return false;
  }

  function give(item: TrackedItem, scores: Scores | null, t: LevelThresholds | null, first: boolean): void {
    item.scores = scores;
    // Scored on its first MAX_TEXT_CHARS only: the rest was never read.
    if (!scores || item.key.length > MAX_TEXT_CHARS) item.unchecked = true;
    o.onVerdict(item, scores ? t : null, first);
  }

  function settle(key: string, scores: Scores | null, t: LevelThresholds | null): void {
    const items = waiting.get(key);
    waiting.delete(key);
    for (const item of items ?? []) give(item, scores, t, seenOnScreen.has(item));
    // Answered items stay observed (the callback skips them) until nothing waits: then one disconnect,
    // instead of an unobserve per item of a burst.
    if (waiting.size === 0) onScreen?.disconnect();
  }

  /**
   * Send queued texts: everything queued (up to MAX_BATCH) when the host is idle; while a batch is in
   * flight only a full one may join it. So a partial batch leaves when the previous answer is back,
   * carrying everything found meanwhile, and a burst travels in a few full batches.
   */
  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT) {
      // Parts of a failed request go first, each alone: a poisoned text would fail any batch it joins.
      const part = triage.next();
      if (part) {
        send(part);
        continue;
      }
      if (queued.size === 0) return;
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
      send(keys);
    }
  }

  /** A send that throws (a message over the browser's size limit) fails like an error answer. */
  function request(texts: string[]): Promise<ClassifyResult> {
    try {
      return withTimeout(o.classify(texts), CLASSIFY_TIMEOUT_MS);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  function send(keys: string[]): void {
    inFlight++;
    if (keys.length > perf.maxBatch) perf.maxBatch = keys.length;
    const sent = performance.now();
    perf.firstSentAt ||= sent;
    request(keys.map(capText)).then(
      (res) => timed('answer', () => {
        inFlight--;
        if (!perf.firstAnswerAt) {
          perf.firstAnswerAt = performance.now();
          perf.firstHostMs = res.hostMs ?? NaN;
        }
        const rt = performance.now() - sent;
        perf.batches++;
        perf.classified += keys.length;
        perf.roundTripMs += rt;
        perf.hostMs += res.hostMs ?? 0;
        if (rt > perf.maxRoundTripMs) perf.maxRoundTripMs = rt;
        answered(res.thresholds);
        // The next batch leaves before this one is rendered: the host scores while we render.
        pump();
        accept(keys, res);
      }),
      () => {
        inFlight--;
        triage.failed(keys);
      },
    );
  }

  /** A batch came back: cache every score at once (items found meanwhile are answered from it). */
  function accept(keys: string[], res: ClassifyResult): void {
    const missing: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const scores = res.scores[i];
      if (!scores) {
        if (waiting.has(key)) missing.push(key);
        continue;
      }
      cache.set(key, scores);
      settle(key, scores, res.thresholds);
    }
    // Answered without them: the host is up, so what they carry is at fault.
    if (missing.length > 0) {
      triage.blame(missing);
      pump();
    }
  }

  /** The host answered (a batch or a probe). */
  function answered(t: LevelThresholds): void {
    if (lastHostError !== null) o.onHostRecovered?.();
    lastHostError = null;
    thresholds = t;
    triage.answered();
  }

  return {
    ask,
    pump,
    thresholds: (): LevelThresholds | null => thresholds,
    hostError: (): string | null => lastHostError,
    /** Texts sent or queued, without a verdict yet. */
    waiting: (): number => waiting.size,
    started(): void {
      perf.startedAt = performance.now();
    },
    sentAny: (): boolean => perf.firstSentAt > 0,
    perf: () => ({ ...perf, cached: cache.size }),
  };
}

export type Batcher = ReturnType<typeof createBatcher>;
