/**
 * What was hidden on this page: the total, then one row per main reason. Each hidden item counts once
 * (under the category that weighed most), so the rows add up to the total.
 */
import { t } from '@/src/ui/i18n';
import type { PageStats } from '@/src/messaging/messages';
import { reasonRows } from '@/src/ui/page-counts';

/** Her words for a reason; a reason this version has no name for is "other", never a raw id. */
function reasonName(reason: string): string {
  const key = `category_${reason}`;
  const name = t(key);
  return name === key ? t('popup_reason_other') : name;
}

export function HiddenCounts({ stats }: { stats: PageStats }) {
  const rows = reasonRows(stats);
  return (
    <section aria-live="polite" aria-label={t('popup_counts_label')}>
      <p className="muted">{t('popup_scanned', String(stats.scanned))}</p>
      {stats.flagged === 0 ? (
        <p>{t('popup_none_hidden')}</p>
      ) : (
        <>
          <p>
            <strong data-testid="hidden-total">{t('popup_hidden', String(stats.flagged))}</strong>
          </p>
          {rows.length > 0 && (
            <>
              <p className="muted small">{t('popup_counts_by_reason')}</p>
              <ul className="counts" data-testid="counts">
                {rows.map(({ reason, count }) => (
                  <li key={reason} data-reason={reason}>
                    <span>{reasonName(reason)}</span>
                    <strong>{count}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
