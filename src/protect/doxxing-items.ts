/**
 * Personal data about her in the page's items, as the verdict asks for it (twice per item: on sight and
 * with the model's scores): found once per item and text, and once per text for the texts that hold
 * none (most), which a thread repeats. Built again when her identifiers or accounts change.
 */
import type { TrackedItem } from '../scanner/item';
import { findDoxxing, type CompiledIdentifiers, type DoxxSpan } from './doxxing';
import { doxxingIn } from './whose';
import { createThreadOwner } from './thread';

/** Texts remembered as free of personal data, at most (then forgotten and searched again). */
const MAX_CLEAN_TEXTS = 20_000;

export function createDoxxingLookup(identifiers: CompiledIdentifiers, accounts: ReadonlySet<string>): (item: TrackedItem) => DoxxSpan[] {
  const threadOwner = createThreadOwner();
  const noDoxxing = new Set<string>();
  const byItem = new WeakMap<TrackedItem, { text: string; author: string | null; owner: string | null | undefined; spans: DoxxSpan[] }>();
  /** Personal data about her in this item (whose.ts decides whose data it is). */
  return (item) => {
    const c = byItem.get(item);
    // The thread's owner is looked up only for items with personal data in them (most have none).
    if (c && c.text === item.text && c.author === item.author && (c.owner === undefined || c.owner === threadOwner(item.platform))) return c.spans;
    const found = noDoxxing.has(item.text) ? [] : findDoxxing(item.text, { own: identifiers });
    if (found.length === 0) {
      if (noDoxxing.size >= MAX_CLEAN_TEXTS) noDoxxing.clear();
      noDoxxing.add(item.text);
    }
    const owner = found.length > 0 ? threadOwner(item.platform) : undefined;
    const spans = found.length > 0 ? doxxingIn(item, { identifiers, accounts, threadOwner: owner }, found) : found;
    byItem.set(item, { text: item.text, author: item.author, owner, spans });
    return spans;
  };
}
