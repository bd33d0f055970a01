/**
 * options.html#review — everything Bouclier hid, kept on this device: search, filter and sort, a
 * virtualised list, text shielded until she asks to see it, "not abusive" (with undo), keep as
 * evidence, a per-account view with one dossier per account, evidence export (CSV / JSON / printable
 * report, FR or EN) followed by its final hash to send away, retention and "delete all".
 * State: store.ts; the log and its changes: logSource.ts (no polling); her actions: commands.ts.
 * Page text is only ever rendered as React text nodes (never as HTML).
 */
import { useDeferredValue, useEffect, useMemo } from 'react';
import { t } from '@/src/ui/i18n';
import { dossierOf } from '../dossier';
import { ExportAnchor } from './ExportAnchor';
import { ReviewStatusNote } from './StatusNote';
import { startLogSource } from './logSource';
import { setReview, useReview } from './store';
import { applyFilters } from './filters';
import { FilterBar } from './FilterBar';
import { BulkBar } from './BulkBar';
import { ExportBar } from './ExportBar';
import { EntryDetail } from './EntryDetail';
import { EntryList } from './EntryList';
import { AccountsView, DossierHeader, ViewSwitch } from './AccountsView';
import { CorrectionsPanel } from './CorrectionsPanel';
import { RetentionPanel } from './RetentionPanel';
import './review.css';

export function ReviewPage() {
  useEffect(() => startLogSource(), []);
  const entries = useReview((s) => s.entries);
  const partial = useReview((s) => s.partial);
  const dbError = useReview((s) => s.dbError);
  const notice = useReview((s) => s.notice);
  const exported = useReview((s) => s.exported);
  const view = useReview((s) => s.view);
  const dossier = useReview((s) => s.dossier);
  const filters = useDeferredValue(useReview((s) => s.filters));
  const sort = useReview((s) => s.sort);

  // One computation of what she sees, shared by the list, the bulk actions and the export.
  const shown = useMemo(() => (!entries ? [] : dossier ? dossierOf(entries, dossier) : applyFilters(entries, filters, sort)), [entries, dossier, filters, sort]);
  const filtered = useMemo(() => (entries && view === 'accounts' && !dossier ? applyFilters(entries, filters, sort) : []), [entries, view, dossier, filters, sort]);

  useEffect(() => {
    if (entries !== null && !partial) document.documentElement.setAttribute('data-review-ready', String(entries.length));
  }, [entries, partial]);

  const listing = view === 'items' || dossier !== null;
  return (
    <main className="review" data-testid="review">
      <h1>{t('review_title')}</h1>
      <p className="muted">{t('review_intro')}</p>
      <ReviewStatusNote withRetry />
      {dbError && (
        <p className="note err" role="alert" data-testid="review-db-error">
          {t('review_db_error', [dbError])}
        </p>
      )}
      {notice && (
        <p className="note ok" role="status" data-testid="review-notice">
          {notice}
        </p>
      )}
      <ViewSwitch />
      {dossier ? <DossierHeader entries={shown} /> : <FilterBar entries={entries ?? []} />}
      {listing ? (
        <>
          <BulkBar shown={shown} total={entries?.length ?? 0} />
          <ExportBar shown={shown} />
          {exported && <ExportAnchor file={exported} onClose={() => setReview({ exported: null })} />}
          <EntryDetail />
          {entries === null ? (
            <p className="muted">{t('review_loading')}</p>
          ) : entries.length === 0 ? (
            <p className="muted" data-testid="review-empty">
              {t('review_empty')}
            </p>
          ) : null}
          <EntryList items={shown} />
        </>
      ) : (
        <AccountsView entries={filtered} />
      )}
      <CorrectionsPanel />
      <RetentionPanel />
    </main>
  );
}
