import { describe, expect, it } from 'vitest';
import { accountKey, dossierOf, groupByAccount, mainReason, summarize } from '../../../src/review/dossier';
import { toCsv, toPrintableHtml } from '../../../src/review/evidence';
import { parseCsv } from '../../helpers/csv';
import { ctxFor, le } from './export-fixtures';

const H = 3_600_000;
const log = () => [
  le(1, { author: 'raider_1', firstSeen: 10 * H, lastSeen: 12 * H }),
  le(2, { author: 'Raider_1', firstSeen: 2 * H, lastSeen: 3 * H, pinnedAt: 5 }),
  le(3, { author: 'raider_2', firstSeen: 4 * H, lastSeen: 4 * H }),
  le(4, { platform: 'x', author: 'raider_1', firstSeen: 1 * H, lastSeen: 1 * H }),
  le(5, { author: 'raider_1', firstSeen: 6 * H, lastSeen: 20 * H }),
];

describe('per-author dossier', () => {
  it('groups all items by one account (same platform, any case), with count and first/last seen, most items first (then the most recently seen)', () => {
    expect(groupByAccount(log())).toEqual([
      { key: 'reddit|raider_1', platform: 'reddit', author: 'raider_1', count: 3, firstSeen: 2 * H, lastSeen: 20 * H, kept: 1 },
      { key: 'reddit|raider_2', platform: 'reddit', author: 'raider_2', count: 1, firstSeen: 4 * H, lastSeen: 4 * H, kept: 0 },
      { key: 'x|raider_1', platform: 'x', author: 'raider_1', count: 1, firstSeen: 1 * H, lastSeen: 1 * H, kept: 0 },
    ]);
  });

  it('a dossier holds just that account, oldest first, and exports just it, titled with the account', async () => {
    const d = dossierOf(log(), accountKey('reddit', 'RAIDER_1'));
    expect(d.map((e) => e.id)).toEqual(['reddit|p|2', 'reddit|p|5', 'reddit|p|1']);
    const ctx = ctxFor('fr', { dossier: { platform: 'reddit', author: 'raider_1' } });
    const { html } = await toPrintableHtml(d, ctx);
    expect(html).toContain('<h1>Dossier de @raider_1 (Reddit) — export de preuves Bouclier</h1>');
    expect(html.match(/<article /g)).toHaveLength(3);
    expect(html).not.toContain('raider_2');
    const csv = parseCsv((await toCsv(d, ctx)).csv.slice(1), ';');
    expect(csv.slice(1).map((r) => r[3])).toEqual(['Raider_1', 'raider_1', 'raider_1']);
  });
});

describe('main reason and summary', () => {
  it('the main reason is the highest-scoring category; a category without a score (her mark, a rule) counts as certain', () => {
    expect(mainReason({ labels: ['misogyny', 'insult'], scores: { misogyny: 0.6, insult: 0.9, threat: 0.99 } })).toBe('insult');
    expect(mainReason({ labels: ['doxxing', 'insult'], scores: { insult: 0.9 } })).toBe('doxxing');
    expect(mainReason({ labels: [], scores: {} })).toBeNull();
  });

  it('summarises counts per main reason, per account and platform, first and last seen, kept items', () => {
    const s = summarize(log());
    expect(s).toMatchObject({ count: 5, firstSeen: 1 * H, lastSeen: 20 * H, platforms: [['reddit', 4], ['x', 1]], reasons: [['misogyny', 5]], kept: 1, notAbusive: 0 });
  });
});
