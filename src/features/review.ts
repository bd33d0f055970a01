/**
 * The review log as a kernel feature: every item hidden is logged once with the evidence the page
 * shows (src/review/client.ts, item-evidence.ts), and her context-menu choices reach the item she
 * right-clicked: "abusive, hide this", "keep as evidence".
 */
import type { TrackedItem } from '../scanner/item';
import { markAbusive, recordFlagged, trackRightClicks } from '../review/client';
import { itemEvidence } from '../review/item-evidence';
import type { Feature, Kernel } from '../kernel/kernel';

export function reviewFeature(kernel: Kernel, keep: (item: TrackedItem) => void): Feature {
  const rightClicked = trackRightClicks({ items: kernel.items });
  return {
    onItem: (item, verdict) => {
      if (verdict.action) recordFlagged(item, verdict, () => itemEvidence(item));
    },
    handlers: {
      'mark-abusive': ({ label }) => markAbusive(rightClicked(), label),
      'keep-evidence': () => {
        const item = rightClicked();
        if (item) keep(item);
        return { ok: item !== null };
      },
    },
  };
}
