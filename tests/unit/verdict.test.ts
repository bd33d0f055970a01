/**
 * The one verdict path (src/verdict): the order in which her choices, her rules and the model decide
 * what she sees, and the one reason she is shown.
 */
import { describe, expect, it } from 'vitest';
import { verdict, type ItemFacts } from '../../src/verdict/verdict';
import { mainReason } from '../../src/verdict/decide';
import { DEFAULT_SETTINGS, type Settings } from '../../src/store/settings';
import { LABELS, type LevelThresholds, type Scores } from '../../src/classifier/labels';

const at = (v: number): Scores => Object.fromEntries(LABELS.map((l) => [l, v])) as Scores;
const thresholds: LevelThresholds = { relaxed: at(0.8), balanced: at(0.5), strict: at(0.3) };
const scores = (s: Partial<Scores>): Scores => ({ ...at(0.05), ...s });
const settings: Settings = DEFAULT_SETTINGS;

const facts = (f: Partial<ItemFacts>): ItemFacts => ({
  active: true,
  trustedAuthor: false,
  mutedAuthor: false,
  mutedWord: false,
  doxxing: false,
  correction: null,
  scores: scores({}),
  unchecked: false,
  ...f,
});

describe('verdict: what she sees, in order of precedence', () => {
  it('shows everything on a site she turned off, and everything by an account she trusts', () => {
    const abusive = { scores: scores({ misogyny: 0.99, threat: 0.99 }), mutedWord: true, doxxing: true };
    expect(verdict(facts({ ...abusive, active: false }), settings, thresholds)).toMatchObject({ action: null, waiting: false });
    expect(verdict(facts({ ...abusive, trustedAuthor: true }), settings, thresholds)).toMatchObject({ action: null, waiting: false });
  });

  it('hides an account she muted whatever the model says, even while the model is down', () => {
    const v = verdict(facts({ mutedAuthor: true, scores: null }), settings, null);
    expect(v).toMatchObject({ labels: ['muted'], reason: 'muted', waiting: false });
    expect(v.action).not.toBeNull();
  });

  it('applies muted words and doxxing without the model, and waits for the model otherwise', () => {
    expect(verdict(facts({ mutedWord: true, scores: null }), settings, null)).toMatchObject({ labels: ['muted'], waiting: false });
    expect(verdict(facts({ doxxing: true, scores: null }), settings, null)).toMatchObject({ labels: ['doxxing'], reason: 'doxxing' });
    expect(verdict(facts({ scores: null }), settings, null)).toMatchObject({ action: null, waiting: true });
    // Text the model could not read in full: no verdict yet, unless something hides it.
    expect(verdict(facts({ unchecked: true }), settings, thresholds).waiting).toBe(true);
    expect(verdict(facts({ unchecked: true, scores: scores({ insult: 0.9 }) }), settings, thresholds).action).not.toBeNull();
  });

  it('her "not abusive" clears the model and her rules; her "abusive" hides with the category she chose', () => {
    const hateful = facts({ scores: scores({ misogyny: 0.95 }), mutedWord: true });
    expect(verdict({ ...hateful, correction: { verdict: 'allow' } }, settings, thresholds)).toMatchObject({ labels: [], action: null });
    const harmless = facts({ correction: { verdict: 'block', label: 'sexual' } });
    expect(verdict(harmless, settings, thresholds)).toMatchObject({ labels: ['sexual'], reason: 'sexual' });
  });

  it('follows the sensitivity she chose', () => {
    const borderline = facts({ scores: scores({ insult: 0.6 }) });
    expect(verdict(borderline, { ...settings, level: 'balanced' }, thresholds).labels).toEqual(['insult']);
    expect(verdict(borderline, { ...settings, level: 'relaxed' }, thresholds).labels).toEqual([]);
    expect(verdict(borderline, { ...settings, level: 'relaxed', thresholdOverrides: { insult: 0.55 } }, thresholds).labels).toEqual(['insult']);
  });

  it('never removes a threat silently: at most collapsed behind its warning', () => {
    const all = { ...settings.actions, threat: 'remove', insult: 'remove' } as Settings['actions'];
    const v = verdict(facts({ scores: scores({ threat: 0.9, insult: 0.9 }) }), { ...settings, actions: all }, thresholds);
    expect(v.action).toBe('collapse');
    expect(v.reason).toBe('threat');
  });

  it("does not hide a category she set to 'don't hide'", () => {
    const off = { ...settings.actions, insult: 'off' } as Settings['actions'];
    expect(verdict(facts({ scores: scores({ insult: 0.9 }) }), { ...settings, actions: off }, thresholds)).toMatchObject({ action: null, waiting: false });
  });
});

describe('mainReason: one reason she can read', () => {
  it('names personal data first, then a threat, then the highest-scoring category, then her muted words', () => {
    expect(mainReason(['misogyny', 'insult', 'threat'], scores({ misogyny: 0.99, threat: 0.6 }))).toBe('threat');
    expect(mainReason(['threat', 'doxxing'], scores({ threat: 0.99 }))).toBe('doxxing');
    expect(mainReason(['insult', 'doxxing'], scores({ insult: 0.99 }))).toBe('doxxing');
    expect(mainReason(['misogyny', 'insult', 'identity_attack'], scores({ misogyny: 0.7, insult: 0.92, identity_attack: 0.8 }))).toBe('insult');
    expect(mainReason(['muted', 'sexual'], scores({ sexual: 0.6 }))).toBe('sexual');
    expect(mainReason(['muted'], null)).toBe('muted');
    expect(mainReason([], null)).toBeNull();
  });
});
