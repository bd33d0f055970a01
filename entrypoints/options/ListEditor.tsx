/** One list (trusted accounts, muted accounts or muted words): add with a platform scope, remove. */
import { useId, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { useLists } from '@/src/ui/useLists';
import { MAX_ENTRY_CHARS, type ListKind } from '@/src/store/lists';
import { ADAPTERS } from '@/src/platforms';
import { compileMutedEntry } from '@/src/shield/muted-words';

export function ListEditor({ kind }: { kind: ListKind }) {
  const entries = useLists((s) => s.value[kind]);
  const update = useLists((s) => s.update);
  const [value, setValue] = useState('');
  const [platform, setPlatform] = useState('');
  const id = useId();

  const [problem, setProblem] = useState('');

  const add = () => {
    const v = value.trim();
    if (!v) return;
    // A muted word that could never match usefully (only wildcards or single letters) is refused, with the reason.
    if (kind === 'mutedWords' && compileMutedEntry(v) === null) {
      setProblem(t('list_mutedWords_unusable', [v]));
      return;
    }
    setProblem('');
    void update((prev) => ({ ...prev, [kind]: [...prev[kind], { value: v, platform: platform || null, addedAt: Date.now() }] }));
    setValue('');
  };
  const remove = (i: number) => void update((prev) => ({ ...prev, [kind]: prev[kind].filter((_, j) => j !== i) }));

  return (
    <section className="list-editor" data-list={kind} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t(`list_${kind}`)}</h3>
      <p className="muted">{t(`list_${kind}_help`)}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="sr-only" htmlFor={`${id}-v`}>{t(`list_${kind}_placeholder`)}</label>
        <input
          id={`${id}-v`}
          value={value}
          maxLength={MAX_ENTRY_CHARS}
          placeholder={t(`list_${kind}_placeholder`)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem('');
          }}
        />
        <label className="sr-only" htmlFor={`${id}-p`}>{t('list_platform')}</label>
        <select id={`${id}-p`} value={platform} onChange={(e) => setPlatform(e.target.value)}>
          <option value="">{t('list_all_platforms')}</option>
          {ADAPTERS.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
        <button type="submit" className="primary">{t('list_add')}</button>
      </form>
      {problem && (
        <p id={`${id}-problem`} className="note warn" role="alert">
          {problem}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="muted">{t('list_empty')}</p>
      ) : (
        <ul className="entries">
          {entries.map((e, i) => (
            <li key={`${e.platform}-${e.value}`}>
              <span className="value">{e.value}</span>
              <span className="scope muted">{e.platform ? (ADAPTERS.find((a) => a.id === e.platform)?.name ?? e.platform) : t('list_all_platforms')}</span>
              <button type="button" onClick={() => remove(i)} aria-label={t('list_remove_named', e.value)}>
                {t('list_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
