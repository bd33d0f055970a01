/**
 * The sensitivity dial, with which way hides more and, under each level, how many of the items judged
 * on this page it would hide: she sees what a level does before she picks it.
 */
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { LEVELS } from '@/src/classifier/labels';
import { hiddenAtLevel, type PageScores } from '@/src/ui/page-counts';
import { HidesScale } from './HidesScale';

export function SensitivityDial({ page }: { page: PageScores | null }) {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  // Per level, how many judged items the verdict would hide: null until the model has answered.
  const wouldHide = page?.thresholds ? new Map(LEVELS.map((l) => [l, hiddenAtLevel(page, settings, l)])) : null;
  return (
    <>
      <h2 id="dial-label">{t('popup_sensitivity')}</h2>
      <div className="dial" role="group" aria-labelledby="dial-label" aria-describedby="dial-scale">
        {LEVELS.map((level) => (
          <div key={level} className="level">
            <button
              type="button"
              aria-pressed={settings.level === level}
              aria-describedby={wouldHide ? `preview-${level}` : undefined}
              onClick={() => void update({ level })}
            >
              {t(`level_${level}`)}
            </button>
            {wouldHide && (
              <span className="preview muted" id={`preview-${level}`} data-testid={`preview-${level}`} data-count={wouldHide.get(level)}>
                {t('popup_threshold_hides', String(wouldHide.get(level)))}
              </span>
            )}
          </div>
        ))}
      </div>
      <HidesScale id="dial-scale" from="less" />
    </>
  );
}
