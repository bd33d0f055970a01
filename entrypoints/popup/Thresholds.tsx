/**
 * Advanced per-category thresholds, with a live count of how many items on the current page each
 * value would hide (computed here from the page's scores; no text leaves the tab).
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';
import { MODEL_CATEGORIES, type ModelCategory } from '@/src/store/settings';
import type { LevelThresholds, Scores } from '@/src/classifier/labels';

interface PageScores {
  thresholds: LevelThresholds | null;
  scores: Scores[];
}

export function Thresholds({ tabId }: { tabId: number }) {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  const [page, setPage] = useState<PageScores | null>(null);
  const [draft, setDraft] = useState<Partial<Record<ModelCategory, number>>>({});

  useEffect(() => {
    browser.tabs
      .sendMessage(tabId, { type: 'get-page-scores' })
      .then((r) => setPage(r as PageScores))
      .catch(() => setPage(null));
  }, [tabId]);

  const levelThresholds = page?.thresholds?.[settings.level];
  if (!page || !levelThresholds) return null;

  return (
    <details className="advanced">
      <summary>{t('popup_advanced')}</summary>
      {MODEL_CATEGORIES.map((c) => {
        const value = draft[c] ?? settings.thresholdOverrides[c] ?? levelThresholds[c];
        const hides = page.scores.filter((s) => s[c] >= value).length;
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
              aria-valuetext={`${Math.round(value * 100)} %`}
              onChange={(e) => setDraft({ ...draft, [c]: Number(e.target.value) })}
              onPointerUp={() => draft[c] !== undefined && void update({ thresholdOverrides: { ...settings.thresholdOverrides, [c]: draft[c] } })}
              onKeyUp={() => draft[c] !== undefined && void update({ thresholdOverrides: { ...settings.thresholdOverrides, [c]: draft[c] } })}
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
