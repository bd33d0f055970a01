/**
 * Her corrections: a local adaptation layer on top of the shipped model, applied before `decide()`.
 *
 * - "not abusive" (allow): this text, and near-identical ones, pass from now on; optionally every
 *   item by the same author on the same platform ("trust this author").
 * - "abusive, hide this" (block): for an item the filter missed; this text and near-identical ones
 *   are flagged with the category she chose (misogyny by default).
 *
 * Corrections live in browser.storage.local (key "corrections", device-only, never synced) and every
 * content script watches that key, so a correction made on the review page or from the context menu
 * takes effect at once in every open tab, without reload and without re-running the model.
 *
 * Matching order for an item (first hit wins):
 *   1. exact normalised text (`normalize`), newest correction first: folds case, accents, leet,
 *      homoglyphs, spacing, so "S4L0PE" matches "salope";
 *   2. trusted author (same platform, same handle) → allow;
 *   3. near-duplicate: Jaccard over the featurizer's hashed ids (similarity.ts), best score wins,
 *      block needs ≥ 0.6, allow needs ≥ 0.85, texts shorter than 4 tokens never match this way.
 * Undo = delete the correction (review page); the tabs re-decide at once.
 */
import { normalize } from '../classifier/normalize';
import type { Category } from '../verdict/categories';
import type { CorrectionFact } from '../verdict/verdict';
import { createStoredValue } from '../store/persisted';
import { ALLOW_JACCARD, BLOCK_JACCARD, MIN_NEAR_TOKENS, featureSet, jaccard } from './similarity';

export const CORRECTIONS_KEY = 'corrections';
export const MAX_CORRECTIONS = 5_000;

export type Verdict = 'allow' | 'block';

export interface Correction {
  id: string;
  verdict: Verdict;
  /** Original text (shown on the review page). */
  text: string;
  platform: string;
  author: string | null;
  /** allow only: trust every item by this author on this platform. */
  trustAuthor: boolean;
  /** block only: the category she chose. */
  label: Category;
  /** The review-log record it came from, if any. */
  entryId: string | null;
  createdAt: number;
}

export interface OverrideHit {
  verdict: Verdict;
  correction: Correction;
  /** 1 for exact/author matches, the Jaccard index for near-duplicates. */
  similarity: number;
}

interface Prepared {
  c: Correction;
  key: string;
  set: Int32Array | null;
}

export function parseCorrections(raw: unknown): Correction[] {
  if (!Array.isArray(raw)) return [];
  const out: Correction[] = [];
  for (const r of raw.slice(-MAX_CORRECTIONS)) {
    if (typeof r !== 'object' || r === null) continue;
    const c = r as Record<string, unknown>;
    if (typeof c.id !== 'string' || (c.verdict !== 'allow' && c.verdict !== 'block') || typeof c.text !== 'string') continue;
    out.push({
      id: c.id,
      verdict: c.verdict,
      text: c.text.slice(0, 20_000),
      platform: typeof c.platform === 'string' ? c.platform : '',
      author: typeof c.author === 'string' ? c.author : null,
      trustAuthor: c.trustAuthor === true,
      label: (typeof c.label === 'string' ? c.label : 'misogyny') as Category,
      entryId: typeof c.entryId === 'string' ? c.entryId : null,
      createdAt: typeof c.createdAt === 'number' ? c.createdAt : 0,
    });
  }
  return out;
}

const authorKey = (platform: string, author: string): string => `${platform}|${author.toLowerCase()}`;

/** Build a matcher over a list of corrections (pure: unit-tested without a browser). */
export function createMatcher(corrections: Correction[]) {
  const newestFirst = [...corrections].sort((a, b) => b.createdAt - a.createdAt);
  const exact = new Map<string, Correction>();
  const trusted = new Map<string, Correction>();
  const near: Prepared[] = [];
  for (const c of newestFirst) {
    const key = normalize(c.text);
    if (key && !exact.has(key)) exact.set(key, c);
    if (c.verdict === 'allow' && c.trustAuthor && c.author && !trusted.has(authorKey(c.platform, c.author))) {
      trusted.set(authorKey(c.platform, c.author), c);
    }
    if (key.split(' ').length >= MIN_NEAR_TOKENS) near.push({ c, key, set: null });
  }
  const cache = new Map<string, OverrideHit | null>();

  /**
   * `normalised` is normalize(text) or a function computing it; the content script passes the
   * scanner's memoised one. With no corrections at all nothing is computed.
   */
  function match(text: string, author: string | null, platform: string, normalised?: string | (() => string)): OverrideHit | null {
    if (corrections.length === 0) return null;
    const key = typeof normalised === 'function' ? normalised() : (normalised ?? normalize(text));
    const cacheKey = `${platform}\u0000${author ?? ''}\u0000${key}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    let hit: OverrideHit | null = null;
    const ex = key ? exact.get(key) : undefined;
    if (ex) hit = { verdict: ex.verdict, correction: ex, similarity: 1 };
    const tr = !hit && author ? trusted.get(authorKey(platform, author)) : undefined;
    if (tr) hit = { verdict: 'allow', correction: tr, similarity: 1 };
    if (!hit && near.length > 0 && key.split(' ').length >= MIN_NEAR_TOKENS) {
      const set = featureSet(text);
      for (const p of near) {
        p.set ??= featureSet(p.c.text);
        const sim = jaccard(set, p.set);
        const needed = p.c.verdict === 'allow' ? ALLOW_JACCARD : BLOCK_JACCARD;
        if (sim >= needed && (!hit || sim > hit.similarity)) hit = { verdict: p.c.verdict, correction: p.c, similarity: sim };
      }
    }
    if (cache.size > 20_000) cache.clear();
    cache.set(cacheKey, hit);
    return hit;
  }
  return { match, size: corrections.length };
}

export type Matcher = ReturnType<typeof createMatcher>;


/** What the verdict needs of a matching correction (src/verdict/verdict.ts). */
export function correctionFact(hit: OverrideHit | null): CorrectionFact | null {
  if (!hit) return null;
  return hit.verdict === 'allow' ? { verdict: 'allow' } : { verdict: 'block', label: hit.correction.label };
}

// ---- storage (content scripts, review page, background) ----

/** Where they are kept (src/store/persisted.ts): writes serialised, changes from any context followed. */
const stored = createStoredValue({ key: CORRECTIONS_KEY, area: 'local', parse: parseCorrections });

let matcher: Matcher = createMatcher([]);
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** The current correction matching an item, if any (content script, before decide()). */
export function overrideHit(text: string, author: string | null, platform: string, normalised?: string | (() => string)): OverrideHit | null {
  return matcher.match(text, author, platform, normalised);
}

/**
 * Load corrections and follow changes made anywhere; `onChange` runs after each change. Idempotent:
 * every call resolves once the first load is done (the content script starts the load early, beside
 * her settings, and awaits it later).
 */
export function startCorrectionsSync(onChange?: () => void): Promise<void> {
  if (onChange) listeners.add(onChange);
  loading ??= (async () => {
    stored.watch((corrections) => {
      matcher = createMatcher(corrections);
      for (const l of listeners) l();
    });
    const corrections = await stored.read();
    matcher = createMatcher(corrections);
    // Without corrections nothing decided so far can change: no need to re-decide a page being read.
    if (corrections.length > 0) for (const l of listeners) l();
  })();
  return loading;
}

export const loadCorrections = (): Promise<Correction[]> => stored.read();

/** Her corrections after every change made anywhere (the review page); returns a function that stops. */
export const watchCorrections = (cb: (corrections: Correction[]) => void): (() => void) => stored.watch(cb);

/** Add corrections (replacing older ones on the same normalised text). */
export async function addCorrections(added: Omit<Correction, 'id' | 'createdAt'>[]): Promise<Correction[]> {
  const now = Date.now();
  const made = added.map((c, i) => ({ ...c, id: `${now.toString(36)}-${i}-${Math.random().toString(36).slice(2, 8)}`, createdAt: now + i }));
  const keys = new Set(made.map((c) => normalize(c.text)));
  await stored.update((prev) => [...prev.filter((c) => !keys.has(normalize(c.text))), ...made].slice(-MAX_CORRECTIONS));
  return made;
}

export async function removeCorrections(ids: string[]): Promise<void> {
  const drop = new Set(ids);
  await stored.update((prev) => prev.filter((c) => !drop.has(c.id)));
}

/** Delete them all (the review page's "Delete everything"). */
export async function clearCorrections(): Promise<void> {
  await stored.write([]);
}
