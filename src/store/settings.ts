/**
 * User settings: small, so kept in browser.storage.sync (they follow her across devices), through
 * the one persisted-store layer (src/store/persisted.ts). Schema-versioned: `migrateSettings` upgrades anything older and repairs
 * anything malformed field by field, so a bad value never resets everything else.
 */
import { createPersistedStore, type PersistedState } from './persisted';
import { LEVELS, type Level } from '../classifier/labels';
import { MODEL_CATEGORIES, CATEGORIES, ACTIONS, type Category, type ModelCategory, type ShieldAction } from '../verdict/categories';

export const SETTINGS_SCHEMA_VERSION = 1;
export const SETTINGS_KEY = 'settings';

export interface Settings {
  schemaVersion: number;
  /** Master switch. */
  enabled: boolean;
  /** Sensitivity dial; maps to calibrated per-label thresholds. */
  level: Level;
  /** Strict: withhold (blur) every new item until its verdict arrives. */
  withholdUntilVerdict: boolean;
  /** When the model is unavailable, keep replies from accounts she does not trust blurred until it is back. */
  withholdWhenModelDown: boolean;
  actions: Record<Category, ShieldAction>;
  /** Advanced: per-category threshold replacing the level's calibrated one (0..1), when set. */
  thresholdOverrides: Partial<Record<ModelCategory, number>>;
  /** Hostnames where she turned Bouclier off. */
  disabledSites: string[];
  /** Epoch ms until which protection is paused, or 0. */
  pausedUntil: number;
}

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  enabled: true,
  level: 'balanced',
  withholdUntilVerdict: false,
  withholdWhenModelDown: false,
  actions: { misogyny: 'blur', insult: 'blur', threat: 'blur', sexual: 'blur', identity_attack: 'blur', muted: 'blur', doxxing: 'blur' },
  thresholdOverrides: {},
  disabledSites: [],
  pausedUntil: 0,
};

/** Upgrade/repair stored settings. Unknown or malformed fields fall back to defaults one by one. */
export function migrateSettings(raw: unknown): Settings {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const actions = { ...DEFAULT_SETTINGS.actions };
  if (typeof s.actions === 'object' && s.actions !== null) {
    for (const c of CATEGORIES) {
      const a = (s.actions as Record<string, unknown>)[c];
      if (typeof a === 'string' && (ACTIONS as readonly string[]).includes(a)) actions[c] = a as ShieldAction;
    }
  }
  const thresholdOverrides: Partial<Record<ModelCategory, number>> = {};
  if (typeof s.thresholdOverrides === 'object' && s.thresholdOverrides !== null) {
    for (const c of MODEL_CATEGORIES) {
      const v = (s.thresholdOverrides as Record<string, unknown>)[c];
      if (typeof v === 'number' && v >= 0 && v <= 1) thresholdOverrides[c] = v;
    }
  }
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    thresholdOverrides,
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    level: typeof s.level === 'string' && (LEVELS as readonly string[]).includes(s.level) ? (s.level as Level) : DEFAULT_SETTINGS.level,
    withholdUntilVerdict: typeof s.withholdUntilVerdict === 'boolean' ? s.withholdUntilVerdict : DEFAULT_SETTINGS.withholdUntilVerdict,
    withholdWhenModelDown:
      typeof s.withholdWhenModelDown === 'boolean' ? s.withholdWhenModelDown : DEFAULT_SETTINGS.withholdWhenModelDown,
    actions,
    disabledSites: Array.isArray(s.disabledSites) ? s.disabledSites.filter((h): h is string => typeof h === 'string') : [],
    pausedUntil: typeof s.pausedUntil === 'number' && Number.isFinite(s.pausedUntil) ? s.pausedUntil : 0,
  };
}

/** Is protection active on this host right now? */
export function isActiveOn(settings: Settings, host: string, now = Date.now()): boolean {
  return settings.enabled && settings.pausedUntil <= now && !settings.disabledSites.includes(host);
}

const persisted = createPersistedStore<Settings>({
  key: SETTINGS_KEY,
  area: 'sync',
  defaults: DEFAULT_SETTINGS,
  migrate: migrateSettings,
});

/** Settings store: `getState().value` is the current Settings; `update(patch)` persists. */
export const settingsStore = persisted.store;
export type SettingsState = PersistedState<Settings>;

/** Load once and follow changes made elsewhere (other tabs, popup, options). Idempotent. */
export const startSettingsSync = (): Promise<void> => persisted.start();
