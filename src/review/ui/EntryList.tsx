/**
 * The review list, virtualised by @tanstack/react-virtual: fixed-height rows, only those in view
 * (plus a few) are in the DOM, so 50,000 records scroll smoothly. Back to the top when the list changes.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { t } from '@/src/ui/i18n';
import type { LogEntry } from '../types';
import { EntryRow, ROW_HEIGHT } from './EntryRow';

const OVERSCAN = 6;

export function EntryList({ items }: { items: LogEntry[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => ref.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN, getItemKey: (i) => items[i]!.id });
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [items, virtualizer]);
  const label = t('review_title');
  return (
    // Focusable region so the list scrolls from the keyboard; rows are list items of the inner list.
    <div className="vlist" ref={ref} data-testid="review-list" role="region" tabIndex={0} aria-label={label}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => (
          <EntryRow key={v.key} entry={items[v.index]!} top={v.start} />
        ))}
      </div>
    </div>
  );
}
