import { t } from '@/src/ui/i18n';

/**
 * Which way hides more, under a dial or a slider. The arrow is drawn for the eye only; a screen reader
 * hears the two ends in order.
 */
export function HidesScale({ id, from }: { id?: string; from: 'less' | 'more' }) {
  const [left, right] = from === 'less' ? ['popup_hides_less', 'popup_hides_more'] : ['popup_hides_more', 'popup_hides_less'];
  return (
    <p className="scale" id={id} data-testid={`scale-from-${from}`}>
      <span>{t(left)}</span>
      <span aria-hidden="true" className="arrow">←→</span>
      <span>{t(right)}</span>
    </p>
  );
}
