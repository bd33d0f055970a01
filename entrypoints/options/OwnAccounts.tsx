/**
 * "Your accounts": her own (platform, handle) pairs, the only way a reply is known to be hers (her
 * replies are never flagged as doxxing her and stay visible in her lockdown). Compared exactly with the
 * handle the platform shows, so a look-alike is someone else. Kept with her protections in
 * browser.storage.local (src/protect/settings.ts); exported with her settings (Transfer.tsx).
 */
import { useId, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { useProtect } from '@/src/ui/useProtect';
import { MAX_ACCOUNTS } from '@/src/store/accounts';
import { cleanHandle } from '@/src/platforms/handle';
import { ADAPTERS } from '@/src/platforms';

const platformName = (id: string): string => ADAPTERS.find((a) => a.id === id)?.name ?? id;

export function OwnAccounts() {
  const { value, update, loaded } = useProtect();
  const id = useId();
  const [handle, setHandle] = useState('');
  const [platform, setPlatform] = useState(ADAPTERS[0]?.id ?? 'x');
  const [problem, setProblem] = useState('');
  const accounts = value.ownAccounts;

  const add = () => {
    const h = cleanHandle(handle);
    if (!h) {
      setProblem(t('accounts_invalid'));
      return;
    }
    setProblem('');
    void update((prev) => ({ ...prev, ownAccounts: [...prev.ownAccounts, { platform, handle: h }].slice(0, MAX_ACCOUNTS) }));
    setHandle('');
  };
  const remove = (i: number) => void update((prev) => ({ ...prev, ownAccounts: prev.ownAccounts.filter((_, j) => j !== i) }));

  return (
    <section aria-labelledby={`${id}-h`} data-testid="own-accounts">
      <h3 id={`${id}-h`}>{t('accounts_title')}</h3>
      <p className="muted" id={`${id}-help`}>{t('accounts_help')}</p>
      {/* Nothing is guessed from her identifiers: she is asked, once she has entered some. */}
      {loaded && accounts.length === 0 && value.ownIdentifiers.length > 0 && (
        <p className="note warn" role="status" data-testid="own-accounts-invite">
          {t('accounts_invite')}
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="sr-only" htmlFor={`${id}-p`}>{t('list_platform')}</label>
        <select id={`${id}-p`} data-testid="own-account-platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
          {ADAPTERS.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
        <label className="sr-only" htmlFor={`${id}-v`}>{t('accounts_placeholder')}</label>
        <input
          id={`${id}-v`}
          data-testid="own-account-handle"
          value={handle}
          maxLength={300}
          placeholder={t('accounts_placeholder')}
          spellCheck={false}
          autoComplete="off"
          disabled={!loaded}
          aria-describedby={problem ? `${id}-problem` : `${id}-help`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setHandle(e.target.value);
            setProblem('');
          }}
        />
        <button type="submit" className="primary" disabled={!loaded}>{t('list_add')}</button>
      </form>
      {problem && (
        <p id={`${id}-problem`} className="note warn" role="alert">
          {problem}
        </p>
      )}
      {accounts.length === 0 ? (
        <p className="muted">{t('accounts_empty')}</p>
      ) : (
        <ul className="entries">
          {accounts.map((a, i) => (
            <li key={`${a.platform}-${a.handle}`}>
              <span className="value">@{a.handle}</span>
              <span className="scope muted">{platformName(a.platform)}</span>
              <button type="button" onClick={() => remove(i)} aria-label={t('list_remove_named', `@${a.handle} (${platformName(a.platform)})`)}>
                {t('list_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
