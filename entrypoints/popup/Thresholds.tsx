/**
 * Advanced per-category thresholds, with a live count of how many items on the current page each
 * value would flag (computed here from the page's scores with the shield's own threshold rule; no
 * text leaves the tab). A lower threshold hides more.
 */
import { useState } from 'react';
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { MODEL_CATEGORIES, type ModelCategory } from '@/src/verdict/categories';
import { flaggedByCategoryAt, thresholdInForce, type PageScores } from '@/src/ui/page-counts';
import { HidesScale } from './HidesScale';

export function Thresholds({ page }: { page: PageScores }) {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  // While a slider moves, the value she is trying; saved when she lets go (one re-decision of the page, not fifty).
  const [draft, setDraft] = useState<Partial<Record<ModelCategory, number>>>({});
  if (!page.thresholds) return null;

  const save = (c: ModelCategory) => {
    if (draft[c] !== undefined) void update({ thresholdOverrides: { ...settings.thresholdOverrides, [c]: draft[c] } });
  };

  return (
    <details className="advanced">
      <summary>{t('popup_advanced')}</summary>
      <HidesScale id="threshold-scale" from="more" />
      {MODEL_CATEGORIES.map((c) => {
        const value = draft[c] ?? thresholdInForce(page, settings, c)!;
        const hides = flaggedByCategoryAt(page, settings, c, value);
        const id = `th-${c}`;
        return (
          <div key={c} className="threshold" data-category={c}>
            <label htmlFor={id}>
              {t(`category_${c}`)} — <output aria-live="polite" data-testid={`hides-${c}`}>{t('popup_threshold_hides', String(hides))}</output>
            </label>
            <input
              id={id}
              type="range"
              min={0.05}
              max={0.99}
              step={0.01}
              value={value}
              aria-describedby="threshold-scale"
              aria-valuetext={`${Math.round(value * 100)} % — ${t('popup_threshold_hides', String(hides))}`}
              onChange={(e) => setDraft({ ...draft, [c]: Number(e.target.value) })}
              onPointerUp={() => save(c)}
              onKeyUp={() => save(c)}
            />
          </div>
        );
      })}
      {Object.keys(settings.thresholdOverrides).length > 0 && (
        <button
          type="button"
          onClick={() => {
            setDraft({});
            void update({ thresholdOverrides: {} });
          }}
        >
          {t('popup_threshold_reset')}
        </button>
      )}
    </details>
  );
}
