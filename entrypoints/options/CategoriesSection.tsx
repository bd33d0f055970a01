/** Categories: what the shield does with each (blur, collapse, remove, nothing); advanced thresholds set from the popup. */
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { ACTIONS, CATEGORIES, MODEL_CATEGORIES, type ShieldAction } from '@/src/verdict/categories';
import { SettingsSection } from './SettingsSection';

export function CategoriesSection() {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  const overridden = MODEL_CATEGORIES.filter((c) => settings.thresholdOverrides[c] !== undefined);
  return (
    <SettingsSection id="categories" title={t('options_section_categories')} intro={t('options_actions')}>
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
                {c === 'threat' && settings.actions.threat === 'remove' && <span className="muted"> {t('options_threat_never_removed')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {overridden.length > 0 && (
        <p className="note warn">
          {t('options_overrides_active', overridden.map((c) => t(`category_${c}`)).join(', '))}{' '}
          <button type="button" onClick={() => void update({ thresholdOverrides: {} })}>{t('options_overrides_clear')}</button>
        </p>
      )}
    </SettingsSection>
  );
}
