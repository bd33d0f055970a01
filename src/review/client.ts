/**
 * Review, content-script side (wired into entrypoints/content.ts):
 * - `recordFlagged`: sends each flagged item (once per item + text) to the background, which writes
 *   the log. Batched every 500 ms; if the background cannot be reached the entries stay queued here
 *   and are re-sent (never dropped silently);
 * - `entryFor`, `sendPin`, `sendNotAbuse`: "keep as evidence" and "not abusive" for an item on the
 *   page (the in-page menu and the threat's "keep as evidence" button), answered by the background
 *   with the record's new state, to confirm to her (messages.ts);
 * - `trackRightClicks`, `markAbusive`: the item she last right-clicked, and her "abusive, hide this"
 *   for it (from the context menu, via the background): a block correction.
 */
import { normalizedText, type TrackedItem } from '../scanner/item';
import type { Decision } from '../verdict/decide';
import { CATEGORIES, type Category } from '../verdict/categories';
import { addCorrections, overrideHit } from './corrections';
import type { MarkAbusiveReply } from '../messaging/tab-protocol';
import { askBackground } from '../messaging/background-protocol';
import { LIMITS, type EntryInput, type EntrySource } from './types';
import { NOT_ABUSE_MESSAGE, PIN_MESSAGE, type CaptureRect, type NotAbuseRequest, type PinRequest, type ReviewActionReply } from './messages';
import { pageHref } from '../scanner/page-url';
import { timed } from '../scanner/busy';

const SEND_EVERY_MS = 500;

const logged = new WeakSet<TrackedItem>();
const queue: EntryInput[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

function threadOf(): string {
  return pageHref().split('#')[0]!;
}

function send(): void {
  timer = null;
  if (queue.length === 0) return;
  const batch = queue.splice(0, LIMITS.maxEntriesPerMessage);
  void askBackground({ type: 'review-log', entries: batch }).then((res) => {
    if (res?.ok) {
      if (queue.length > 0) schedule(0);
      return;
    }
    // Background restarting or extension updated: keep them and try again.
    queue.unshift(...batch);
    schedule(3000);
  });
}

function schedule(delay: number): void {
  timer ??= setTimeout(() => timed('review log', send), delay);
}

/** Evidence the adapter may read besides the item's text (absent fields are simply not sent). */
export type ItemEvidence = Pick<EntryInput, 'postedAt' | 'parent' | 'target' | 'screenshot'>;

/** The log entry for an item as shown now: what recordFlagged sends, and what pin / "not abusive" name. */
export function entryFor(item: TrackedItem, labels: string[], action: string, source: EntrySource, evidence: ItemEvidence = {}): EntryInput {
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(item.scores ?? {})) scores[k] = Math.round(v * 1e4) / 1e4;
  return {
    platform: item.platform,
    kind: item.kind,
    pageUrl: pageHref().slice(0, LIMITS.maxUrl),
    thread: threadOf().slice(0, LIMITS.maxUrl),
    permalink: item.permalink,
    author: item.author,
    displayName: item.displayName,
    text: item.text.slice(0, LIMITS.maxText),
    labels,
    scores,
    action,
    source,
    seenAt: Date.now(),
    ...evidence,
  };
}

/** Log a flagged item (no-op when not flagged, or already logged with this text). */
export function recordFlagged(item: TrackedItem, decision: Decision, evidence?: () => ItemEvidence): void {
  if (!decision.action || logged.has(item)) return;
  logged.add(item);
  const hit = overrideHit(item.text, item.author, item.platform, () => normalizedText(item));
  // Evidence is read from the page once, when the item is first logged (not at every re-decision).
  queue.push(entryFor(item, decision.labels, decision.action, hit?.verdict === 'block' ? 'correction' : 'model', evidence?.()));
  schedule(SEND_EVERY_MS);
}

/** She is waiting for the confirmation: past this, she is told it could not be saved (never left without an answer). */
const ANSWER_WAIT_MS = 15_000;

const ask = (msg: PinRequest | NotAbuseRequest): Promise<ReviewActionReply> =>
  Promise.race([
    askBackground(msg).then((res): ReviewActionReply => res ?? { ok: false, error: 'no-answer' }),
    new Promise<ReviewActionReply>((resolve) => setTimeout(() => resolve({ ok: false, error: 'no-answer' }), ANSWER_WAIT_MS)),
  ]);

/**
 * Keep an item as evidence (logged first if it is not yet) or stop keeping it. With the item's box on
 * screen (item-evidence.ts `captureRect`), the background keeps a screenshot of it in context; the reply's
 * `screenshot` says whether it could.
 */
export function sendPin(entry: EntryInput, pinned: boolean, rect?: CaptureRect | null): Promise<ReviewActionReply> {
  return ask({ type: PIN_MESSAGE, pinned, entry, ...(pinned && rect ? { rect } : {}) });
}

/** "Not abusive" for an item (optionally trusting its author), or undo it. */
export function sendNotAbuse(entry: EntryInput, opts: { trustAuthor?: boolean; undo?: boolean } = {}): Promise<ReviewActionReply> {
  return ask({ type: NOT_ABUSE_MESSAGE, undo: !!opts.undo, trustAuthor: !!opts.trustAuthor, entry });
}

export interface ReviewHooks {
  items(): TrackedItem[];
}

/**
 * The item she last right-clicked, for her context-menu choices ("abusive, hide this", "keep as
 * evidence"). Her own right-click only: a page script dispatching contextmenu on another comment must
 * not retarget her choice.
 */
export function trackRightClicks(hooks: ReviewHooks): () => TrackedItem | null {
  let lastTarget: Element | null = null;
  document.addEventListener(
    'contextmenu',
    (e) => {
      if (!e.isTrusted) return;
      lastTarget = (e.composedPath()[0] as Element | undefined) ?? (e.target as Element | null);
    },
    { capture: true },
  );
  return () => {
    if (!lastTarget) return null;
    let best: TrackedItem | null = null;
    for (const it of hooks.items()) {
      // The innermost item containing the target (a reply nested in a comment is its own item).
      if (it.el.contains(lastTarget) && (!best || best.el.contains(it.el))) best = it;
    }
    return best;
  };
}

/** Her "abusive, hide this": a block correction for the item, applied in every tab. */
export async function markAbusive(item: TrackedItem | null, wanted?: string): Promise<MarkAbusiveReply> {
  if (!item) return { ok: false, error: 'no-item' };
  const label: Category = CATEGORIES.find((c) => c === wanted) ?? 'misogyny';
  try {
    await addCorrections([{ verdict: 'block', text: item.text, platform: item.platform, author: item.author, trustAuthor: false, label, entryId: null }]);
    return { ok: true, text: item.text };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}
