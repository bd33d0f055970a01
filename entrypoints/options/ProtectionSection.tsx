/** Protection: on or off, strict mode, the sensitivity dial, sites where it is off, and her protections. */
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { LEVELS } from '@/src/classifier/labels';
import { SettingsSection } from './SettingsSection';
import { ProtectSettings } from './ProtectSettings';

export function ProtectionSection() {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  return (
    <SettingsSection id="protection" title={t('options_section_protection')}>
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
      <p className="muted hint" id="withhold-help">{t('options_withhold_help')}</p>
      <label className="check">
        <input type="checkbox" checked={settings.withholdWhenModelDown} onChange={(e) => void update({ withholdWhenModelDown: e.target.checked })} />
        {t('options_withhold_model_down')}
      </label>

      <h3 id="sens-h">{t('popup_sensitivity')}</h3>
      <p className="muted" id="sens-help">{t('options_sensitivity_help')}</p>
      <div className="dial" role="radiogroup" aria-labelledby="sens-h" aria-describedby="sens-help sens-scale">
        {LEVELS.map((l) => (
          <label key={l} className="check">
            <input type="radio" name="level" value={l} checked={settings.level === l} onChange={() => void update({ level: l })} />
            {t(`level_${l}`)}
          </label>
        ))}
      </div>
      <p className="scale muted" id="sens-scale">
        <span>{t('popup_hides_less')}</span>
        <span aria-hidden="true">←→</span>
        <span>{t('popup_hides_more')}</span>
      </p>

      <h3>{t('options_sites')}</h3>
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

      <ProtectSettings />
    </SettingsSection>
  );
}
