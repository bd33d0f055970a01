/**
 * Popup: protection on this site, what was hidden here by category, show all, sensitivity dial,
 * pause, link to settings/review. Reads page counts straight from the active tab's content script.
 */
import { usePolling } from '@/src/ui/usePolling';
import { Logo } from '@/src/ui/Logo';
import { useCallback, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { ProtectPopup } from './ProtectPopup';
import { useSettings } from '@/src/ui/useSettings';
import { isActiveOn } from '@/src/store/settings';
import { LEVELS } from '@/src/classifier/labels';
import type { PageStats } from '@/src/messaging/messages';
import { Thresholds } from './Thresholds';
import { ReviewStatusNote } from '@/src/review/ui/StatusNote';

type TabStats = PageStats & { hostError: string | null };

/** The tab this popup is about: the active tab, or ?tab=ID when opened as a page (tests, demo). */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (fromQuery) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function Popup() {
  const settings = useSettings((s) => s.value);
  const update = useSettings((s) => s.update);
  const [tabId, setTabId] = useState<number>();
  const [stats, setStats] = useState<TabStats | null>(null);
  const [unsupported, setUnsupported] = useState(false);
  const [revealed, setRevealed] = useState(false);
  const [siteOrigin, setSiteOrigin] = useState<string | null>(null);
  const [enableError, setEnableError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const id = tabId ?? (await targetTabId());
    if (id === undefined) return setUnsupported(true);
    setTabId(id);
    try {
      const s = (await browser.tabs.sendMessage(id, { type: 'get-page-stats' })) as TabStats | undefined;
      if (s) {
        setStats(s);
        setUnsupported(false);
      } else setUnsupported(true);
    } catch {
      setUnsupported(true);
      // Not a built-in platform: offer to protect this site (Mastodon instances live on any domain).
      const url = (await browser.tabs.get(id).catch(() => undefined))?.url;
      setSiteOrigin(url?.startsWith('https://') ? new URL(url).origin : null);
    }
  }, [tabId]);

  usePolling(refresh);

  const host = stats?.host ?? '';
  const activeHere = stats ? isActiveOn(settings, host) : false;
  const paused = settings.pausedUntil > Date.now();

  const toggleSite = () => {
    const disabled = settings.disabledSites.includes(host)
      ? settings.disabledSites.filter((h) => h !== host)
      : [...settings.disabledSites, host];
    void update({ disabledSites: disabled });
  };
  const revealAll = async () => {
    if (tabId === undefined) return;
    const next = !revealed;
    await browser.tabs.sendMessage(tabId, { type: 'reveal-all', revealed: next });
    setRevealed(next);
  };

  return (
    <main>
      <header>
        <h1><Logo />{t('popup_title')}</h1>
        {stats && (
          <label className="switch">
            <input type="checkbox" checked={!settings.disabledSites.includes(host)} onChange={toggleSite} />
            {t('popup_on_site')}
          </label>
        )}
      </header>

      {unsupported && <p className="muted">{t('popup_not_supported')}</p>}
      {unsupported && siteOrigin && (
        <div>
          <button
            type="button"
            className="primary"
            onClick={async () => {
              // The permission prompt needs this click (a user gesture); one origin, never all sites.
              const granted = await browser.permissions.request({ origins: [`${siteOrigin}/*`] });
              if (!granted) return;
              const res = (await browser.runtime.sendMessage({ type: 'enable-site', origin: siteOrigin, tabId })) as { ok: boolean; error?: string };
              setEnableError(res.ok ? null : (res.error ?? 'error'));
              void refresh();
            }}
          >
            {t('popup_enable_site', new URL(siteOrigin).host)}
          </button>
          <p className="muted">{t('popup_enable_site_help')}</p>
          {enableError && <p className="note err" role="alert">{enableError}</p>}
        </div>
      )}
      {stats?.hostError && (
        <p className="note err" role="alert">
          {t('popup_host_error', stats.hostError)} {t('popup_fallback_active')}
        </p>
      )}
      <ReviewStatusNote />
      {stats?.degraded && <p className="note warn" role="status">{t('popup_degraded')}</p>}
      {paused && (
        <p className="note warn">{t('popup_paused_until', new Date(settings.pausedUntil).toLocaleTimeString())}</p>
      )}

      {stats && (
        <section aria-live="polite">
          <p className="muted">{t('popup_scanned', String(stats.scanned))}</p>
          {stats.flagged === 0 ? (
            <p>{t('popup_none_hidden')}</p>
          ) : (
            <>
              <p><strong>{t('popup_hidden', String(stats.flagged))}</strong></p>
              <ul className="counts" data-testid="counts">
                {Object.entries(stats.byLabel).map(([label, n]) => (
                  <li key={label} data-label={label}>
                    <span>{t(`category_${label}`)}</span>
                    <strong>{n}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {tabId !== undefined && stats && <ProtectPopup tabId={tabId} />}
      {(stats?.byReason.threat ?? 0) > 0 && <p className="note err" data-testid="threats" role="status">{t('popup_threats', String(stats?.byReason.threat))} <a href={browser.runtime.getURL('/options.html#help' as never)} target="_blank" rel="noreferrer">{t('popup_threats_help')}</a></p>}

      {stats && activeHere && stats.flagged > 0 && (
        <button type="button" onClick={() => void revealAll()}>
          {revealed ? t('popup_hide_all') : t('popup_show_all')}
        </button>
      )}

      <section>
        <h2 id="dial-label">{t('popup_sensitivity')}</h2>
        <div className="dial" role="group" aria-labelledby="dial-label">
          {LEVELS.map((level) => (
            <button key={level} type="button" aria-pressed={settings.level === level} onClick={() => void update({ level })}>
              {t(`level_${level}`)}
            </button>
          ))}
        </div>
        {tabId !== undefined && stats && <Thresholds tabId={tabId} />}
      </section>

      <div className="row">
        <button type="button" onClick={() => void update({ pausedUntil: paused ? 0 : Date.now() + 3_600_000 })}>
          {paused ? t('popup_resume') : t('popup_pause')}
        </button>
        <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_settings')}
        </button>
      </div>
    </main>
  );
}
