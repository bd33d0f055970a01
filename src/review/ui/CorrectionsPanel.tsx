/** Her corrections (newest first), each undoable: the filter decides again in every open tab. */
import { t } from '@/src/ui/i18n';
import { removeCorrections } from '../corrections';
import { useReview } from './store';

export function CorrectionsPanel() {
  const corrections = useReview((s) => s.corrections);
  return (
    <section className="corrections">
      <h2>{t('review_corrections_title', [String(corrections.length)])}</h2>
      <p className="muted">{t('review_corrections_intro')}</p>
      <ul className="entries" data-testid="review-corrections">
        {corrections
          .slice(-100)
          .reverse()
          .map((c) => (
            <li key={c.id} data-verdict={c.verdict}>
              <span className="badge">{c.verdict === 'allow' ? t('review_badge_not_abusive') : t('review_badge_marked')}</span>
              <span className="value">{c.trustAuthor && c.author ? t('review_trusted_author', [`@${c.author}`, c.platform]) : c.text.slice(0, 140)}</span>
              <button type="button" onClick={() => void removeCorrections([c.id])}>
                {t('review_undo')}
              </button>
            </li>
          ))}
      </ul>
    </section>
  );
}
