/**
 * Everything about one record, in words of her language: where and who, when the platform says it was
 * posted beside when Bouclier first saw it, what it answers and whom it targets, the main reason and
 * every category with its score, what was done, her feedback, whether she keeps it, the screenshot.
 */
import { t } from '@/src/ui/i18n';
import { mainReason } from '../dossier';
import type { LogEntry } from '../types';
import { Screenshot } from './Screenshot';
import { setReview, toggleRevealed, useReview } from './store';
import { fmt, score, words } from './words';

const link = (u: string | null | undefined) => (u && /^https?:\/\//.test(u) ? <a href={u} target="_blank" rel="noreferrer noopener">{u}</a> : '—');
const at = (ms: number) => `${fmt(ms)} (${new Date(ms).toISOString()})`;

export function EntryDetail() {
  const detail = useReview((s): LogEntry | undefined => (s.detailId ? s.entries?.find((e) => e.id === s.detailId) : undefined));
  const revealed = useReview((s) => (detail ? s.revealed.has(detail.id) : false));
  if (!detail) return null;
  const d = detail;
  const reason = mainReason(d);
  const posted = d.postedAt ? Date.parse(d.postedAt) : NaN;
  return (
    <section className="detail" data-testid="review-detail" aria-label={t('review_details')}>
      <h2>{t('review_details')}</h2>
      <dl>
        <dt>{t('export_col_platform')}</dt>
        <dd data-field="platform" data-value={d.platform}>{words.platform(d.platform)}</dd>
        <dt>{t('export_col_author')}</dt>
        <dd data-field="author">{d.author ?? '—'}</dd>
        <dt>{t('export_col_display_name')}</dt>
        <dd data-field="displayName">{d.displayName ?? '—'}</dd>
        <dt>{t('export_col_permalink')}</dt>
        <dd data-field="permalink">{link(d.permalink)}</dd>
        <dt>{t('export_col_thread')}</dt>
        <dd data-field="thread">{d.thread}</dd>
        {Number.isFinite(posted) && (
          <>
            <dt>{t('review_posted_at')}</dt>
            <dd data-field="postedAt" data-iso={d.postedAt}>{at(posted)}</dd>
          </>
        )}
        <dt>{t('export_col_first_seen_local')}</dt>
        <dd data-field="firstSeen" data-ms={d.firstSeen}>{at(d.firstSeen)}</dd>
        {d.parent && (
          <>
            <dt>{t('export_col_parent')}</dt>
            <dd data-field="parent">
              {d.parent.author ? `@${d.parent.author} · ` : ''}
              {link(d.parent.permalink)}
              {d.parent.text ? ` · « ${d.parent.text} »` : ''}
            </dd>
          </>
        )}
        {d.target && (
          <>
            <dt>{t('export_col_target')}</dt>
            <dd data-field="target">@{d.target}</dd>
          </>
        )}
        <dt>{t('review_main_reason')}</dt>
        <dd data-field="reason" data-value={reason ?? ''}>{reason ? words.category(reason) : '—'}</dd>
        <dt>{t('export_col_categories')}</dt>
        <dd data-field="labels" data-labels={d.labels.join(' ')}>{d.labels.map(words.category).join(', ')}</dd>
        <dt>{t('review_scores')}</dt>
        <dd data-field="scores">{Object.entries(d.scores).map(([k, v]) => `${words.category(k)} ${score(v)}`).join(' · ') || '—'}</dd>
        <dt>{t('export_col_kind')}</dt>
        <dd data-field="kind" data-value={d.kind}>{words.kind(d.kind)}</dd>
        <dt>{t('export_col_action')}</dt>
        <dd data-field="action" data-value={d.action}>{words.action(d.action)}</dd>
        <dt>{t('export_col_source')}</dt>
        <dd data-field="source" data-value={d.source}>{words.source(d.source)}</dd>
        <dt>{t('export_col_language')}</dt>
        <dd data-field="lang" data-value={d.lang}>{words.language(d.lang)}</dd>
        <dt>{t('review_seen')}</dt>
        <dd data-field="seen">{t('review_seen_times', [String(d.seenCount), fmt(d.lastSeen)])}</dd>
        {typeof d.pinnedAt === 'number' && (
          <>
            <dt>{t('export_col_kept')}</dt>
            <dd data-field="kept">{fmt(d.pinnedAt)}</dd>
          </>
        )}
        {d.feedback && (
          <>
            <dt>{t('export_col_feedback')}</dt>
            <dd data-field="feedback">
              {words.feedback(d.feedback)}
              {typeof d.feedbackAt === 'number' ? ` · ${fmt(d.feedbackAt)}` : ''}
            </dd>
          </>
        )}
        {d.screenshot && (
          <>
            <dt>{t('review_screenshot')}</dt>
            <dd data-field="screenshot">
              <Screenshot id={d.screenshot} />
            </dd>
          </>
        )}
        <dt>{t('export_col_text')}</dt>
        <dd data-field="text">
          {revealed ? (
            <blockquote className="fulltext">{d.text}</blockquote>
          ) : (
            <button type="button" onClick={() => toggleRevealed(d.id)}>
              {t('review_show_text')}
            </button>
          )}
        </dd>
      </dl>
      <button type="button" onClick={() => setReview({ detailId: null })}>
        {t('review_close')}
      </button>
    </section>
  );
}
