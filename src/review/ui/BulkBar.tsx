/** Selection and what she does to the selected items: not abusive, undo, keep as evidence, delete. */
import { t } from '@/src/ui/i18n';
import type { LogEntry } from '../types';
import { keep, markNotAbusive, removeSelected, undo } from './commands';
import { setReview, useReview } from './store';

export function BulkBar({ shown, total }: { shown: LogEntry[]; total: number }) {
  const selected = useReview((s) => s.selected);
  const partial = useReview((s) => s.partial);
  const trustAuthor = useReview((s) => s.trustAuthor);
  const allShownSelected = shown.length > 0 && shown.every((e) => selected.has(e.id));
  const chosen = () => shown.filter((e) => selected.has(e.id));
  const none = selected.size === 0;
  return (
    <>
      <div className="bulk row">
        <label className="check">
          <input
            type="checkbox"
            data-testid="review-select-all"
            checked={allShownSelected}
            onChange={() => setReview({ selected: allShownSelected ? new Set() : new Set(shown.map((e) => e.id)) })}
          />
          {t('review_select_all')}
        </label>
        <span data-testid="review-count" data-shown={shown.length} data-total={total} aria-live="polite">
          {partial ? t('review_loading') : t('review_count', [String(shown.length), String(total), String(selected.size)])}
        </span>
      </div>
      <div className="bulk row">
        <button type="button" disabled={none} onClick={() => void markNotAbusive(chosen())}>
          {t('review_not_abusive_selected')}
        </button>
        <label className="check">
          <input type="checkbox" checked={trustAuthor} onChange={(e) => setReview({ trustAuthor: e.target.checked })} data-testid="review-trust-author" />
          {t('review_trust_author')}
        </label>
        <button type="button" disabled={none} onClick={() => void undo(chosen())}>
          {t('review_undo_selected')}
        </button>
        <button type="button" disabled={none} data-testid="review-keep-selected" onClick={() => void keep(chosen(), true)}>
          {t('review_keep_selected')}
        </button>
        <button type="button" disabled={none} onClick={() => void keep(chosen(), false)}>
          {t('review_unkeep_selected')}
        </button>
        <button type="button" disabled={none} data-testid="review-delete-selected" onClick={() => void removeSelected()}>
          {t('review_delete_selected')}
        </button>
      </div>
    </>
  );
}
