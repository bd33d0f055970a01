/**
 * Pile-ons recorded on this device (evidence of coordinated harassment): the list, download as JSON,
 * delete after a confirmation. Pruned with the review log's retention. Follows storage changes, so a
 * pile-on recorded in another tab (or an erase) shows at once.
 */
import { useEffect, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { deleteRaidEvents, loadRaidEvents, watchRaidEvents, type StoredRaidEvent } from '@/src/protect/events';

function downloadJson(events: StoredRaidEvent[]): void {
  const body = JSON.stringify({ format: 'bouclier-raid-events', version: 1, exportedAtUtc: new Date().toISOString(), events }, null, 2);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
  a.download = `bouclier-pile-ons-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function RaidRecords() {
  const [events, setEvents] = useState<StoredRaidEvent[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    void loadRaidEvents().then(setEvents, () => undefined);
    return watchRaidEvents(setEvents);
  }, []);

  return (
    <section aria-labelledby="raid-records-h">
      <h3 id="raid-records-h">{t('protect_options_events')}</h3>
      <p className="muted">{t('protect_options_events_retention')}</p>
      {deleted && events.length === 0 && (
        <p className="note ok" role="status">
          {t('protect_options_events_deleted')}
        </p>
      )}
      {events.length === 0 ? (
        <p className="muted" data-testid="raid-events-none">{t('protect_options_no_events')}</p>
      ) : (
        <>
          <ul data-testid="raid-events">
            {[...events].reverse().map((e) => (
              <li key={e.id}>
                <strong>{new Date(e.startedAt).toLocaleString()}</strong> · {e.threadKey} ·{' '}
                {t('protect_options_event_line', [String(e.count), String(e.accounts.length)])}
                {e.lockedAt !== null && ` · 🔒 ${new Date(e.lockedAt).toLocaleTimeString()}`}
                <details>
                  <summary>{t('protect_options_event_accounts')}</summary>
                  <p>{e.accounts.join(', ')}</p>
                </details>
              </li>
            ))}
          </ul>
          <div className="row">
            <button type="button" onClick={() => downloadJson(events)}>{t('protect_options_events_download')}</button>
            {!confirmDelete && (
              <button type="button" data-testid="raid-events-delete" onClick={() => setConfirmDelete(true)}>
                {t('protect_options_events_delete')}
              </button>
            )}
          </div>
          {confirmDelete && (
            <div className="note warn" role="alertdialog" aria-label={t('protect_options_events_delete')}>
              <p>{t('protect_options_events_delete_confirm', [String(events.length)])}</p>
              <div className="row">
                <button
                  type="button"
                  className="primary danger"
                  data-testid="raid-events-delete-yes"
                  onClick={() =>
                    void deleteRaidEvents().then(() => {
                      setConfirmDelete(false);
                      setDeleted(true);
                    })
                  }
                >
                  {t('protect_options_events_delete_yes')}
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  {t('review_cancel')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
