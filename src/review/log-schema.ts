/** The review log's database: its name, version and stores (opened in log.ts). */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { LogEntry, StoredScreenshot } from './types';

export const DB_NAME = 'bouclier-review';
export const DB_VERSION = 2;

export interface ReviewDB extends DBSchema {
  entries: { key: string; value: LogEntry; indexes: { firstSeen: number; screenshot: string } };
  screenshots: { key: string; value: StoredScreenshot };
}
export type LogDB = IDBPDatabase<ReviewDB>;
