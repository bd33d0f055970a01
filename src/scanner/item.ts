/**
 * One item of the page as the scanner tracks it (a comment, a post, a direct message), and the page's
 * set of items. Review and protect read items through this type; only the scanner creates them.
 */
import type { ItemKind } from '../platforms/types';
import type { Scores } from '../classifier/labels';
import { normalize } from '../classifier/normalize';
import type { ItemData } from './extract';

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
  /**
   * The model's verdict does not cover this item: its text failed alone however it was sent (see
   * batcher.ts), or it is longer than the classifier reads (MAX_TEXT_CHARS) and only its start was
   * scored. A hiding verdict (model or her rules) still applies; otherwise it "could not be checked",
   * shown as when the model is down (render.ts: markUnchecked).
   */
  unchecked?: boolean;
}

/** normalize(item.text), computed once per item and only when a rule needs it. */
export function normalizedText(item: TrackedItem): string {
  item.normalized ??= normalize(item.text);
  return item.normalized;
}

/**
 * The items of the page, by element, and the list of those still in it. Items that left the page are
 * looked for only after the page removed nodes (`removed()`, from the DOM watcher, whose callback runs
 * before any other callback of ours sees the page): the banner and the stats ask for the list every
 * second, and checking every comment of a long thread each time cost more than the rest of their work.
 */
export function createItemRegistry() {
  const tracked = new WeakMap<Element, TrackedItem>();
  const live = new Set<TrackedItem>();
  let liveList: TrackedItem[] | null = null;
  let removals = true;
  return {
    get: (el: Element): TrackedItem | undefined => tracked.get(el),
    /** False once the page re-rendered the element with another text (a newer item took its place). */
    current: (item: TrackedItem): boolean => tracked.get(item.el) === item,
    add(item: TrackedItem): void {
      const prev = tracked.get(item.el);
      if (prev) live.delete(prev); // the same element, read again with another text
      tracked.set(item.el, item);
      live.add(item);
      liveList = null;
    },
    /** The page removed nodes: some items may have left it. */
    removed(): void {
      removals = true;
    },
    size: (): number => live.size,
    /** Items currently in the page (the same array until one comes or goes: the popup and banner ask often). */
    list(): TrackedItem[] {
      if (removals) {
        removals = false;
        for (const it of live) {
          if (!it.el.isConnected) {
            live.delete(it);
            liveList = null;
          }
        }
      }
      liveList ??= [...live];
      return liveList;
    },
  };
}

export type ItemRegistry = ReturnType<typeof createItemRegistry>;
