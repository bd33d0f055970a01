/**
 * Protections section of the options page: her own identifiers (doxxing), pile-on thresholds, media
 * blurring, locked-down threads, pile-on records (download, delete; pruned with the review log's
 * retention). Stored in browser.storage.local only (src/protect/settings.ts): her identifiers never
 * leave the device.
 */
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { t } from '@/src/ui/i18n';
import { MAX_IDENTIFIERS, protectStore, startProtectSync } from '@/src/protect/settings';
import { deleteRaidEvents, loadRaidEvents, RAID_EVENTS_KEY, type StoredRaidEvent } from '@/src/protect/events';
import { browser } from 'wxt/browser';

function useProtect() {
  useEffect(() => {
    void startProtectSync();
  }, []);
  return useStore(protectStore);
}

export function ProtectSettings() {
  const { value, update, loaded, error } = useProtect();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const text = draft ?? value.ownIdentifiers.join('\n');

  const save = async () => {
    const ids = text
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX_IDENTIFIERS);
    await update({ ownIdentifiers: ids });
    setDraft(null);
    setSaved(true);
  };
  const setRaid = (patch: Partial<typeof value.raid>) => void update({ raid: { ...value.raid, ...patch } });
  const lockdowns = Object.entries(value.lockdowns);
  const [events, setEvents] = useState<StoredRaidEvent[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    const load = () => void loadRaidEvents().then(setEvents, () => undefined);
    load();
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && RAID_EVENTS_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  const download = () => {
    const blob = new Blob([JSON.stringify({ format: 'bouclier-raid-events', version: 1, exportedAtUtc: new Date().toISOString(), events }, null, 2)], {
      type: 'application/json',
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `bouclier-pile-ons-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <section aria-labelledby={`${id}-h`} data-testid="protect-settings">
      <h2 id={`${id}-h`}>{t('protect_options_title')}</h2>
      {error && <p className="note err" role="alert">{t('options_saved_error', error)}</p>}

      <label htmlFor={`${id}-ids`}>{t('protect_options_ids_label')}</label>
      <p className="muted" id={`${id}-hint`}>{t('protect_options_ids_hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <textarea
          id={`${id}-ids`}
          data-testid="own-identifiers"
          aria-describedby={`${id}-hint`}
          rows={5}
          value={text}
          disabled={!loaded}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
            setSaved(false);
          }}
        />
        <div className="row">
          <button type="submit" className="primary">{t('protect_options_save')}</button>
          {saved && <span role="status">{t('protect_options_saved')}</span>}
        </div>
      </form>

      <h3 id={`${id}-raid`}>{t('protect_options_raid_title')}</h3>
      <div className="row" role="group" aria-labelledby={`${id}-raid`}>
        <label>
          {t('protect_options_raid_flagged')}{' '}
          <input type="number" min={2} max={1000} value={value.raid.minFlagged} onChange={(e) => setRaid({ minFlagged: Number(e.target.value) })} />
        </label>
        <label>
          {t('protect_options_raid_accounts')}{' '}
          <input type="number" min={1} max={1000} value={value.raid.minAccounts} onChange={(e) => setRaid({ minAccounts: Number(e.target.value) })} />
        </label>
        <label>
          {t('protect_options_raid_minutes')}{' '}
          <input
            type="number"
            min={1}
            max={1440}
            value={Math.round(value.raid.windowMs / 60_000)}
            onChange={(e) => setRaid({ windowMs: Number(e.target.value) * 60_000 })}
          />
        </label>
      </div>

      <label className="check">
        <input type="checkbox" checked={value.blurDmRequestMedia} onChange={(e) => void update({ blurDmRequestMedia: e.target.checked })} />
        {t('protect_options_blur_dm')}
      </label>
      <label className="check">
        <input type="checkbox" checked={value.blurMediaInLockdown} onChange={(e) => void update({ blurMediaInLockdown: e.target.checked })} />
        {t('protect_options_blur_lockdown')}
      </label>

      <h3>{t('protect_options_lockdowns')}</h3>
      {lockdowns.length === 0 ? (
        <p className="muted">{t('protect_options_no_lockdowns')}</p>
      ) : (
        <ul>
          {lockdowns.map(([key, since]) => (
            <li key={key}>
              <span>{key}</span> <span className="muted">({new Date(since).toLocaleString()})</span>{' '}
              <button
                type="button"
                onClick={() =>
                  void update((prev) => {
                    const next = { ...prev.lockdowns };
                    delete next[key];
                    return { ...prev, lockdowns: next };
                  })
                }
              >
                {t('protect_lift')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('protect_options_events')}</h3>
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
            <button type="button" onClick={download}>{t('protect_options_events_download')}</button>
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
