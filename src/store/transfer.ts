/**
 * Import/export of all her settings, lists and own accounts as one versioned JSON file. An import is
 * validated completely before anything is written: a malformed, foreign or newer file gives a clear
 * message and changes nothing. Her private identifiers are not in it (they stay on the device).
 */
import { migrateSettings, SETTINGS_SCHEMA_VERSION, type Settings } from './settings';
import { LIST_KINDS, migrateLists, type Lists } from './lists';
import { repairAccounts, type OwnAccount } from './accounts';

export const EXPORT_FORMAT = 'bouclier-settings';
export const EXPORT_VERSION = 1;
const MAX_IMPORT_BYTES = 5_000_000;

export interface SettingsFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  settings: Settings;
  lists: Lists;
  /** Her own accounts (absent from files written before they existed). */
  accounts?: OwnAccount[];
}

export function exportSettings(settings: Settings, lists: Lists, accounts: readonly OwnAccount[] = [], now = new Date()): string {
  const file: SettingsFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    settings,
    lists,
    accounts: [...accounts],
  };
  return JSON.stringify(file, null, 2);
}

/** Why an import was refused; `key` is an i18n message key, `detail` a technical detail. */
export class ImportError extends Error {
  constructor(
    readonly key: 'import_not_json' | 'import_foreign' | 'import_newer' | 'import_invalid' | 'import_too_big',
    readonly detail = '',
  ) {
    super(`${key}${detail ? `: ${detail}` : ''}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parse and validate a settings file. Throws ImportError; returns repaired values on success. `accounts`
 * is null when the file has none (an older file): her current accounts are then kept, not emptied.
 */
export function parseSettingsFile(text: string): { settings: Settings; lists: Lists; accounts: OwnAccount[] | null } {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError('import_too_big');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ImportError('import_not_json', e instanceof Error ? e.message : '');
  }
  if (!isObject(raw) || raw.format !== EXPORT_FORMAT) throw new ImportError('import_foreign');
  if (typeof raw.version !== 'number' || raw.version > EXPORT_VERSION) throw new ImportError('import_newer', String(raw.version));
  if (!isObject(raw.settings) || !isObject(raw.lists)) throw new ImportError('import_invalid', 'settings and lists must be objects');
  const s = raw.settings;
  if (typeof s.schemaVersion === 'number' && s.schemaVersion > SETTINGS_SCHEMA_VERSION) throw new ImportError('import_newer', 'settings');
  // Present fields must have the right type: a wrong type means a damaged or hand-edited file.
  const checks: [string, (v: unknown) => boolean][] = [
    ['enabled', (v) => typeof v === 'boolean'],
    ['level', (v) => typeof v === 'string'],
    ['withholdUntilVerdict', (v) => typeof v === 'boolean'],
    ['withholdWhenModelDown', (v) => typeof v === 'boolean'],
    ['actions', isObject],
    ['disabledSites', Array.isArray],
    ['pausedUntil', (v) => typeof v === 'number'],
    ['thresholdOverrides', isObject],
  ];
  for (const [field, ok] of checks) {
    if (field in s && !ok(s[field])) throw new ImportError('import_invalid', `settings.${field}`);
  }
  const settings = migrateSettings(s);
  if ('level' in s && settings.level !== s.level) throw new ImportError('import_invalid', 'settings.level');
  for (const kind of LIST_KINDS) {
    if (kind in raw.lists && !Array.isArray(raw.lists[kind])) throw new ImportError('import_invalid', `lists.${kind}`);
  }
  if ('accounts' in raw && !Array.isArray(raw.accounts)) throw new ImportError('import_invalid', 'accounts');
  const accounts = Array.isArray(raw.accounts) ? repairAccounts(raw.accounts) : null;
  return { settings, lists: migrateLists(raw.lists), accounts };
}
