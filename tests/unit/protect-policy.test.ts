/**
 * Lockdown and media policies, threat escalation in decide(), protect settings repair, and the
 * classify CLI's doxxing output.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hiddenByLockdown, mediaReason, type ItemFacts } from '../../src/protect/policy.ts';
import { decide } from '../../src/verdict/decide.ts';
import { DEFAULT_SETTINGS, migrateSettings, type Settings } from '../../src/store/settings.ts';
import { CATEGORIES } from '../../src/verdict/categories.ts';
import { LABELS, type LevelThresholds, type Scores } from '../../src/classifier/labels.ts';
import { FEATURIZER_VERSION } from '../../src/classifier/featurize.ts';
import { DEFAULT_PROTECT, migrateProtect } from '../../src/protect/settings.ts';
import { parseRaidEvents } from '../../src/protect/events.ts';

const base: ItemFacts = { kind: 'comment', flagged: false, trusted: false, self: false, locked: false };
const prefs = { blurDmRequestMedia: true, blurMediaInLockdown: true };

describe('lockdown', () => {
  it('hides replies from accounts she does not trust, only while locked', () => {
    expect(hiddenByLockdown({ ...base, locked: true })).toBe(true);
    expect(hiddenByLockdown({ ...base, locked: true, trusted: true })).toBe(false);
    expect(hiddenByLockdown({ ...base, locked: true, self: true })).toBe(false);
    expect(hiddenByLockdown({ ...base, locked: false })).toBe(false);
  });
});

describe('media shielding', () => {
  it('blurs media in flagged items whatever the settings', () => {
    expect(mediaReason({ ...base, flagged: true }, { blurDmRequestMedia: false, blurMediaInLockdown: false })).toBe('flagged');
  });
  it('blurs media in DMs from accounts she does not trust (setting on by default)', () => {
    expect(DEFAULT_PROTECT.blurDmRequestMedia).toBe(true);
    expect(mediaReason({ ...base, kind: 'dm' }, prefs)).toBe('dm_request');
    expect(mediaReason({ ...base, kind: 'dm', trusted: true }, prefs)).toBeNull();
    expect(mediaReason({ ...base, kind: 'dm' }, { ...prefs, blurDmRequestMedia: false })).toBeNull();
  });
  it('blurs media in every reply of a locked-down thread, trusted ones too, if the setting is on', () => {
    expect(mediaReason({ ...base, locked: true, trusted: true }, prefs)).toBe('lockdown');
    expect(mediaReason({ ...base, locked: true, trusted: true }, { ...prefs, blurMediaInLockdown: false })).toBeNull();
    expect(mediaReason(base, prefs)).toBeNull();
  });
});

describe('threat escalation and doxxing in decide()', () => {
  const t = Object.fromEntries(LABELS.map((l) => [l, 0.5])) as Record<(typeof LABELS)[number], number>;
  const thresholds = { relaxed: t, balanced: t, strict: t } as LevelThresholds;
  const scores = (over: Partial<Scores>): Scores => ({ ...(Object.fromEntries(LABELS.map((l) => [l, 0.01])) as Scores), ...over });
  const allRemove: Settings = { ...DEFAULT_SETTINGS, actions: Object.fromEntries(CATEGORIES.map((c) => [c, 'remove'])) as Settings['actions'] };

  it('never removes a threat silently: remove becomes collapse (a warning she can open)', () => {
    const d = decide(scores({ threat: 0.9, insult: 0.9 }), thresholds, allRemove);
    expect(d.labels).toContain('threat');
    expect(d.action).toBe('collapse');
  });
  it('still removes non-threats when she asked for it', () => {
    expect(decide(scores({ insult: 0.9 }), thresholds, allRemove).action).toBe('remove');
  });
  it('flags doxxing with its own action, without the model and whatever the scores', () => {
    expect(DEFAULT_SETTINGS.actions.doxxing).toBe('blur');
    expect(decide(null, null, DEFAULT_SETTINGS, ['doxxing'])).toEqual({ labels: ['doxxing'], action: 'blur' });
    const collapse = { ...DEFAULT_SETTINGS, actions: { ...DEFAULT_SETTINGS.actions, doxxing: 'collapse' as const } };
    expect(decide(scores({}), thresholds, collapse, ['doxxing']).action).toBe('collapse');
    const off = { ...DEFAULT_SETTINGS, actions: { ...DEFAULT_SETTINGS.actions, doxxing: 'off' as const } };
    expect(decide(scores({}), thresholds, off, ['doxxing']).action).toBeNull();
  });
  it('older stored settings get the doxxing action by default', () => {
    expect(migrateSettings({ actions: { insult: 'remove' } }).actions.doxxing).toBe('blur');
  });
});

describe('protect settings (device-only)', () => {
  it('repairs anything malformed field by field', () => {
    const p = migrateProtect({ ownIdentifiers: ['  Marie Dupont ', 'marie dupont', 42, ''], raid: { minFlagged: 'x' }, blurDmRequestMedia: 'yes', lockdowns: { a: 1, b: 'x' } });
    expect(p.ownIdentifiers).toEqual(['Marie Dupont']);
    expect(p.raid.minFlagged).toBe(10);
    expect(p.blurDmRequestMedia).toBe(true);
    expect(p.lockdowns).toEqual({ a: 1 });
    expect(migrateProtect(null)).toEqual(DEFAULT_PROTECT);
  });
});

describe('stored raid events', () => {
  it('keeps well-formed events and drops the rest', () => {
    const good = { id: 't@1', threadKey: 't', platform: 'reddit', pageUrl: 'https://www.reddit.com/r/x', startedAt: 1, lastAt: 2, accounts: ['a', 3, 'b'], count: 10, lockedAt: null, detectedAt: 5 };
    const parsed = parseRaidEvents([good, { id: 1 }, null, 'x', { ...good, id: 't@2', count: 'many' }]);
    expect(parsed).toEqual([{ ...good, accounts: ['a', 'b'] }]);
    expect(parseRaidEvents('nope')).toEqual([]);
  });
});

describe('classify CLI: doxxing flag and spans', () => {
  it('adds flags.doxxing and spans on the original text (generic patterns only)', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), 'bouclier-protect-cli-'));
    copyFileSync(join(root, 'tests/fixtures/tiny-model.onnx'), join(dir, 'bouclier.onnx'));
    const th = Object.fromEntries(LABELS.map((l) => [l, 0.5]));
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ featurizerVersion: FEATURIZER_VERSION, labels: LABELS, thresholds: { relaxed: th, balanced: th, strict: th }, defaultLevel: 'balanced' }),
    );
    const texts = ['elle habite 12 rue de la Paix, appelle au 06 12 34 56 78', 'ça coûte 12,50 € le 12/03/2024', 'marie dupont'];
    const input = texts.map((text, id) => JSON.stringify({ id, text })).join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/classify.ts'), '--model-dir', dir, '--input', '-'], {
      cwd: root,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0].flags.doxxing).toBe(true);
    expect(rows[0].spans.map((s: { start: number; end: number }) => texts[0]!.slice(s.start, s.end))).toEqual(['12 rue de la Paix', '06 12 34 56 78']);
    expect(rows[0].spans[0].label).toBe('doxxing');
    expect(rows[1].flags.doxxing).toBe(false);
    expect(rows[1].spans).toEqual([]);
    expect(rows[2].flags.doxxing).toBe(false); // her identifiers live only in the extension
  });
});
