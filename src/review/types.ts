/**
 * The review log's record and the messages that carry it. One record per flagged item, kept on the
 * device in the extension origin's IndexedDB (see log.ts); content scripts never touch that
 * database (a page-origin database would be readable by the page), they send entries to the
 * background, which validates and writes them in batches.
 */
import type { Lang } from './lang';

export type EntrySource = 'model' | 'correction';
/** What she said about an entry on the review page ('abusive' = she marked a missed item herself). */
export type Feedback = 'not_abusive' | 'abusive' | null;

/** The post an item answers, when the adapter knows it (evidence of context). */
export interface ParentPost {
  permalink: string | null;
  author: string | null;
  /** Its text as shown (cut to LIMITS.maxParentText). */
  text: string | null;
}

/** What the content script sends for one flagged item. */
export interface EntryInput {
  platform: string;
  kind: 'comment' | 'dm';
  pageUrl: string;
  /** The conversation it belongs to: the page URL without fragment (or the post permalink). */
  thread: string;
  permalink: string | null;
  author: string | null;
  displayName: string | null;
  text: string;
  labels: string[];
  scores: Record<string, number>;
  /** What the shield did: blur / collapse / remove. */
  action: string;
  source: EntrySource;
  /** Epoch ms when this tab first saw it flagged. */
  seenAt: number;
  // Evidence the page may show; absent when the adapter cannot read it.
  /** When the platform says it was posted (its own `<time datetime>`), ISO 8601 UTC. */
  postedAt?: string | null;
  /** The post it replies to. */
  parent?: ParentPost | null;
  /** The account it is aimed at (the handle it replies to or names), without "@". */
  target?: string | null;
  /** A screenshot of it in context: SHA-256 (hex) of the image, its key in the log's screenshot store. */
  screenshot?: string | null;
}

export interface LogEntry extends EntryInput {
  /** Dedup key (see entryId). */
  id: string;
  lang: Lang;
  firstSeen: number;
  lastSeen: number;
  seenCount: number;
  feedback: Feedback;
  /** When she gave that feedback (epoch ms); absent on records from before it was kept. */
  feedbackAt?: number | null;
  /**
   * Kept as evidence (pinned): epoch ms when she pinned it. A pinned record is never deleted by the
   * retention period nor by "delete" until she unpins it (only "erase everything Bouclier keeps" removes it).
   */
  pinnedAt?: number | null;
}

export const isPinned = (e: Pick<LogEntry, 'pinnedAt'>): boolean => typeof e.pinnedAt === 'number';

export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ScreenshotType = (typeof SCREENSHOT_TYPES)[number];

/** A capture of an item in context, stored in the log's "screenshots" store (screenshots.ts). */
export interface StoredScreenshot {
  /** hex SHA-256 of `bytes`. */
  id: string;
  mime: ScreenshotType;
  bytes: Uint8Array;
  width: number | null;
  height: number | null;
  capturedAt: number;
}

/** A screenshot's id: the hex SHA-256 of its image bytes (screenshots.ts). */
export const isScreenshotId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

export const LIMITS = {
  maxEntriesPerMessage: 200,
  maxText: 20_000,
  maxUrl: 2_048,
  maxHandle: 200,
  maxLabels: 10,
  maxLabelLen: 40,
  maxParentText: 2_000,
  /** A screenshot larger than this is refused (a cropped capture of one item is far smaller). */
  maxScreenshotBytes: 4 * 1024 * 1024,
} as const;

export const RETENTION_CHOICES = [30, 90, 365, 0] as const; // 0 = forever
export type RetentionDays = (typeof RETENTION_CHOICES)[number];

/** Review preferences in browser.storage.local (device-only, unlike settings). */
export const REVIEW_PREFS_KEY = 'reviewPrefs';
export interface ReviewPrefs {
  retentionDays: RetentionDays;
  /** Epoch ms of the last pruning pass. */
  lastPrunedAt: number;
}
export const DEFAULT_REVIEW_PREFS: ReviewPrefs = { retentionDays: 365, lastPrunedAt: 0 };

export const DAY_MS = 86_400_000;

/**
 * Retention cutoff (epoch ms): what was first recorded before it is deleted, log records (firstSeen)
 * and pile-on records (detectedAt) alike. null = keep forever.
 */
export function retentionCutoff(days: number, now = Date.now()): number | null {
  return days > 0 ? now - days * DAY_MS : null;
}

/** Write health in browser.storage.session (falls back to local): shown by the popup and the review page. */
export const REVIEW_STATUS_KEY = 'reviewStatus';
export interface ReviewStatus {
  /** Last write error, null when the last write succeeded. */
  error: string | null;
  /** Entries received but not yet written to the log (kept in memory and in storage.session). */
  unsaved: number;
  /** Entries that could not even be kept in memory (buffer full while storage kept failing). */
  dropped: number;
  at: number;
}

/** The status as stored, or null when none is (never published, or erased). */
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

export function parseReviewPrefs(raw: unknown): ReviewPrefs {
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const r = p.retentionDays;
  return {
    retentionDays: (RETENTION_CHOICES as readonly unknown[]).includes(r) ? (r as RetentionDays) : DEFAULT_REVIEW_PREFS.retentionDays,
    lastPrunedAt: typeof p.lastPrunedAt === 'number' && Number.isFinite(p.lastPrunedAt) ? p.lastPrunedAt : 0,
  };
}
