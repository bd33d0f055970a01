/**
 * "Your log could not be saved" note, shown in the popup and on the review page whenever the
 * background reports a write error or entries waiting to be written (storage full, IndexedDB
 * broken). Shielding itself is unaffected; this only tells her the review log is behind.
 */
import { useEffect, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { askBackground } from '@/src/messaging/background-protocol';
import { watchStatus } from '../status';
import type { ReviewStatus } from '../types';

export function ReviewStatusNote({ withRetry = false }: { withRetry?: boolean }) {
  const [status, setStatus] = useState<ReviewStatus | null>(null);
  useEffect(() => watchStatus(setStatus), []);
  if (!status || (!status.error && status.unsaved === 0 && status.dropped === 0)) return null;
  return (
    <div className="note err" role="alert" data-testid="review-status">
      <strong>{t('review_status_title')}</strong> {t('review_status_body', [String(status.unsaved)])}
      {status.dropped > 0 && <> {t('review_status_dropped', [String(status.dropped)])}</>}
      {status.error && <div className="muted">{t('review_status_error', [status.error])}</div>}
      {withRetry && (
        <div>
          <button type="button" onClick={() => void askBackground({ type: 'review-retry' })}>
            {t('review_status_retry')}
          </button>
        </div>
      )}
    </div>
  );
}
