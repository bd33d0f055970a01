import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CHAIN_START, canonicalJson, canonicalRecord, csvCell, escapeHtml, hashRecords, toJson, toPrintableHtml, verifyChain } from '../../../src/review/evidence';
import { ctxFor, le, withEvidence } from './export-fixtures';

const ctx = ctxFor('fr');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** Independent recomputation with node:crypto, as a verifier would do it. */
function nodeChain(canonicals: string[]): { records: string[]; chain: string[] } {
  let prev = Buffer.alloc(32);
  const records: string[] = [];
  const chain: string[] = [];
  for (const c of canonicals) {
    const rh = sha(Buffer.from(c, 'utf8'));
    prev = sha(Buffer.concat([prev, rh]));
    records.push(rh.toString('hex'));
    chain.push(prev.toString('hex'));
  }
  return { records, chain };
}

describe('record hashing and chain', () => {
  it('matches an independent node:crypto recomputation', async () => {
    const entries = [le(1), le(2, { text: 'multi\nligne "quoted" <b>x</b> 🤬', author: null }), le(3)];
    const { records, finalHash } = await hashRecords(entries);
    const ref = nodeChain(entries.map((e) => canonicalJson(canonicalRecord(e))));
    expect(records.map((r) => r.recordHash)).toEqual(ref.records);
    expect(records.map((r) => r.chainHash)).toEqual(ref.chain);
    expect(finalHash).toBe(ref.chain[2]);
    expect(CHAIN_START).toBe('0'.repeat(64));
  });

  it('a record with post time, parent, target or screenshot hashes them too (canonical v2); one without keeps v1 exactly', async () => {
    const c = canonicalJson(canonicalRecord(withEvidence(1)));
    expect(c).toMatch(/^\{"v":2,"platform":"reddit",.*"language":"fr","postedAtUtc":"2026-11-28T19:58:00.000Z","parent":\{"permalink":"https:[^"]+parent1\/","author":"marie_journaliste","text":"Mon enquête sur le harcèlement"\},"target":"marie_journaliste","screenshot":"(ab){32}"\}$/);
    expect(canonicalJson(canonicalRecord(le(1, { postedAt: null, parent: null })))).toBe(canonicalJson(canonicalRecord(le(1))));
    const { records } = await hashRecords([le(1), withEvidence(2)]);
    const ref = nodeChain(records.map((r) => r.canonical));
    expect(records.map((r) => r.chainHash)).toEqual(ref.chain);
  });

  it('the canonical form has a fixed key order and UTC ISO time', () => {
    const c = canonicalJson(canonicalRecord(le(1)));
    expect(c.startsWith('{"v":1,"platform":"reddit","kind":"comment","author":"user_1","displayName":null,"permalink":')).toBe(true);
    expect(c).toContain('"firstSeenUtc":"2026-11-28T20:12:00.000Z"');
  });

  it('detects a tampered record, a removed record and a re-ordering', async () => {
    const { records } = await hashRecords([le(1), le(2), le(3)]);
    const items = records.map((r) => ({ canonical: r.canonical, recordHash: r.recordHash, chainHash: r.chainHash }));
    expect(await verifyChain(items)).toBe(-1);
    const tampered = items.map((x, i) => (i === 1 ? { ...x, canonical: x.canonical.replace('texte numéro 2', 'texte numéro 2 (modifié)') } : x));
    expect(await verifyChain(tampered)).toBe(1);
    // A forger who also rewrites the record hash still breaks the chain.
    const rehashed = tampered.map((x, i) => (i === 1 ? { ...x, recordHash: sha(x.canonical).toString('hex') } : x));
    expect(await verifyChain(rehashed)).toBe(1);
    expect(await verifyChain([items[0]!, items[2]!])).toBe(1);
    expect(await verifyChain([items[1]!, items[0]!, items[2]!])).toBe(0);
  });
});

describe('CSV', () => {
  it('quotes every cell, doubles quotes, keeps newlines inside the cell', () => {
    expect(csvCell('a "b" c')).toBe('"a ""b"" c"');
    expect(csvCell('line1\nline2,x')).toBe('"line1\nline2,x"');
  });
  it('neutralises spreadsheet formulas', () => {
    for (const f of ['=cmd|\' /C calc\'!A0', '+SUM(1,2)', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'quoted"]) {
      const cell = csvCell(f);
      expect(cell.startsWith(`"'`), f).toBe(true);
    }
    expect(csvCell('ok =1')).toBe('"ok =1"');
  });
});

describe('JSON and printable report', () => {
  it('JSON carries the canonical string, hashes and local time', async () => {
    const { json } = await toJson([le(1), le(2)], ctx);
    const doc = JSON.parse(json) as { records: { canonical: string; recordHash: string; chainHash: string; firstSeenLocal: string; text: string }[]; finalHash: string };
    expect(doc.records).toHaveLength(2);
    const ref = nodeChain(doc.records.map((r) => r.canonical));
    expect(doc.records.map((r) => r.recordHash)).toEqual(ref.records);
    expect(doc.finalHash).toBe(ref.chain[1]);
    expect(doc.records[0]!.firstSeenLocal).toContain('21:12'); // Paris = UTC+1 in November
    // What the hashes prove travels with the file, in the export's language.
    expect((JSON.parse(json) as { hashing: { proves: string } }).hashing.proves).toBe(ctx.text.proves);
  });
  it('printable HTML escapes page text (no markup injection) and shows each record hash', async () => {
    const evil = '<img src=x onerror=alert(1)> & "quotes"';
    const { html, finalHash } = await toPrintableHtml([le(1, { text: evil, author: '<b>bob</b>' }), le(2)], ctx);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>bob</b>');
    expect(html).toContain(escapeHtml(evil));
    expect(html.match(/<article class="record"/g)).toHaveLength(2);
    expect(html).toContain(finalHash);
    expect(html).toContain('lang="fr"');
    expect(html).not.toMatch(/<script/i);
    // Next to the final hash: what it proves, and a line to write where and when she recorded it.
    expect(html).toContain(`<p class="proves">${escapeHtml(ctx.text.proves)}</p>`);
    expect(html).toContain(ctx.text.msg('export_anchor_line'));
  });
});

describe('synchronous SHA-256 used for the chain and the verifier', () => {
  it('matches node:crypto on empty, short, block-boundary and long inputs', async () => {
    const { recordDigest } = await import('../../../src/review/evidence');
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_000]) {
      const text = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 31 + n) % 26))).join('');
      expect(Buffer.from(recordDigest(text)).toString('hex'), `length ${n}`).toBe(sha(text).toString('hex'));
    }
  });

  it('an export made before the hashing library changed still verifies, byte for byte', async () => {
    const { verifyEvidence } = await import('../../../src/review/verify');
    const fs = await import('node:fs');
    const json = fs.readFileSync(new URL('./fixtures/export-v1.json', import.meta.url), 'utf8');
    const r = await verifyEvidence(json);
    expect(r).toMatchObject({ status: 'consistent', count: 4, finalHash: 'b0eedb5d4e3bb65e9145673098c1a815433633179c237575ebeaa4e9687922ff' });
  });
});
