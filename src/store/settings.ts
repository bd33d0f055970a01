/**
 * User settings: one zustand store persisted in browser.storage.sync (small, follows her across
 * devices) and kept live across the popup, the options page and every open tab through
 * storage.onChanged. Schema-versioned: `migrateSettings` upgrades anything older and repairs
 * anything malformed field by field, so a bad value never resets everything else.
 */
import { createStore } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import { LEVELS, type Level } from '../classifier/labels';

export const SETTINGS_SCHEMA_VERSION = 1;
export const SETTINGS_KEY = 'settings';

/** Categories the shield acts on (toxic = general rudeness is scored but not a category). */
export const CATEGORIES = ['misogyny', 'insult', 'threat', 'sexual', 'identity_attack'] as const;
export type Category = (typeof CATEGORIES)[number];
export const ACTIONS = ['blur', 'collapse', 'remove', 'off'] as const;
export type ShieldAction = (typeof ACTIONS)[number];

export interface Settings {
  schemaVersion: number;
  /** Master switch. */
  enabled: boolean;
  /** Sensitivity dial; maps to calibrated per-label thresholds. */
  level: Level;
  /** Strict: withhold (blur) every new item until its verdict arrives. */
  withholdUntilVerdict: boolean;
  actions: Record<Category, ShieldAction>;
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
  actions: { misogyny: 'blur', insult: 'blur', threat: 'blur', sexual: 'blur', identity_attack: 'blur' },
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
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    level: typeof s.level === 'string' && (LEVELS as readonly string[]).includes(s.level) ? (s.level as Level) : DEFAULT_SETTINGS.level,
    withholdUntilVerdict: typeof s.withholdUntilVerdict === 'boolean' ? s.withholdUntilVerdict : DEFAULT_SETTINGS.withholdUntilVerdict,
    actions,
    disabledSites: Array.isArray(s.disabledSites) ? s.disabledSites.filter((h): h is string => typeof h === 'string') : [],
    pausedUntil: typeof s.pausedUntil === 'number' && Number.isFinite(s.pausedUntil) ? s.pausedUntil : 0,
  };
}

/** Is protection active on this host right now? */
export function isActiveOn(settings: Settings, host: string, now = Date.now()): boolean {
  return settings.enabled && settings.pausedUntil <= now && !settings.disabledSites.includes(host);
}

export interface SettingsState {
  settings: Settings;
  loaded: boolean;
  /** Last storage error shown to the user (e.g. quota exceeded); the change is kept in memory. */
  error: string | null;
  update(patch: Partial<Settings>): Promise<void>;
}

export const settingsStore = createStore<SettingsState>()((set, get) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  error: null,
  async update(patch) {
    const next = migrateSettings({ ...get().settings, ...patch });
    set({ settings: next });
    try {
      await browser.storage.sync.set({ [SETTINGS_KEY]: next });
      set({ error: null });
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
}));

let started = false;
/** Load once and follow changes made elsewhere (other tabs, popup, options). Idempotent. */
export async function startSettingsSync(): Promise<void> {
  if (started) return;
  started = true;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && changes[SETTINGS_KEY]) {
      settingsStore.setState({ settings: migrateSettings(changes[SETTINGS_KEY].newValue), loaded: true });
    }
  });
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  settingsStore.setState({ settings: migrateSettings(stored[SETTINGS_KEY]), loaded: true });
}
