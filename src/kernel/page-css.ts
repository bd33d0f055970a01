/**
 * Our page stylesheets, in first (at document_start): the shield's rules, and the rules that blank a
 * burst's unread items (rewritten per page, since they name the platform's items). A page removing
 * them must not un-shield anything: they are put back at once.
 */
import { SHIELD_CSS } from '../shield/styles';
import { addShadowCss } from '../shield/shadow-css';

export function installPageCss(): { setBurstCss(css: string): void } {
  const style = document.createElement('style');
  style.id = 'bouclier-style';
  style.textContent = SHIELD_CSS;
  addShadowCss(SHIELD_CSS); // the same rules inside page shadow roots where items are marked
  const burstStyle = document.createElement('style');
  burstStyle.id = 'bouclier-burst-style';
  (document.head ?? document.documentElement).append(style, burstStyle);
  const keep = () => {
    if (style.isConnected && burstStyle.isConnected) return;
    (document.head ?? document.documentElement).append(style, burstStyle);
    watch.observe(style.parentNode!, { childList: true });
  };
  const watch = new MutationObserver(keep);
  watch.observe(style.parentNode!, { childList: true });
  document.addEventListener('DOMContentLoaded', () => {
    // At document_start there may be no <head> yet: move into it once it exists.
    if (document.head && style.parentNode !== document.head) {
      document.head.append(style, burstStyle);
      watch.observe(document.head, { childList: true });
    }
  });
  return {
    setBurstCss(css) {
      // Each write restyles the page: only when it changes (SPA navigation to another platform's page).
      if (burstStyle.textContent !== css) burstStyle.textContent = css;
    },
  };
}
