/** The review log's keys outside IndexedDB: her preferences (device-only) and the write health the background publishes. */
import { createStoredValue } from './persisted';
import { parseReviewPrefs, parseStatus, REVIEW_PREFS_KEY, REVIEW_STATUS_KEY, type EntryInput } from '../review/types';
import { parseEntry } from '../review/messages';

export const reviewPrefs = createStoredValue({ key: REVIEW_PREFS_KEY, area: 'local', parse: parseReviewPrefs });

/** Published by the background, read by the popup and the review page (src/review/status.ts). */
export const reviewStatus = createStoredValue({ key: REVIEW_STATUS_KEY, area: 'session', parse: parseStatus });

/** Entries received but not yet written, kept where they outlive the background worker (writer.ts). */
export const reviewUnsaved = createStoredValue({
  key: 'reviewUnsaved',
  area: 'session',
  parse: (raw: unknown): EntryInput[] => (Array.isArray(raw) ? raw.map(parseEntry).filter((e): e is EntryInput => e !== null) : []),
});
