/** One row of the review list: when, where, who, the main reason, badges, the shielded text, actions. */
import { t } from '@/src/ui/i18n';
import { mainReason } from '../dossier';
import { isPinned, type LogEntry } from '../types';
import { keep, markNotAbusive, undo } from './commands';
import { setReview, toggleRevealed, toggleSelected, useReview } from './store';
import { fmt, words } from './words';

export const ROW_HEIGHT = 96;

export function EntryRow({ entry: e, top }: { entry: LogEntry; top: number }) {
  const selected = useReview((s) => s.selected.has(e.id));
  const revealed = useReview((s) => s.revealed.has(e.id));
  const pinned = isPinned(e);
  const reason = mainReason(e);
  const corrected = e.feedback === 'not_abusive' || e.source === 'correction';
  return (
    <div
      role="listitem"
      className={`vrow${e.labels.includes('threat') ? ' threat' : ''}${e.feedback === 'not_abusive' ? ' allowed' : ''}${pinned ? ' kept' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      data-testid="review-row"
      data-id={e.id}
      data-permalink={e.permalink ?? ''}
      data-feedback={e.feedback ?? ''}
      data-source={e.source}
      data-pinned={pinned}
    >
      <div className="meta">
        <input type="checkbox" aria-label={t('review_select_one')} checked={selected} onChange={() => toggleSelected(e.id)} />
        <time dateTime={new Date(e.firstSeen).toISOString()}>{fmt(e.firstSeen)}</time>
        <span className="platform">{words.platform(e.platform)}</span>
        <span className="author">{e.author ? `@${e.author}` : '—'}</span>
        <span className="cats" data-reason={reason ?? ''}>
          {reason ? words.category(reason) : '—'}
        </span>
        <span className="lang">{words.language(e.lang)}</span>
        {pinned && <span className="badge kept">{t('review_badge_kept')}</span>}
        {e.source === 'correction' && <span className="badge">{t('review_badge_marked')}</span>}
        {e.feedback === 'not_abusive' && <span className="badge ok">{t('review_badge_not_abusive')}</span>}
      </div>
      <div className="text" data-revealed={revealed}>
        {revealed ? e.text : t('review_hidden_text', [String(e.text.length)])}
      </div>
      <div className="actions">
        <button type="button" data-action="reveal" aria-expanded={revealed} onClick={() => toggleRevealed(e.id)}>
          {revealed ? t('shield_hide_again') : t('shield_show')}
        </button>
        <button type="button" data-action="details" onClick={() => setReview({ detailId: e.id })}>
          {t('review_details')}
        </button>
        {corrected ? (
          <button type="button" data-action="undo" onClick={() => void undo([e])}>
            {t('review_undo')}
          </button>
        ) : (
          <button type="button" data-action="not-abusive" onClick={() => void markNotAbusive([e])}>
            {t('review_not_abusive')}
          </button>
        )}
        <button type="button" data-action={pinned ? 'unkeep' : 'keep'} aria-pressed={pinned} onClick={() => void keep([e], !pinned)}>
          {pinned ? t('review_unkeep') : t('review_keep')}
        </button>
      </div>
    </div>
  );
}
