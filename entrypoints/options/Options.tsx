/** Options page: protection switch, strict mode, and what to do with each category. */
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { ACTIONS, CATEGORIES, type ShieldAction } from '@/src/store/settings';
import { LEVELS } from '@/src/classifier/labels';

export function Options() {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  const error = useSettings((s) => s.error);

  return (
    <main>
      <h1>🛡 {t('options_title')}</h1>
      <p className="muted">{t('options_intro')}</p>
      {error && <p className="note err" role="alert">{t('options_saved_error', error)}</p>}

      <label className="check">
        <input type="checkbox" checked={settings.enabled} onChange={(e) => void update({ enabled: e.target.checked })} />
        {t('options_enabled')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.withholdUntilVerdict}
          onChange={(e) => void update({ withholdUntilVerdict: e.target.checked })}
        />
        {t('options_withhold')}
      </label>

      <h2 id="sens">{t('popup_sensitivity')}</h2>
      <select aria-labelledby="sens" value={settings.level} onChange={(e) => void update({ level: e.target.value as never })}>
        {LEVELS.map((l) => (
          <option key={l} value={l}>{t(`level_${l}`)}</option>
        ))}
      </select>

      <h2>{t('options_actions')}</h2>
      <table>
        <tbody>
          {CATEGORIES.map((c) => (
            <tr key={c}>
              <th scope="row" id={`cat-${c}`}>{t(`category_${c}`)}</th>
              <td>
                <select
                  aria-labelledby={`cat-${c}`}
                  data-category={c}
                  value={settings.actions[c]}
                  onChange={(e) => void update({ actions: { ...settings.actions, [c]: e.target.value as ShieldAction } })}
                >
                  {ACTIONS.map((a) => (
                    <option key={a} value={a}>{t(`action_${a}`)}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
