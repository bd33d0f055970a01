/**
 * Her protections beyond the model, in the Protection section: her own identifiers (doxxing), the
 * pile-on alert, images, locked-down threads. Stored in browser.storage.local only
 * (src/protect/settings.ts): her identifiers never leave the device. The pile-on records are under
 * Privacy & data (RaidRecords.tsx).
 */
import { useId, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { MAX_IDENTIFIERS } from '@/src/protect/settings';
import { useProtect } from '@/src/ui/useProtect';

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
  const lift = (key: string) =>
    void update((prev) => {
      const next = { ...prev.lockdowns };
      delete next[key];
      return { ...prev, lockdowns: next };
    });
  const lockdowns = Object.entries(value.lockdowns);

  return (
    <div data-testid="protect-settings">
      {error && <p className="note err" role="alert">{t('options_saved_error', error)}</p>}

      <h3 id={`${id}-dox`}>{t('options_doxxing_title')}</h3>
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
          <input type="number" min={1} max={1440} value={Math.round(value.raid.windowMs / 60_000)} onChange={(e) => setRaid({ windowMs: Number(e.target.value) * 60_000 })} />
        </label>
      </div>

      <h3>{t('options_images_title')}</h3>
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
              <button type="button" onClick={() => lift(key)}>
                {t('protect_lift')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
