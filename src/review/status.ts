/** Where the background publishes the log's write health (see writer.ts), and how pages read it. */
import { browser } from 'wxt/browser';
import { REVIEW_STATUS_KEY, type ReviewStatus } from './types';

type Area = typeof browser.storage.local;

/** storage.session (memory, trusted contexts only) where available, else storage.local. */
export function sessionArea(): Area {
  const s = (browser.storage as unknown as { session?: Area }).session;
  return s ?? browser.storage.local;
}

export function parseStatus(raw: unknown): ReviewStatus | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  return {
    error: typeof s.error === 'string' ? s.error : null,
    unsaved: typeof s.unsaved === 'number' ? s.unsaved : 0,
    dropped: typeof s.dropped === 'number' ? s.dropped : 0,
    at: typeof s.at === 'number' ? s.at : 0,
  };
}

/** Current status and its changes; returns an unsubscribe function. */
export function watchStatus(cb: (s: ReviewStatus | null) => void): () => void {
  const area = sessionArea();
  void area.get(REVIEW_STATUS_KEY).then((v) => cb(parseStatus(v[REVIEW_STATUS_KEY])), () => cb(null));
  const onChange = (changes: Record<string, { newValue?: unknown }>) => {
    if (changes[REVIEW_STATUS_KEY]) cb(parseStatus(changes[REVIEW_STATUS_KEY].newValue));
  };
  area.onChanged.addListener(onChange);
  return () => area.onChanged.removeListener(onChange);
}
