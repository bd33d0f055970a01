/** The review page's search, filters and sort (pure: the list she sees from the log). */
import type { LogEntry } from '../types';

export type Sort = 'newest' | 'oldest' | 'author' | 'platform';
export interface Filters {
  q: string;
  platform: string;
  category: string;
  author: string;
  from: string;
  to: string;
  lang: string;
  feedback: string;
}
export const NO_FILTERS: Filters = { q: '', platform: '', category: '', author: '', from: '', to: '', lang: '', feedback: '' };

/** Lowercase, accent-free haystack (cheap: no full normalisation for 50,000 records). */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const hayCache = new WeakMap<LogEntry, string>();
function hay(e: LogEntry): string {
  let h = hayCache.get(e);
  if (h === undefined) {
    h = fold(`${e.text}\n${e.author ?? ''}\n${e.displayName ?? ''}`);
    hayCache.set(e, h);
  }
  return h;
}

function feedbackMatches(e: LogEntry, f: string): boolean {
  if (!f) return true;
  if (f === 'none') return !e.feedback && e.source === 'model';
  if (f === 'abusive') return e.source === 'correction';
  if (f === 'kept') return typeof e.pinnedAt === 'number';
  return e.feedback === f;
}

const ORDER: Record<Sort, (a: LogEntry, b: LogEntry) => number> = {
  newest: (a, b) => b.firstSeen - a.firstSeen,
  oldest: (a, b) => a.firstSeen - b.firstSeen,
  author: (a, b) => (a.author ?? '').localeCompare(b.author ?? '') || b.firstSeen - a.firstSeen,
  platform: (a, b) => a.platform.localeCompare(b.platform) || b.firstSeen - a.firstSeen,
};

export function applyFilters(entries: readonly LogEntry[], f: Filters, sort: Sort): LogEntry[] {
  const q = fold(f.q.trim());
  const author = f.author.trim().toLowerCase().replace(/^@/, '');
  const from = f.from ? new Date(`${f.from}T00:00:00`).getTime() : -Infinity;
  const to = f.to ? new Date(`${f.to}T23:59:59.999`).getTime() : Infinity;
  const out = entries.filter(
    (e) =>
      (!f.platform || e.platform === f.platform) &&
      (!f.category || e.labels.includes(f.category)) &&
      (!f.lang || e.lang === f.lang) &&
      (!author || (e.author ?? '').toLowerCase().includes(author)) &&
      e.firstSeen >= from &&
      e.firstSeen <= to &&
      feedbackMatches(e, f.feedback) &&
      (!q || hay(e).includes(q)),
  );
  return out.sort(ORDER[sort]);
}
