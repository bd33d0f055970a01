/**
 * Items without a verdict yet, and the model being down: whether pending items are withheld (strict
 * mode, or the model is down and she asked for it), the burst withholding, and the notice she gets when
 * the model stays unavailable (only her own rules apply then).
 */
import { browser } from 'wxt/browser';
import type { TrackedItem } from '../scanner/item';
import { setGuarded, written } from '../shield/guard';
import { markPending, markUnchecked } from '../shield/render';
import { hideNotice, showNotice } from '../shield/notice';
import { unreadItemsCss } from '../shield/styles';
import { isActiveOn, settingsStore } from '../store/settings';

/** Brief hiccups (host restarting) are retried silently; a failure lasting this long is announced. */
const DOWN_NOTICE_AFTER_MS = 3000;

export interface WithholdingHooks {
  host: string;
  items(): TrackedItem[];
  bursting(): boolean;
  itemSelectors(): string[];
  setBurstCss(css: string): void;
  /** The model went down or came back: the page's stats changed. */
  changed(): void;
}

export function createWithholding(hooks: WithholdingHooks) {
  let modelDown = false;
  let settingsLoaded = false;
  let withholding = false;
  let noticeTimer: ReturnType<typeof setTimeout> | null = null;
  const settings = () => settingsStore.getState().value;
  const active = () => isActiveOn(settings(), hooks.host);

  // A burst of comments (see BURST_WAITING) is withheld until its verdicts, from the first one: not on a
  // site she turned off (known once her settings are loaded), nor with the model down (her model-down
  // setting decides then).
  function syncBurst(): void {
    const on = hooks.bursting() && !modelDown && (!settingsLoaded || active());
    if (on) hooks.setBurstCss(unreadItemsCss(hooks.itemSelectors()));
    // Guarded: a page script removing it must not make a withheld burst readable.
    setGuarded(document.documentElement, 'data-bouclier-burst', on ? '' : null);
  }

  /** An item without a verdict: pending, or for good when the model could not check it (item.unchecked). */
  function markWaiting(item: TrackedItem): void {
    if (!item.unchecked) return markPending(item, withholding);
    // Not checked is what she is told while the model is down: the same setting keeps it blurred.
    markUnchecked(item, withholding || (settings().withholdWhenModelDown && active()));
  }

  function sync(): void {
    const s = settings();
    const withhold = (s.withholdUntilVerdict || (modelDown && s.withholdWhenModelDown)) && active();
    setGuarded(document.documentElement, 'data-bouclier-withhold', withhold ? '' : null);
    syncBurst();
    if (withhold === withholding) return;
    withholding = withhold;
    // Items already waiting get (or lose) their withholding mark now.
    for (const item of hooks.items()) if (written(item.el, 'data-bouclier') === 'pending') markWaiting(item);
  }

  function announceDown(): void {
    const s = settings();
    if (!modelDown || !active()) return;
    if (s.withholdWhenModelDown) return showNotice('notice_model_down_withholding');
    showNotice('notice_model_down', {
      label: browser.i18n.getMessage('notice_withhold_action'),
      run: () => {
        void settingsStore.getState().update({ withholdWhenModelDown: true });
        showNotice('notice_model_down_withholding');
      },
    });
  }

  return {
    syncBurst,
    sync,
    markWaiting,
    withholding: (): boolean => withholding,
    settingsLoaded(): void {
      settingsLoaded = true;
    },
    modelDown(): void {
      if (modelDown) return;
      modelDown = true;
      sync();
      hooks.changed();
      noticeTimer = setTimeout(announceDown, DOWN_NOTICE_AFTER_MS);
    },
    modelBack(): void {
      modelDown = false;
      if (noticeTimer) clearTimeout(noticeTimer);
      hideNotice();
      sync();
      hooks.changed();
    },
  };
}
