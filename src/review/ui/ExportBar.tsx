/**
 * Export controls: what will be exported (the selection, else what is shown or the open dossier), in
 * which language, and whether items she marked "not abusive" go too (left out unless she ticks it).
 */
import { t } from '@/src/ui/i18n';
import type { LogEntry } from '../types';
import { exportRecords, type ExportKind } from './commands';
import { setReview, useReview } from './store';

export function ExportBar({ shown }: { shown: LogEntry[] }) {
  const selected = useReview((s) => s.selected);
  const exportLang = useReview((s) => s.exportLang);
  const include = useReview((s) => s.includeNotAbusive);
  const dossier = useReview((s) => s.dossier);
  const scope = selected.size > 0 ? shown.filter((e) => selected.has(e.id)) : shown;
  const notAbusive = scope.filter((e) => e.feedback === 'not_abusive').length;
  const count = include ? scope.length : scope.length - notAbusive;
  const heading =
    selected.size > 0 ? t('review_export_selected', [String(scope.length)]) : dossier ? t('review_export_dossier', [String(scope.length)]) : t('review_export_filtered', [String(scope.length)]);
  const run = (kind: ExportKind) => void exportRecords(kind, scope);
  return (
    <div className="bulk row export" data-testid="review-export">
      <strong>{heading}</strong>
      <label>
        {t('review_export_language')}
        <select value={exportLang} data-testid="review-export-lang" onChange={(e) => setReview({ exportLang: e.target.value as 'fr' | 'en' })}>
          <option value="fr">Français</option>
          <option value="en">English</option>
        </select>
      </label>
      <button type="button" data-testid="export-csv" disabled={count === 0} onClick={() => run('csv')}>
        CSV
      </button>
      <button type="button" data-testid="export-json" disabled={count === 0} onClick={() => run('json')}>
        JSON
      </button>
      <button type="button" data-testid="export-html" disabled={count === 0} onClick={() => run('html')}>
        {t('review_export_printable')}
      </button>
      <label className="check">
        <input type="checkbox" data-testid="export-include-not-abusive" checked={include} onChange={(e) => setReview({ includeNotAbusive: e.target.checked })} />
        {t('review_include_not_abusive')}
      </label>
      {!include && notAbusive > 0 && (
        <span className="muted" data-testid="export-excluded">
          {t('review_excluded_not_abusive', [String(notAbusive)])}
        </span>
      )}
    </div>
  );
}
