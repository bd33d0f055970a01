/**
 * The review log by account: every account whose items were hidden, with how many, first and last
 * seen; opening one shows its dossier (all its items, oldest first) with its own export.
 */
import { useMemo } from 'react';
import { t } from '@/src/ui/i18n';
import { groupByAccount } from '../dossier';
import type { LogEntry } from '../types';
import { setReview, useReview, type View } from './store';
import { fmt, words } from './words';

/** Accounts listed at once; the author filter narrows a longer list. */
const MAX_ACCOUNTS = 500;

export function ViewSwitch() {
  const view = useReview((s) => s.view);
  const choose = (v: View) => setReview({ view: v, dossier: null, selected: new Set(), detailId: null });
  return (
    <div className="row views" role="group" aria-label={t('review_view')}>
      {(['items', 'accounts'] as const).map((v) => (
        <button key={v} type="button" data-testid={`review-view-${v}`} aria-pressed={view === v} onClick={() => choose(v)}>
          {t(v === 'items' ? 'review_view_items' : 'review_view_accounts')}
        </button>
      ))}
    </div>
  );
}

export function AccountsView({ entries }: { entries: LogEntry[] }) {
  const accounts = useMemo(() => groupByAccount(entries), [entries]);
  return (
    <table className="accounts" data-testid="review-accounts">
      <caption>{t('review_accounts_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('export_col_author')}</th>
          <th scope="col">{t('export_col_platform')}</th>
          <th scope="col">{t('review_account_items')}</th>
          <th scope="col">{t('review_first_seen')}</th>
          <th scope="col">{t('review_last_seen')}</th>
          <th scope="col">
            <span className="sr-only">{t('review_open_dossier')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.slice(0, MAX_ACCOUNTS).map((a) => {
          const name = a.author ? `@${a.author}` : '—';
          return (
            <tr key={a.key} data-testid="review-account" data-key={a.key} data-count={a.count}>
              <td>{name}</td>
              <td>{words.platform(a.platform)}</td>
              <td className="n">{a.count}</td>
              <td>{fmt(a.firstSeen)}</td>
              <td>{fmt(a.lastSeen)}</td>
              <td>
                <button type="button" aria-label={t('review_open_dossier_of', [name])} onClick={() => setReview({ dossier: a.key, selected: new Set(), detailId: null })}>
                  {t('review_open_dossier')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Above an open dossier: whose it is, how many items, first and last seen, and the way back. */
export function DossierHeader({ entries }: { entries: LogEntry[] }) {
  const first = entries[0];
  const summary = groupByAccount(entries)[0];
  return (
    <section className="dossier" data-testid="review-dossier" aria-labelledby="dossier-h">
      <h2 id="dossier-h">{t('review_dossier_title', [first?.author ? `@${first.author}` : '—', first ? words.platform(first.platform) : '—'])}</h2>
      {summary && <p data-testid="review-dossier-summary">{t('review_dossier_summary', [String(summary.count), fmt(summary.firstSeen), fmt(summary.lastSeen)])}</p>}
      <button type="button" data-testid="review-dossier-close" onClick={() => setReview({ dossier: null, selected: new Set(), detailId: null })}>
        {t('review_dossier_close')}
      </button>
    </section>
  );
}
