/**
 * Pile-on (raid) detection: many flagged replies from many distinct accounts in a short time, in one
 * thread (or in her DM requests).
 *
 * Defaults (settings-adjustable, see src/protect/settings.ts and README "Protections"):
 *   ≥ 10 flagged items from ≥ 5 distinct accounts within 15 minutes.
 *
 * Time: each flagged item is placed at the time the PLATFORM says it was posted when the page shows
 * it (`<time datetime>` inside the item, see itemTime in dom.ts), else at the moment Bouclier first
 * saw it flagged (`now()`, injectable). Using the posted time means a wave that happened while she was
 * away is still recognised when she opens the thread, and lets tests simulate time by spacing the
 * items' timestamps. Timestamps in the future are clamped to now.
 *
 * A burst is raised exactly once (phase 'start'); every further flagged item that lands within the
 * window of the burst's last item updates it (phase 'update', same id). A flagged item farther away
 * than the window from the burst can start a new burst (new id). Items are counted once (by id).
 * Items without a known author count towards `count` but not towards distinct accounts.
 *
 * Pure module: no DOM, no storage.
 */

export interface RaidConfig {
  /** Flagged items needed in the window. */
  minFlagged: number;
  /** Distinct accounts needed among them. */
  minAccounts: number;
  /** Sliding window, ms. */
  windowMs: number;
}

export const DEFAULT_RAID_CONFIG: RaidConfig = { minFlagged: 10, minAccounts: 5, windowMs: 15 * 60_000 };

/** Bounds for settings (repairs silly values). */
export function repairRaidConfig(raw: unknown): RaidConfig {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const int = (v: unknown, lo: number, hi: number, d: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : d;
  return {
    minFlagged: int(r.minFlagged, 2, 1000, DEFAULT_RAID_CONFIG.minFlagged),
    minAccounts: int(r.minAccounts, 1, 1000, DEFAULT_RAID_CONFIG.minAccounts),
    windowMs: int(r.windowMs, 60_000, 24 * 3_600_000, DEFAULT_RAID_CONFIG.windowMs),
  };
}

export interface RaidEvent {
  /** Stable for the burst: `${threadKey}@${first startedAt}`. */
  id: string;
  threadKey: string;
  /** Time of the earliest flagged item of the burst (epoch ms). */
  startedAt: number;
  /** Time of the latest flagged item of the burst. */
  lastAt: number;
  /** Distinct accounts, in order of first appearance. */
  accounts: string[];
  /** Flagged items in the burst. */
  count: number;
}

export interface FlaggedObservation {
  threadKey: string;
  /** Stable item id (permalink, or anything unique in the page); repeats are ignored. */
  itemId: string;
  author: string | null;
  /** Posted time if the page shows it (epoch ms); otherwise now() is used. */
  at?: number | null;
}

export type RaidPhase = 'start' | 'update';

interface Rec {
  id: string;
  author: string | null;
  at: number;
}

interface ThreadState {
  recs: Rec[]; // sorted by `at`
  seen: Set<string>;
  burst: RaidEvent | null;
  burstIds: Set<string>;
  /** Every account seen flagged in this thread (cheap early exit: no raid with fewer than minAccounts). */
  authors: Set<string>;
  /** The burst's accounts, lower-cased: a pile-on of hundreds of accounts is checked in O(1) per reply. */
  burstAccounts: Set<string>;
  /** The copy of the burst's accounts last handed out, and the list it copies (see snapshot). */
  shown?: { of: string[]; copy: string[] };
}

export const MAX_RECORDS_PER_THREAD = 5000;

export function createRaidDetector(opts: {
  config?: () => RaidConfig;
  now?: () => number;
  onRaid?: (event: RaidEvent, phase: RaidPhase) => void;
}) {
  const now = opts.now ?? (() => Date.now());
  const config = opts.config ?? (() => DEFAULT_RAID_CONFIG);
  const threads = new Map<string, ThreadState>();

  function stateOf(key: string): ThreadState {
    let s = threads.get(key);
    if (!s) {
      s = { recs: [], seen: new Set(), burst: null, burstIds: new Set(), authors: new Set(), burstAccounts: new Set() };
      threads.set(key, s);
    }
    return s;
  }

  function insertSorted(recs: Rec[], r: Rec): void {
    let i = recs.length;
    while (i > 0 && recs[i - 1]!.at > r.at) i--;
    recs.splice(i, 0, r);
    if (recs.length > MAX_RECORDS_PER_THREAD) recs.shift();
  }

  /** First index whose time is > t (strict) or >= t (lower bound); recs sorted by time. */
  function bound(recs: Rec[], t: number, strict: boolean): number {
    let lo = 0;
    let hi = recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = recs[mid]!.at;
      if (strict ? at <= t : at < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  const upperBound = (recs: Rec[], t: number) => bound(recs, t, true);
  const lowerBound = (recs: Rec[], t: number) => bound(recs, t, false);

  /**
   * The densest qualifying window that contains `r`, or null. Windows are (end - windowMs, end] for
   * every end in [r.at, r.at + windowMs); one sweep with a running count of authors, so a flood from a
   * single account (never enough distinct accounts) costs O(window) per item, not O(window²).
   */
  function qualifyingWindow(s: ThreadState, r: Rec, cfg: RaidConfig): Rec[] | null {
    const recs = s.recs;
    const w = cfg.windowMs;
    const first = lowerBound(recs, r.at); // ends with at >= r.at …
    const last = lowerBound(recs, r.at + w) - 1; // … and at < r.at + w (so r is inside the window)
    if (first > last) return null;
    const counts = new Map<string, number>();
    let distinct = 0;
    const add = (x: Rec) => {
      if (!x.author) return;
      const k = x.author.toLowerCase();
      const n = counts.get(k) ?? 0;
      if (n === 0) distinct++;
      counts.set(k, n + 1);
    };
    const remove = (x: Rec) => {
      if (!x.author) return;
      const k = x.author.toLowerCase();
      const n = counts.get(k) ?? 0;
      if (n === 1) distinct--;
      if (n <= 1) counts.delete(k);
      else counts.set(k, n - 1);
    };
    let lo = upperBound(recs, recs[first]!.at - w);
    for (let i = lo; i <= first; i++) add(recs[i]!);
    let best: [number, number] | null = null;
    for (let end = first; end <= last; end++) {
      if (end > first) {
        add(recs[end]!);
        while (recs[lo]!.at <= recs[end]!.at - w) remove(recs[lo++]!);
      }
      const count = end - lo + 1;
      if (count >= cfg.minFlagged && distinct >= cfg.minAccounts && (!best || count > best[1] - best[0] + 1)) best = [lo, end];
    }
    return best ? recs.slice(best[0], best[1] + 1) : null;
  }

  function addToBurst(b: RaidEvent, known: Set<string>, r: Rec): void {
    b.count++;
    b.startedAt = Math.min(b.startedAt, r.at);
    b.lastAt = Math.max(b.lastAt, r.at);
    if (!r.author) return;
    const k = r.author.toLowerCase();
    if (known.has(k)) return;
    known.add(k);
    b.accounts.push(r.author);
  }

  /**
   * The burst as handed out (a copy: the detector keeps changing its own). Its accounts are copied again
   * only when one joined, not for every flagged reply of a pile-on of hundreds of accounts; a list
   * only grows while its burst lasts, and a new burst has a new one.
   */
  function snapshot(s: ThreadState, b: RaidEvent): RaidEvent {
    if (s.shown?.of !== b.accounts || s.shown.copy.length !== b.accounts.length) s.shown = { of: b.accounts, copy: [...b.accounts] };
    return { ...b, accounts: s.shown.copy };
  }

  /** Add one flagged item; the burst it joined or started, or null. */
  function add(o: FlaggedObservation): { s: ThreadState; b: RaidEvent; phase: RaidPhase } | null {
    const s = stateOf(o.threadKey);
    if (s.seen.has(o.itemId)) return null;
    s.seen.add(o.itemId);
    const t = now();
    const at = typeof o.at === 'number' && Number.isFinite(o.at) ? Math.min(o.at, t) : t;
    const r: Rec = { id: o.itemId, author: o.author, at };
    insertSorted(s.recs, r);
    if (o.author && s.authors.size < MAX_RECORDS_PER_THREAD) s.authors.add(o.author.toLowerCase());
    const cfg = config();

    const b = s.burst;
    if (b && r.at >= b.startedAt - cfg.windowMs && r.at <= b.lastAt + cfg.windowMs) {
      addToBurst(b, s.burstAccounts, r);
      s.burstIds.add(r.id);
      return { s, b, phase: 'update' };
    }
    if (s.authors.size < cfg.minAccounts || s.recs.length < cfg.minFlagged) return null;
    const win = qualifyingWindow(s, r, cfg);
    if (!win) return null;
    const first = win[0]!;
    const burst: RaidEvent = { id: `${o.threadKey}@${first.at}`, threadKey: o.threadKey, startedAt: first.at, lastAt: first.at, accounts: [], count: 0 };
    s.burstIds = new Set();
    s.burstAccounts = new Set();
    for (const x of win) {
      addToBurst(burst, s.burstAccounts, x);
      s.burstIds.add(x.id);
    }
    s.burst = burst;
    return { s, b: burst, phase: 'start' };
  }

  return {
    /** Record one flagged item; returns the burst it belongs to (new or updated), or null. */
    record(o: FlaggedObservation): RaidEvent | null {
      const hit = add(o);
      if (hit) opts.onRaid?.(snapshot(hit.s, hit.b), hit.phase);
      return hit?.b ?? null;
    },
    /**
     * Record flagged items gathered together (a frame's verdicts): each burst they touch is told to
     * onRaid once, as it stands after them all ('start' if one of them started it).
     */
    recordAll(list: readonly FlaggedObservation[]): void {
      const touched = new Map<RaidEvent, { s: ThreadState; phase: RaidPhase }>();
      for (const o of list) {
        const hit = add(o);
        if (hit) touched.set(hit.b, { s: hit.s, phase: touched.get(hit.b)?.phase === 'start' ? 'start' : hit.phase });
      }
      for (const [b, { s, phase }] of touched) opts.onRaid?.(snapshot(s, b), phase);
    },
    /** The current (latest) burst of a thread, if any. */
    burst(threadKey: string): RaidEvent | null {
      const s = threads.get(threadKey);
      return s?.burst ? snapshot(s, s.burst) : null;
    },
    /** Is the burst still going (a flagged item within the window of now)? */
    ongoing(threadKey: string): boolean {
      const b = threads.get(threadKey)?.burst;
      return !!b && now() - b.lastAt <= config().windowMs;
    },
    /** Forget a thread (e.g. she dismissed the banner and navigated away). */
    reset(threadKey: string): void {
      threads.delete(threadKey);
    },
  };
}

export type RaidDetector = ReturnType<typeof createRaidDetector>;

/**
 * The thread an item belongs to: the page URL without fragment and query (most platforms put the
 * thread in the path), except where the query names the thread (YouTube watch?v=, Facebook
 * permalink.php?story_fbid=&id=). DMs: one key per platform inbox (message requests pile up there).
 */
export function threadKeyFor(url: string, kind: 'comment' | 'dm'): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.split('#')[0]!.split('?')[0]!;
  }
  if (kind === 'dm') return `dm:${u.hostname}`;
  const keep = ['v', 'story_fbid', 'fbid', 'id'];
  const kept = new URLSearchParams();
  for (const k of keep) {
    const v = u.searchParams.get(k);
    if (v !== null && (k !== 'id' || u.pathname.includes('permalink'))) kept.set(k, v);
  }
  const q = kept.toString();
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}${q ? `?${q}` : ''}`;
}
