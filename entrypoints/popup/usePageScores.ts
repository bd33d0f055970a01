import { askTab } from '@/src/messaging/tab-protocol';
import { useCallback, useState } from 'react';
import { usePolling } from '@/src/ui/usePolling';
import { parsePageScores, type PageScores } from '@/src/ui/page-counts';

/**
 * The scores of the items judged on the popup's tab (no text, no author), followed every 2 s as the
 * page loads more: what the sensitivity preview and the advanced sliders count from.
 */
export function usePageScores(tabId: number): PageScores | null {
  const [page, setPage] = useState<PageScores | null>(null);
  const refresh = useCallback(async () => {
    const raw: unknown = await askTab(tabId, { type: 'get-page-scores' });
    setPage(parsePageScores(raw));
  }, [tabId]);
  usePolling(refresh, 2000);
  return page;
}
