/**
 * The evidence verifier (src/review/verify.ts): an untouched export passes and says only what that
 * proves (consistent; unchanged since the final hash she recorded elsewhere, if it matches); an edited
 * one names its first broken record; an edit with every hash recomputed passes as consistent and is
 * caught only by her recorded hash; malformed files give a clear reason and never throw. Every message
 * it can give exists in English and French with the same placeholders.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { toJson } from '../../../src/review/evidence';
import { ctxFor, withEvidence } from './export-fixtures';
import { explain, normaliseHash, passes, verifyEvidence, withExpected, type BreakReason, type Unreadable, type VerifyResult } from '../../../src/review/verify';
import type { LogEntry } from '../../../src/review/types';

const T0 = Date.UTC(2026, 10, 28, 20, 11, 0);
function le(i: number): LogEntry {
  return {
    id: `reddit|p|${i}`, platform: 'reddit', kind: 'comment', pageUrl: 'https://www.reddit.com/r/france/comments/1demo42/x/',
    thread: 'https://www.reddit.com/r/france/comments/1demo42/x/', permalink: `https://www.reddit.com/r/france/comments/1demo42/x/c${i}/`,
    author: `raider_${i}`, displayName: null, text: `Ferme-la sale pute n°${i} « ${'é'.repeat(i)} » 🤬\nligne 2`, labels: ['misogyny', 'insult'],
    scores: { misogyny: 0.9 }, action: 'blur', source: 'model', seenAt: T0, lang: 'fr', firstSeen: T0 + i * 60_000, lastSeen: T0 + i * 60_000, seenCount: 1, feedback: null,
  };
}
const ctx = ctxFor('en');

interface Doc {
  count: number;
  finalHash: string;
  records: Record<string, unknown>[];
}
async function exported(n = 5): Promise<{ json: string; doc: Doc; finalHash: string }> {
  const { json, finalHash } = await toJson(Array.from({ length: n }, (_, i) => le(i + 1)), ctx);
  return { json, doc: JSON.parse(json) as Doc, finalHash };
}
const edit = (doc: Doc, f: (d: Doc) => void): string => {
  const copy = structuredClone(doc);
  f(copy);
  return JSON.stringify(copy, null, 2);
};
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** What a forger does: edit a record, then recompute its canonical, every hash after it, and the final hash. */
function reforge(doc: Doc, i: number, text: string): string {
  return edit(doc, (d) => {
    const r = d.records[i]!;
    r.text = text;
    r.canonical = JSON.stringify({ ...(JSON.parse(r.canonical as string) as object), text });
    let prev = Buffer.alloc(32);
    for (const rec of d.records) {
      const rh = sha(rec.canonical as string);
      prev = sha(Buffer.concat([prev, rh]));
      rec.recordHash = rh.toString('hex');
      rec.chainHash = prev.toString('hex');
    }
    d.finalHash = prev.toString('hex');
  });
}

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalogue = (lang: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8')) as Messages;
const EN = catalogue('en');
const FR = catalogue('fr');
function say(m: Messages, key: string, subs: string[] = []): string {
  const e = m[key];
  if (!e) throw new Error(`missing message ${key}`);
  return e.message.replace(/\$([a-z0-9_]+)\$/gi, (_, n: string) => e.placeholders?.[n.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
}
const english = (r: VerifyResult): string => {
  const { verdict, details } = explain(r);
  return [verdict, ...details].map((s) => say(EN, s.key, s.subs)).join('\n');
};

describe('verifier: untouched export', () => {
  it('passes, gives the final hash to compare, and says it is consistent but proves nothing more without a recorded hash', async () => {
    const { json, finalHash } = await exported();
    const r = await verifyEvidence(json);
    expect(r).toMatchObject({ status: 'consistent', count: 5, finalHash, anchor: 'none', exportedAtUtc: '2026-11-29T09:00:00.000Z' });
    expect(passes(r)).toBe(true);
    const text = english(r);
    expect(text).toContain('Consistent: all 5 records match their hashes and the chain.');
    expect(text).toContain(`Final hash of this file: ${finalHash}`);
    expect(text).toContain('the records are unchanged since this final hash was recorded somewhere independent of this file');
    expect(text).toContain('this only shows that the file is internally consistent');
    expect(text).toContain('the chain has no key');
    expect(text).not.toMatch(/any (later )?change is detectable/i);
  });

  it('with her recorded hash (pasted with spaces and capitals): unchanged since she recorded it', async () => {
    const { json, finalHash } = await exported();
    const pasted = ` ${finalHash.slice(0, 32).toUpperCase()}\n${finalHash.slice(32)} `;
    const r = await verifyEvidence(json, { expectedHash: pasted });
    expect(r).toMatchObject({ status: 'consistent', anchor: 'match' });
    expect(english(r)).toContain('It matches the final hash you recorded: the records are unchanged since you recorded it.');
  });

  it('an export with post times, parents, targets and screenshots (format 2) passes, and an edited post time or parent is caught', async () => {
    const entries = [withEvidence(1), withEvidence(2, { parent: null, target: null }), withEvidence(3, { postedAt: null })];
    const { json, finalHash } = await toJson(entries, ctx);
    const doc = JSON.parse(json) as Doc & { version: number };
    expect(doc.version).toBe(2);
    expect(await verifyEvidence(json)).toMatchObject({ status: 'consistent', count: 3, finalHash });
    expect(await verifyEvidence(edit(doc, (d) => (d.records[0]!.postedAtUtc = '2026-11-28T18:00:00.000Z')))).toMatchObject({ status: 'broken', at: 1, reason: 'fields' });
    expect(await verifyEvidence(edit(doc, (d) => ((d.records[0]!.parent as { text: string }).text = 'autre chose')))).toMatchObject({ status: 'broken', at: 1, reason: 'fields' });
    expect(await verifyEvidence(edit(doc, (d) => (d.records[1]!.screenshot = 'cd'.repeat(32))))).toMatchObject({ status: 'broken', at: 2, reason: 'fields' });
  });

  it('a file with a BOM and a large one with pauses still passes', async () => {
    const { json } = await exported(2500);
    let pauses = 0;
    const r = await verifyEvidence(`\uFEFF${json}`, { pause: async () => void pauses++, pauseEvery: 1000 });
    expect(r.status).toBe('consistent');
    expect(pauses).toBe(2);
  });
});

describe('verifier: edited exports name the first broken record', () => {
  const cases: [string, (d: Doc) => void, number | null, BreakReason][] = [
    ['the visible text edited (canonical left alone)', (d) => (d.records[2]!.text = 'edited'), 3, 'fields'],
    ['the author edited', (d) => (d.records[1]!.author = 'someone_else'), 2, 'fields'],
    ['canonical and text edited together', (d) => {
      const r = d.records[3]!;
      r.text = 'edited';
      r.canonical = JSON.stringify({ ...(JSON.parse(r.canonical as string) as object), text: 'edited' });
    }, 4, 'record_hash'],
    ['a record hash rewritten to match an edit', (d) => {
      const r = d.records[1]!;
      r.text = 'edited';
      r.canonical = JSON.stringify({ ...(JSON.parse(r.canonical as string) as object), text: 'edited' });
      r.recordHash = sha(r.canonical as string).toString('hex');
    }, 2, 'chain_hash'],
    ['a record removed', (d) => d.records.splice(1, 1), 2, 'chain_hash'],
    ['two records swapped', (d) => d.records.splice(0, 2, d.records[1]!, d.records[0]!), 1, 'chain_hash'],
    ['an index changed', (d) => (d.records[4]!.index = 9), 5, 'index'],
    ['a record that is not an object', (d) => (d.records[2] = 'gone' as never), 3, 'record_shape'],
    ['a record without its chain hash', (d) => delete d.records[1]!.chainHash, 2, 'record_shape'],
    ['the count changed', (d) => (d.count = 4), null, 'count'],
    ['the final hash changed', (d) => (d.finalHash = '0'.repeat(64)), null, 'final_hash'],
  ];
  for (const [what, f, at, reason] of cases) {
    it(what, async () => {
      const { doc } = await exported();
      const r = await verifyEvidence(edit(doc, f));
      expect(r).toMatchObject({ status: 'broken', at, reason });
      expect(passes(r)).toBe(false);
      expect(english(r)).toMatch(at === null ? /^Does not verify: every record checks out, but the file's totals do not\./ : new RegExp(`^Does not verify: the chain breaks at record ${at} of \\d\\.`));
    });
  }

  it('says what before the break still holds', async () => {
    const { doc } = await exported();
    const r = await verifyEvidence(edit(doc, (d) => (d.records[2]!.text = 'edited')));
    expect(english(r)).toContain('Everything before it (2 record(s)) is consistent; nothing from record 3 on can be trusted.');
  });
});

describe('verifier: an edit with every hash recomputed', () => {
  it('passes as consistent (the chain has no key) and is caught only by the hash she recorded at export time', async () => {
    const { doc, finalHash } = await exported();
    const forged = reforge(doc, 1, 'a kinder text than the one she received');
    const alone = await verifyEvidence(forged);
    expect(alone).toMatchObject({ status: 'consistent', anchor: 'none' });
    expect(alone.status === 'consistent' && alone.finalHash).not.toBe(finalHash);
    expect(english(alone)).toContain('only shows that the file is internally consistent');

    const anchored = await verifyEvidence(forged, { expectedHash: finalHash });
    expect(anchored).toMatchObject({ status: 'consistent', anchor: 'mismatch', expectedHash: finalHash });
    expect(passes(anchored)).toBe(false);
    const text = english(anchored);
    expect(text).toContain('Does not match what you recorded');
    expect(text).toContain(`The final hash you recorded is ${finalHash}.`);
    // Typed after the check, the comparison is the same.
    expect(withExpected(alone, finalHash)).toEqual(anchored);
  });
});

describe('verifier: malformed files get a clear reason and never throw', () => {
  const cases: [string, string, Unreadable, string][] = [
    ['an empty file', '', 'empty', 'The file is empty.'],
    ['blank lines', ' \n\t\n', 'empty', 'The file is empty.'],
    ['not JSON (a CSV export)', '\uFEFF"#","Platform"\r\n"1","reddit"\r\n', 'not_json', 'This is not a JSON file.'],
    ['the printable report', '<!doctype html><html><body>…</body></html>', 'not_json', 'the CSV and the printable report cannot be checked here'],
    ['truncated JSON', '{"format":"bouclier-evidence","records":[{"index":1', 'not_json', 'This is not a JSON file.'],
    ['a JSON array', '[1,2,3]', 'not_export', 'not a Bouclier evidence export'],
    ['JSON of something else (a settings backup)', '{"format":"bouclier-settings","version":1}', 'not_export', 'not a Bouclier evidence export'],
    ['a newer format', '{"format":"bouclier-evidence","version":3,"records":[],"finalHash":""}', 'newer', 'newer version of Bouclier (format 3)'],
    ['no version', '{"format":"bouclier-evidence","records":[],"finalHash":""}', 'shape', '"version" is missing'],
    ['records not a list', '{"format":"bouclier-evidence","version":1,"records":{},"finalHash":""}', 'shape', '"records" is missing'],
    ['no final hash', '{"format":"bouclier-evidence","version":1,"records":[]}', 'shape', '"finalHash" is missing'],
    ['no records', '{"format":"bouclier-evidence","version":1,"count":0,"records":[],"finalHash":""}', 'no_records', 'The export holds no records.'],
  ];
  for (const [what, text, reason, message] of cases) {
    it(what, async () => {
      const r = await verifyEvidence(text);
      expect(r).toMatchObject({ status: 'unreadable', reason });
      const said = english(r);
      expect(said.startsWith('This file cannot be checked.\n')).toBe(true);
      expect(said).toContain(message);
    });
  }

  it('a file over the limit is refused before parsing, with its size and the limit in MB', () => {
    const r: VerifyResult = { status: 'unreadable', reason: 'too_big', detail: String(300 * 1024 * 1024) };
    expect(english(r)).toContain('The file is too large to check here (300 MB; the limit is 256 MB).');
  });

  it('any text, or any JSON shaped like an export, gives a result, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((records) => JSON.stringify({ format: 'bouclier-evidence', version: 1, finalHash: 'x', count: 1, records: [records] }))), async (text) => {
        const r = await verifyEvidence(text);
        expect(['consistent', 'broken', 'unreadable']).toContain(r.status);
        expect(english(r).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('normalises a pasted hash and refuses what is not one', () => {
    expect(normaliseHash('AB'.repeat(32))).toBe('ab'.repeat(32));
    expect(normaliseHash('ab'.repeat(31))).toBeNull();
    expect(normaliseHash('zz'.repeat(32))).toBeNull();
  });
});

describe('verifier messages', () => {
  it('every message it can give exists in English and French, with the same placeholders', () => {
    const results: VerifyResult[] = [
      { status: 'consistent', count: 2, finalHash: 'a'.repeat(64), exportedAtUtc: null, anchor: 'none', expectedHash: null },
      { status: 'consistent', count: 2, finalHash: 'a'.repeat(64), exportedAtUtc: null, anchor: 'match', expectedHash: 'a'.repeat(64) },
      { status: 'consistent', count: 2, finalHash: 'a'.repeat(64), exportedAtUtc: null, anchor: 'mismatch', expectedHash: 'b'.repeat(64) },
      ...(['record_shape', 'fields', 'record_hash', 'chain_hash', 'index'] as const).map((reason): VerifyResult => ({ status: 'broken', count: 3, at: 2, reason, detail: 'x' })),
      ...(['count', 'final_hash'] as const).map((reason): VerifyResult => ({ status: 'broken', count: 3, at: null, reason, detail: 'x' })),
      ...(['read', 'empty', 'too_big', 'not_json', 'not_export', 'newer', 'shape', 'no_records'] as const).map((reason): VerifyResult => ({ status: 'unreadable', reason, detail: '1' })),
    ];
    for (const r of results) {
      const { verdict, details } = explain(r);
      for (const s of [verdict, ...details]) {
        expect(EN[s.key], s.key).toBeDefined();
        expect(FR[s.key], s.key).toBeDefined();
        expect(Object.keys(FR[s.key]!.placeholders ?? {}), s.key).toEqual(Object.keys(EN[s.key]!.placeholders ?? {}));
        expect(say(FR, s.key, s.subs)).not.toMatch(/\$/);
      }
    }
  });
});
