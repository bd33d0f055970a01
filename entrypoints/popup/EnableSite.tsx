/**
 * On a site that is not a built-in platform (a Mastodon instance lives on any domain): protect it, on
 * her click only. The permission asked covers this one origin, never all sites.
 */
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { askBackground } from '@/src/messaging/background-protocol';

export function EnableSite({ origin, tabId, onEnabled }: { origin: string; tabId: number | undefined; onEnabled: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const enable = async () => {
    // The permission prompt needs this click (a user gesture).
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) return;
    const res = await askBackground({ type: 'enable-site', origin, tabId });
    setError(res?.ok ? null : (res?.error ?? 'error'));
    onEnabled();
  };
  return (
    <div>
      <button type="button" className="primary" onClick={() => void enable()}>
        {t('popup_enable_site', new URL(origin).host)}
      </button>
      <p className="muted">{t('popup_enable_site_help')}</p>
      {error && (
        <p className="note err" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
