/**
 * Popup: protection on this site, what was hidden here (per main reason), show all, the sensitivity
 * dial with a preview of each level on this page, pause, and straight to Review or Settings. Reads the
 * page's counts and scores from the active tab's content script.
 */
import { usePolling } from '@/src/ui/usePolling';
import { Logo } from '@/src/ui/Logo';
import { useCallback, useState } from 'react';
import { browser } from 'wxt/browser';
import { askTab, parseTabStats, type TabStats } from '@/src/messaging/tab-protocol';
import { t } from '@/src/ui/i18n';
import { ProtectPopup } from './ProtectPopup';
import { useSettings } from '@/src/ui/useSettings';
import { isActiveOn } from '@/src/store/settings';
import { Thresholds } from './Thresholds';
import { ReviewStatusNote } from '@/src/review/ui/StatusNote';
import { HiddenCounts } from './HiddenCounts';
import { SensitivityDial } from './SensitivityDial';
import { EnableSite } from './EnableSite';
import { PopupFooter } from './PopupFooter';
import { usePageScores } from './usePageScores';


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

  const refresh = useCallback(async () => {
    const id = tabId ?? (await targetTabId());
    if (id === undefined) return setUnsupported(true);
    setTabId(id);
    // Validated, though it comes from our own content script: a page from an older version may answer.
    const s = parseTabStats(await askTab(id, { type: 'get-page-stats' }));
    setStats(s);
    setUnsupported(!s);
    if (!s) {
      // No content script here. Not a built-in platform: offer to protect this site (Mastodon instances
      // live on any domain).
      const url = (await browser.tabs.get(id).catch(() => undefined))?.url;
      setSiteOrigin(url?.startsWith('https://') ? new URL(url).origin : null);
    }
  }, [tabId]);

  usePolling(refresh);

  const host = stats?.host ?? '';
  const activeHere = stats ? isActiveOn(settings, host) : false;
  const paused = settings.pausedUntil > Date.now();
  // Items whose main reason is a threat: what their labels on the page warn of.
  const threats = stats?.byReason.threat ?? 0;

  const toggleSite = () => {
    const disabled = settings.disabledSites.includes(host)
      ? settings.disabledSites.filter((h) => h !== host)
      : [...settings.disabledSites, host];
    void update({ disabledSites: disabled });
  };
  const revealAll = async () => {
    if (tabId === undefined) return;
    const next = !revealed;
    await askTab(tabId, { type: 'reveal-all', revealed: next });
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
      {unsupported && siteOrigin && <EnableSite origin={siteOrigin} tabId={tabId} onEnabled={() => void refresh()} />}
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

      {stats && <HiddenCounts stats={stats} />}
      {tabId !== undefined && stats && <ProtectPopup tabId={tabId} />}
      {threats > 0 && (
        <p className="note err" data-testid="threats" role="status">
          {t('popup_threats', String(threats))}{' '}
          <a href={browser.runtime.getURL('/options.html#help' as never)} target="_blank" rel="noreferrer">{t('popup_threats_help')}</a>
        </p>
      )}

      {stats && activeHere && stats.flagged > 0 && (
        <button type="button" onClick={() => void revealAll()}>
          {revealed ? t('popup_hide_all') : t('popup_show_all')}
        </button>
      )}

      <section aria-labelledby="dial-label">
        {tabId !== undefined && stats ? <PageSensitivity tabId={tabId} /> : <SensitivityDial page={null} />}
      </section>

      <PopupFooter />
    </main>
  );
}

/** The dial and the advanced sliders, both counting from this page's scores. */
function PageSensitivity({ tabId }: { tabId: number }) {
  const page = usePageScores(tabId);
  return (
    <>
      <SensitivityDial page={page} />
      {page && <Thresholds page={page} />}
    </>
  );
}
