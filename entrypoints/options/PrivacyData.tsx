/**
 * In Privacy & data: "Erase everything Bouclier keeps" (src/store/erase.ts). The confirmation names every
 * kind of data that goes, with counts where there are any, before anything is erased.
 */
import { useId, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { requestEraseEverything } from '@/src/store/erase';
import { countEntries, openLog } from '@/src/review/log';
import { loadCorrections } from '@/src/review/corrections';
import { loadRaidEvents } from '@/src/protect/events';

interface Counts {
  log: string;
  corrections: string;
  raids: string;
}

async function countLog(): Promise<string> {
  try {
    const db = await openLog();
    try {
      return String(await countEntries(db));
    } finally {
      db.close(); // never hold the log open: the erase deletes it
    }
  } catch {
    return '?';
  }
}

export function PrivacyData() {
  const id = useId();
  const [step, setStep] = useState<'idle' | 'confirm' | 'working'>('idle');
  const [counts, setCounts] = useState<Counts | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);

  const ask = async () => {
    setMessage(null);
    setCounts(null);
    setStep('confirm');
    const [log, corrections, raids] = await Promise.all([
      countLog(),
      loadCorrections().then((c) => String(c.length), () => '?'),
      loadRaidEvents().then((e) => String(e.length), () => '?'),
    ]);
    setCounts({ log, corrections, raids });
  };

  const erase = async () => {
    setStep('working');
    const result = await requestEraseEverything().catch((e: unknown) => ({ ok: false, errors: [e instanceof Error ? e.message : String(e)] }));
    setStep('idle');
    setMessage(result.ok ? { kind: 'ok', text: t('erase_done') } : { kind: 'err', text: t('erase_failed', [result.errors.join('; ')]) });
  };

  const what: [string, string[]?][] = [
    ['erase_what_log', [counts?.log ?? '…']],
    ['erase_what_corrections', [counts?.corrections ?? '…']],
    ['erase_what_raids', [counts?.raids ?? '…']],
    ['erase_what_identifiers'],
    ['erase_what_lists'],
    ['erase_what_settings'],
    ['erase_what_sites'],
    ['erase_what_caches'],
  ];

  return (
    <section aria-labelledby={`${id}-h`} data-testid="privacy-data">
      <h3 id={`${id}-h`}>{t('options_erase_title')}</h3>
      {step === 'idle' ? (
        <button type="button" data-testid="erase-all" onClick={() => void ask()}>
          {t('erase_all')}
        </button>
      ) : (
        <div className="note warn" role="alertdialog" aria-labelledby={`${id}-c`} data-testid="erase-confirm">
          <p id={`${id}-c`}>
            <strong>{t('erase_confirm_intro')}</strong>
          </p>
          <ul data-testid="erase-what">
            {what.map(([key, subs]) => (
              <li key={key} data-what={key}>
                {t(key, subs)}
              </li>
            ))}
          </ul>
          <p>{t('erase_warning')}</p>
          <div className="row">
            <button type="button" className="primary danger" data-testid="erase-confirm-yes" disabled={step === 'working'} onClick={() => void erase()}>
              {step === 'working' ? t('erase_working') : t('erase_yes')}
            </button>
            <button type="button" disabled={step === 'working'} onClick={() => setStep('idle')}>
              {t('review_cancel')}
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite">
        {message && (
          <p className={message.kind === 'err' ? 'note err' : 'note ok'} role={message.kind === 'err' ? 'alert' : 'status'} data-testid="erase-result">
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
