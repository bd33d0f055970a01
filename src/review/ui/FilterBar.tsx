/** Search, filters and sort of the review list. */
import { useMemo } from 'react';
import { t } from '@/src/ui/i18n';
import type { LogEntry } from '../types';
import { NO_FILTERS, type Sort } from './filters';
import { setFilters, setReview, useReview } from './store';
import { words } from './words';

export function FilterBar({ entries }: { entries: readonly LogEntry[] }) {
  const f = useReview((s) => s.filters);
  const sort = useReview((s) => s.sort);
  const platforms = useMemo(() => [...new Set(entries.map((e) => e.platform))].sort(), [entries]);
  const categories = useMemo(() => [...new Set(entries.flatMap((e) => e.labels))].sort(), [entries]);
  return (
    <fieldset className="filters">
      <legend>{t('review_filters')}</legend>
      <label>
        {t('review_search')}
        <input type="search" data-testid="review-search" value={f.q} onChange={(e) => setFilters({ q: e.target.value })} />
      </label>
      <label>
        {t('review_platform')}
        <select data-testid="review-platform" value={f.platform} onChange={(e) => setFilters({ platform: e.target.value })}>
          <option value="">{t('review_all')}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {words.platform(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('review_category')}
        <select data-testid="review-category" value={f.category} onChange={(e) => setFilters({ category: e.target.value })}>
          <option value="">{t('review_all')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {words.category(c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('review_author')}
        <input type="text" data-testid="review-author" value={f.author} onChange={(e) => setFilters({ author: e.target.value })} />
      </label>
      <label>
        {t('review_from')}
        <input type="date" data-testid="review-from" value={f.from} onChange={(e) => setFilters({ from: e.target.value })} />
      </label>
      <label>
        {t('review_to')}
        <input type="date" data-testid="review-to" value={f.to} onChange={(e) => setFilters({ to: e.target.value })} />
      </label>
      <label>
        {t('review_language')}
        <select data-testid="review-lang" value={f.lang} onChange={(e) => setFilters({ lang: e.target.value })}>
          <option value="">{t('review_all')}</option>
          <option value="fr">{t('review_lang_fr')}</option>
          <option value="en">{t('review_lang_en')}</option>
          <option value="und">{t('review_lang_und')}</option>
        </select>
      </label>
      <label>
        {t('review_feedback')}
        <select data-testid="review-feedback" value={f.feedback} onChange={(e) => setFilters({ feedback: e.target.value })}>
          <option value="">{t('review_all')}</option>
          <option value="none">{t('review_feedback_none')}</option>
          <option value="not_abusive">{t('review_feedback_not_abusive')}</option>
          <option value="abusive">{t('review_feedback_marked')}</option>
          <option value="kept">{t('review_badge_kept')}</option>
        </select>
      </label>
      <label>
        {t('review_sort')}
        <select data-testid="review-sort" value={sort} onChange={(e) => setReview({ sort: e.target.value as Sort })}>
          <option value="newest">{t('review_sort_newest')}</option>
          <option value="oldest">{t('review_sort_oldest')}</option>
          <option value="author">{t('review_sort_author')}</option>
          <option value="platform">{t('review_sort_platform')}</option>
        </select>
      </label>
      <button type="button" data-testid="review-clear-filters" onClick={() => setFilters(NO_FILTERS)}>
        {t('review_clear_filters')}
      </button>
    </fieldset>
  );
}
