/** How long the log is kept (items kept as evidence excepted), and "delete everything" with its confirmation. */
import { t } from '@/src/ui/i18n';
import { RETENTION_CHOICES } from '../types';
import { changeRetention, clearEverything } from './commands';
import { setReview, useReview } from './store';

export function RetentionPanel() {
  const prefs = useReview((s) => s.prefs);
  const raidCount = useReview((s) => s.raidCount);
  const confirmClear = useReview((s) => s.confirmClear);
  const total = useReview((s) => s.entries?.length ?? 0);
  const kept = useReview((s) => s.entries?.filter((e) => typeof e.pinnedAt === 'number').length ?? 0);
  return (
    <section className="retention">
      <h2>{t('review_retention_title')}</h2>
      <label>
        {t('review_retention_label')}{' '}
        <select data-testid="review-retention" value={prefs.retentionDays} onChange={(e) => void changeRetention(Number(e.target.value))}>
          {RETENTION_CHOICES.map((d) => (
            <option key={d} value={d}>
              {d === 0 ? t('review_retention_forever') : t('review_retention_days', [String(d)])}
            </option>
          ))}
        </select>
      </label>
      <p className="muted" data-testid="review-retention-raids">
        {t('review_retention_applies', [String(raidCount)])}
      </p>
      <div className="row">
        {!confirmClear ? (
          <button type="button" data-testid="review-clear" onClick={() => setReview({ confirmClear: true })}>
            {t('review_clear_all')}
          </button>
        ) : (
          <div className="note warn" role="alertdialog" aria-label={t('review_clear_all')}>
            <p>{t('review_clear_confirm', [String(total), String(raidCount), String(kept)])}</p>
            <button type="button" className="primary danger" data-testid="review-clear-confirm" onClick={() => void clearEverything()}>
              {t('review_clear_yes')}
            </button>{' '}
            <button type="button" onClick={() => setReview({ confirmClear: false })}>
              {t('review_cancel')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
