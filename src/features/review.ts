/**
 * The review log as a kernel feature: every item hidden is logged once (src/review/client.ts), and
 * her "abusive, hide this" from the context menu reaches the item she right-clicked.
 */
import { createMarkAbusive, recordFlagged } from '../review/client';
import type { Feature, Kernel } from '../kernel/kernel';

export function reviewFeature(kernel: Kernel): Feature {
  const markAbusive = createMarkAbusive({ items: kernel.items });
  return {
    onItem: (item, verdict) => {
      if (verdict.action) recordFlagged(item, verdict);
    },
    handlers: { 'mark-abusive': ({ label }) => markAbusive(label) },
  };
}
