/**
 * The review page's state, one small zustand store: the log as loaded (kept current by logSource.ts,
 * without polling), her corrections and retention, and what she is doing on the page (filters,
 * selection, the dossier open, export choices, the last notice). Components read slices of it;
 * writes to the log go through commands.ts.
 */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import type { Correction } from '../corrections';
import { DEFAULT_REVIEW_PREFS, type LogEntry, type ReviewPrefs } from '../types';
import type { ExportedFile } from './ExportAnchor';
import { NO_FILTERS, type Filters, type Sort } from './filters';

export type View = 'items' | 'accounts';

export interface ReviewState {
  /** null until the first page of the log is read. */
  entries: LogEntry[] | null;
  /** True while only the newest page is loaded. */
  partial: boolean;
  dbError: string | null;
  corrections: Correction[];
  prefs: ReviewPrefs;
  raidCount: number;

  filters: Filters;
  sort: Sort;
  view: View;
  /** The account whose dossier is open (dossier.ts accountKey), or null. */
  dossier: string | null;
  selected: ReadonlySet<string>;
  revealed: ReadonlySet<string>;
  detailId: string | null;
  trustAuthor: boolean;
  exportLang: 'fr' | 'en';
  includeNotAbusive: boolean;
  confirmClear: boolean;
  notice: string | null;
  exported: ExportedFile | null;
}

const uiLang = (): 'fr' | 'en' => (browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en');

export const useReview = create<ReviewState>()(() => ({
  entries: null,
  partial: false,
  dbError: null,
  corrections: [],
  prefs: DEFAULT_REVIEW_PREFS,
  raidCount: 0,
  filters: NO_FILTERS,
  sort: 'newest',
  view: 'items',
  dossier: null,
  selected: new Set(),
  revealed: new Set(),
  detailId: null,
  trustAuthor: false,
  exportLang: uiLang(),
  includeNotAbusive: false,
  confirmClear: false,
  notice: null,
  exported: null,
}));

export const setReview = (patch: Partial<ReviewState>): void => useReview.setState(patch);

export const setFilters = (patch: Partial<Filters>): void => useReview.setState((s) => ({ filters: { ...s.filters, ...patch } }));

const toggled = (set: ReadonlySet<string>, id: string): Set<string> => {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
};
export const toggleSelected = (id: string): void => useReview.setState((s) => ({ selected: toggled(s.selected, id) }));
export const toggleRevealed = (id: string): void => useReview.setState((s) => ({ revealed: toggled(s.revealed, id) }));

/** Records read again from the log replace the ones shown; `gone` ids are no longer in it. */
export function upsertEntries(fresh: LogEntry[], gone: string[] = []): void {
  useReview.setState((s) => {
    if (!s.entries) return {};
    const byId = new Map(fresh.map((e) => [e.id, e]));
    const drop = new Set(gone);
    const kept = s.entries.filter((e) => !drop.has(e.id)).map((e) => byId.get(e.id) ?? e);
    const known = new Set(kept.map((e) => e.id));
    for (const e of fresh) if (!known.has(e.id)) kept.push(e);
    return { entries: kept };
  });
}
