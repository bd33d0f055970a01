/**
 * Popup part of the protections: a pile-on in progress on this tab, and locking the thread down (or
 * lifting it) before or during one. Asks the tab's content script (src/protect/content.ts).
 */
import { usePolling } from '@/src/ui/usePolling';
import { useCallback, useState } from 'react';
import { t } from '@/src/ui/i18n';
import { askTab, type ProtectStatus } from '@/src/messaging/tab-protocol';

export function ProtectPopup({ tabId }: { tabId: number }) {
  const [status, setStatus] = useState<ProtectStatus | null>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await askTab(tabId, { type: 'protect-status' }));
    } catch {
      setStatus(null);
    }
  }, [tabId]);
  usePolling(refresh);
  if (!status) return null;
  const toggle = async () => {
    await askTab(tabId, { type: 'protect-lockdown', on: !status.locked });
    void refresh();
  };
  return (
    <section data-testid="protect-popup">
      {status.raid && (
        <p className="note warn" role="status">
          {t('protect_banner_raid_text', [String(status.raid.count), String(status.raid.accounts), new Date(status.raid.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })])}
        </p>
      )}
      <button type="button" aria-pressed={status.locked} onClick={() => void toggle()}>
        {status.locked ? t('protect_lift') : t('protect_lockdown')}
      </button>
    </section>
  );
}
