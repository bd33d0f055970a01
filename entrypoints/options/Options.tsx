/**
 * Settings: protection switch, strict mode, sensitivity, per-category actions and advanced
 * thresholds, sites where she turned Bouclier off, her lists, her own accounts, import/export/reset.
 */
import { Logo } from '@/src/ui/Logo';
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { useLists } from '@/src/ui/useLists';
import { ACTIONS, CATEGORIES, MODEL_CATEGORIES, type ShieldAction } from '@/src/store/settings';
import { LEVELS, type Level } from '@/src/classifier/labels';
import { ListEditor } from './ListEditor';
import { Transfer } from './Transfer';
import { ProtectSettings } from './ProtectSettings';
import { PrivacyData } from './PrivacyData';
import { OwnAccounts } from './OwnAccounts';

export function Options() {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  const error = useSettings((s) => s.error);
  const listsError = useLists((s) => s.error);

  return (
    <main>
      <h1><Logo size={22} />{t('options_title')}</h1>
      <p className="muted">{t('options_intro')}</p>
      {(error ?? listsError) && <p className="note err" role="alert">{t('options_saved_error', (error ?? listsError)!)}</p>}

      <section aria-labelledby="general-h">
        <h2 id="general-h">{t('options_general')}</h2>
        <label className="check">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => void update({ enabled: e.target.checked })} />
          {t('options_enabled')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.withholdUntilVerdict}
            aria-describedby="withhold-help"
            onChange={(e) => void update({ withholdUntilVerdict: e.target.checked })}
          />
          {t('options_withhold')}
        </label>
        <p className="muted" id="withhold-help">{t('options_withhold_help')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.withholdWhenModelDown}
            onChange={(e) => void update({ withholdWhenModelDown: e.target.checked })}
          />
          {t('options_withhold_model_down')}
        </label>
      </section>

      <section aria-labelledby="sens-h">
        <h2 id="sens-h">{t('popup_sensitivity')}</h2>
        <p className="muted">{t('options_sensitivity_help')}</p>
        <div className="dial" role="radiogroup" aria-labelledby="sens-h">
          {LEVELS.map((l: Level) => (
            <label key={l} className="check">
              <input type="radio" name="level" value={l} checked={settings.level === l} onChange={() => void update({ level: l })} />
              {t(`level_${l}`)}
            </label>
          ))}
        </div>
      </section>

      <section aria-labelledby="actions-h">
        <h2 id="actions-h">{t('options_actions')}</h2>
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
                  {c === 'threat' && settings.actions.threat === 'remove' && (
                    <span className="muted"> {t('options_threat_never_removed')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {Object.keys(settings.thresholdOverrides).length > 0 && (
          <p className="note warn">
            {t('options_overrides_active', MODEL_CATEGORIES.filter((c) => settings.thresholdOverrides[c] !== undefined).map((c) => t(`category_${c}`)).join(', '))}{' '}
            <button type="button" onClick={() => void update({ thresholdOverrides: {} })}>{t('options_overrides_clear')}</button>
          </p>
        )}
      </section>

      <section aria-labelledby="sites-h">
        <h2 id="sites-h">{t('options_sites')}</h2>
        {settings.disabledSites.length === 0 ? (
          <p className="muted">{t('options_sites_none')}</p>
        ) : (
          <ul className="entries">
            {settings.disabledSites.map((h) => (
              <li key={h}>
                <span className="value">{h}</span>
                <button type="button" onClick={() => void update({ disabledSites: settings.disabledSites.filter((x) => x !== h) })}>
                  {t('options_sites_enable')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="lists-h">
        <h2 id="lists-h">{t('options_lists')}</h2>
        <ListEditor kind="trustedAccounts" />
        <ListEditor kind="mutedAccounts" />
        <ListEditor kind="mutedWords" />
      </section>

      <OwnAccounts />
      <ProtectSettings />
      <Transfer />
      <PrivacyData />
    </main>
  );
}
