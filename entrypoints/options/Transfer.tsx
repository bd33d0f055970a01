/** Export / import all settings, lists and her own accounts as one JSON file; reset to defaults. */
import { useEffect, useRef, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { settingsStore, DEFAULT_SETTINGS } from '@/src/store/settings';
import { listsStore, DEFAULT_LISTS } from '@/src/store/lists';
import { exportSettings, ImportError, parseSettingsFile } from '@/src/store/transfer';
import { protectStore, startProtectSync } from '@/src/protect/settings';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Transfer() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  useEffect(() => {
    void startProtectSync();
  }, []);

  const doExport = () => {
    const text = exportSettings(settingsStore.getState().value, listsStore.getState().value, protectStore.getState().value.ownAccounts);
    download(`bouclier-settings-${new Date().toISOString().slice(0, 10)}.json`, text);
  };

  const doImport = async (file: File) => {
    try {
      const { settings, lists, accounts } = parseSettingsFile(await file.text());
      await settingsStore.getState().replace(settings);
      await listsStore.getState().replace(lists);
      // A file without accounts (written before they existed) leaves hers as they are.
      if (accounts) await protectStore.getState().update({ ownAccounts: accounts });
      setMessage({ kind: 'ok', text: t('import_done') });
    } catch (e) {
      const key = e instanceof ImportError ? e.key : 'import_invalid';
      setMessage({ kind: 'err', text: `${t(key)}${e instanceof ImportError && e.detail ? ` (${e.detail})` : ''}` });
    }
  };

  const reset = async () => {
    if (!window.confirm(t('reset_confirm'))) return;
    await settingsStore.getState().replace(DEFAULT_SETTINGS);
    await listsStore.getState().replace(DEFAULT_LISTS);
    setMessage({ kind: 'ok', text: t('reset_done') });
  };

  return (
    <section aria-labelledby="transfer-h">
      <h3 id="transfer-h">{t('transfer_title')}</h3>
      <div className="row">
        <button type="button" onClick={doExport}>{t('export_settings')}</button>
        <button type="button" onClick={() => fileInput.current?.click()}>{t('import_settings')}</button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void doImport(f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={() => void reset()}>{t('reset_defaults')}</button>
      </div>
      <div aria-live="polite">
        {message && (
          <p className={message.kind === 'err' ? 'note err' : 'note ok'} role={message.kind === 'err' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
