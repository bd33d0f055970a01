/**
 * Protection settings that stay on THIS device (browser.storage.local, never sync): her own
 * identifiers (names, usernames, street, city, employer, children's names) must never leave it.
 * Stored under the key `protect` through the one persisted-store layer (src/store/persisted.ts).
 *
 *   ownIdentifiers          strings she entered; matched obfuscation-proof by src/protect/doxxing.ts, only
 *                           ever to find her data in others' replies (never to decide a reply is hers)
 *   ownAccounts             her own accounts, (platform, handle): the only way a reply is known to be hers
 *                           (src/store/accounts.ts)
 *   raid                    pile-on thresholds (defaults in src/protect/raid.ts: 10 flagged / 5 accounts / 15 min)
 *   blurDmRequestMedia      blur images/videos in DMs from accounts she does not trust (default on)
 *   blurMediaInLockdown     blur images/videos in every reply of a locked-down thread (default on)
 *   lockdowns               threadKey → epoch ms when she locked it down (until she lifts it)
 *
 * Raid events (evidence) are kept separately under RAID_EVENTS_KEY (see src/protect/events.ts).
 */
import { createPersistedStore, type PersistedState } from '../store/persisted';
import { DEFAULT_RAID_CONFIG, repairRaidConfig, type RaidConfig } from './raid';
import { repairAccounts, type OwnAccount } from '../store/accounts';

export const PROTECT_KEY = 'protect';
export const PROTECT_SCHEMA_VERSION = 1;
export const MAX_IDENTIFIERS = 100;
export const MAX_IDENTIFIER_CHARS = 200;
export const MAX_LOCKDOWNS = 500;

export interface ProtectSettings {
  schemaVersion: number;
  ownIdentifiers: string[];
  ownAccounts: OwnAccount[];
  raid: RaidConfig;
  blurDmRequestMedia: boolean;
  blurMediaInLockdown: boolean;
  lockdowns: Record<string, number>;
}

export const DEFAULT_PROTECT: ProtectSettings = {
  schemaVersion: PROTECT_SCHEMA_VERSION,
  ownIdentifiers: [],
  ownAccounts: [],
  raid: DEFAULT_RAID_CONFIG,
  blurDmRequestMedia: true,
  blurMediaInLockdown: true,
  lockdowns: {},
};

export function migrateProtect(raw: unknown): ProtectSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ids: string[] = [];
  if (Array.isArray(r.ownIdentifiers)) {
    for (const v of r.ownIdentifiers) {
      if (typeof v !== 'string') continue;
      const s = v.trim().slice(0, MAX_IDENTIFIER_CHARS);
      if (s && !ids.some((x) => x.toLowerCase() === s.toLowerCase())) ids.push(s);
      if (ids.length >= MAX_IDENTIFIERS) break;
    }
  }
  const lockdowns: Record<string, number> = {};
  if (typeof r.lockdowns === 'object' && r.lockdowns !== null) {
    for (const [k, v] of Object.entries(r.lockdowns).slice(-MAX_LOCKDOWNS)) {
      if (typeof v === 'number' && Number.isFinite(v) && k.length <= 2048) lockdowns[k] = v;
    }
  }
  return {
    schemaVersion: PROTECT_SCHEMA_VERSION,
    ownIdentifiers: ids,
    ownAccounts: repairAccounts(r.ownAccounts),
    raid: repairRaidConfig(r.raid),
    blurDmRequestMedia: typeof r.blurDmRequestMedia === 'boolean' ? r.blurDmRequestMedia : DEFAULT_PROTECT.blurDmRequestMedia,
    blurMediaInLockdown: typeof r.blurMediaInLockdown === 'boolean' ? r.blurMediaInLockdown : DEFAULT_PROTECT.blurMediaInLockdown,
    lockdowns,
  };
}

const persisted = createPersistedStore<ProtectSettings>({
  key: PROTECT_KEY,
  area: 'local',
  defaults: DEFAULT_PROTECT,
  migrate: migrateProtect,
});

export const protectStore = persisted.store;
export type ProtectState = PersistedState<ProtectSettings>;
export const startProtectSync = (): Promise<void> => persisted.start();
