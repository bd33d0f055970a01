/**
 * Review, content-script side (wired into entrypoints/content.ts):
 * - `recordFlagged`: sends each flagged item (once per item + text) to the background, which writes
 *   the log. Batched every 500 ms; if the background cannot be reached the entries stay queued here
 *   and are re-sent (never dropped silently);
 * - `installReview`: follows corrections (re-decides every item at once when one changes), remembers
 *   the item she last right-clicked and handles "mark-abusive" (from the context menu, via the
 *   background) by adding a block correction for it.
 */
import { browser } from 'wxt/browser';
import { normalizedText, type TrackedItem } from '../scanner/item';
import type { Decision } from '../verdict/decide';
import { CATEGORIES, type Category } from '../store/settings';
import { addCorrections, overrideHit, startCorrectionsSync } from './corrections';
import { LIMITS, type EntryInput } from './types';
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
  browser.runtime
    .sendMessage({ type: 'review-log', entries: batch })
    .then((res: unknown) => {
      if (!(res as { ok?: boolean } | undefined)?.ok) throw new Error('not accepted');
      if (queue.length > 0) schedule(0);
    })
    .catch(() => {
      // Background restarting or extension updated: keep them and try again.
      queue.unshift(...batch);
      schedule(3000);
    });
}

function schedule(delay: number): void {
  timer ??= setTimeout(() => timed('review log', send), delay);
}

/** Log a flagged item (no-op when not flagged, or already logged with this text). */
export function recordFlagged(item: TrackedItem, decision: Decision): void {
  if (!decision.action || logged.has(item)) return;
  logged.add(item);
  const hit = overrideHit(item.text, item.author, item.platform, () => normalizedText(item));
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(item.scores ?? {})) scores[k] = Math.round(v * 1e4) / 1e4;
  queue.push({
    platform: item.platform,
    kind: item.kind,
    pageUrl: pageHref().slice(0, LIMITS.maxUrl),
    thread: threadOf().slice(0, LIMITS.maxUrl),
    permalink: item.permalink,
    author: item.author,
    displayName: item.displayName,
    text: item.text.slice(0, LIMITS.maxText),
    labels: decision.labels,
    scores,
    action: decision.action,
    source: hit?.verdict === 'block' ? 'correction' : 'model',
    seenAt: Date.now(),
  });
  schedule(SEND_EVERY_MS);
}

export interface ReviewHooks {
  items(): TrackedItem[];
  /** Re-decide every item (after a correction changed). */
  reapply(): void;
}

/** Resolves once her corrections are loaded, so no item is decided without them (no flash). */
export async function installReview(hooks: ReviewHooks): Promise<void> {

  let lastTarget: Element | null = null;
  document.addEventListener(
    'contextmenu',
    (e) => {
      // Only her own right-click: a page script dispatching contextmenu on another comment must not
      // retarget her "abusive, hide this".
      if (!e.isTrusted) return;
      lastTarget = (e.composedPath()[0] as Element | undefined) ?? (e.target as Element | null);
    },
    { capture: true },
  );

  function itemFor(target: Element | null): TrackedItem | null {
    if (!target) return null;
    let best: TrackedItem | null = null;
    for (const it of hooks.items()) {
      // The innermost item containing the target (a reply nested in a comment is its own item).
      if (it.el.contains(target) && (!best || best.el.contains(it.el))) best = it;
    }
    return best;
  }

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    const msg = raw as { type?: string; label?: string } | null;
    if (msg?.type !== 'mark-abusive') return false;
    const item = itemFor(lastTarget);
    if (!item) {
      sendResponse({ ok: false, error: 'no-item' });
      return false;
    }
    const label: Category = (CATEGORIES as readonly string[]).includes(msg.label ?? '') ? (msg.label as Category) : 'misogyny';
    addCorrections([
      { verdict: 'block', text: item.text, platform: item.platform, author: item.author, trustAuthor: false, label, entryId: null },
    ]).then(
      () => sendResponse({ ok: true, text: item.text }),
      (e: unknown) => sendResponse({ ok: false, error: String(e) }),
    );
    return true;
  });
  await startCorrectionsSync(() => hooks.reapply()).catch(() => undefined);
}
