/** Pause for an hour, and the two places she goes from the popup: the review of what was hidden, and the settings. */
import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/useSettings';

/** The review is a section of the options page (options.html#review): opened in a tab of its own. */
export function openReview(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/options.html#review' as never) });
}

export function PopupFooter() {
  const pausedUntil = useSettings((s) => s.value.pausedUntil);
  const update = useSettings((s) => s.update);
  const paused = pausedUntil > Date.now();
  return (
    <div className="footer">
      <button type="button" onClick={() => void update({ pausedUntil: paused ? 0 : Date.now() + 3_600_000 })}>
        {paused ? t('popup_resume') : t('popup_pause')}
      </button>
      <div className="go">
        <button type="button" className="primary" data-testid="open-review" onClick={openReview}>
          {t('popup_review')}
        </button>
        <button type="button" className="primary" data-testid="open-settings" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_settings')}
        </button>
      </div>
    </div>
  );
}
