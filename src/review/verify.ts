/**
 * Checking a JSON evidence export: the one verifier behind the review page's "Verify" tab
 * (ui/VerifyPage.tsx) and `npm run verify-evidence` (scripts/verify-evidence.ts). Pure, no DOM, no
 * WebCrypto: the chain and canonical form come from hash-chain.ts, so an export and its check can never
 * disagree on how the bytes are hashed.
 *
 * For every record, in file order: its visible fields must rebuild exactly its "canonical" string
 * (otherwise the text she reads is not what was hashed), SHA-256 of that string must be its
 * recordHash, the chain step must give its chainHash, and its index must be its position. Then the
 * count and the final hash must match the file's own. The first failure is reported with its record
 * number; nothing after it can be trusted.
 *
 * What passing proves: the chain has no key, so a file whose records were edited and whose hashes were
 * all recomputed passes too. Passing shows the file is internally consistent; the records are unchanged
 * since the final hash was recorded somewhere independent only if this final hash equals that one
 * (`expectedHash`). Results carry message keys (public/_locales) so the page and the CLI say the same.
 *
 * Malformed input never throws: empty, too large, not JSON, not an export, a newer format, a damaged
 * structure each give their own result.
 */
import { canonicalJson, chainNext, EVIDENCE_FORMAT, EVIDENCE_VERSION, hex, recordDigest, type CanonicalRecord } from './hash-chain';
import type { ParentPost } from './types';

/** Larger files are refused before they are read: an export of 50,000 long records stays far below. */
export const MAX_EVIDENCE_BYTES = 256 * 1024 * 1024;

/** `read`: the file itself could not be read (callers report it with the same messages). */
export type Unreadable = 'read' | 'empty' | 'too_big' | 'not_json' | 'not_export' | 'newer' | 'shape' | 'no_records';
export type BreakReason = 'record_shape' | 'fields' | 'record_hash' | 'chain_hash' | 'index' | 'count' | 'final_hash';

export type VerifyResult =
  /** Every record checks out; `anchor` says how its final hash compares with the one she recorded. */
  | { status: 'consistent'; count: number; finalHash: string; exportedAtUtc: string | null; anchor: 'none' | 'match' | 'mismatch'; expectedHash: string | null }
  /** The first failure; `at` is the 1-based record number (null: the file's totals, after every record passed). */
  | { status: 'broken'; count: number; at: number | null; reason: BreakReason; detail: string }
  | { status: 'unreadable'; reason: Unreadable; detail: string };

export interface VerifyOptions {
  /** The final hash she recorded elsewhere at export time (64 hex digits, any case, spaces ignored). */
  expectedHash?: string | null;
  /** Called every `pauseEvery` records so a page can paint (e.g. a zero-delay timeout). */
  pause?: () => Promise<void>;
  pauseEvery?: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Her recorded hash as typed or pasted (spaces, line breaks, capitals), or null if it is not one. */
export function normaliseHash(s: string): string | null {
  const h = s.replace(/\s+/g, '').toLowerCase();
  return HEX64.test(h) ? h : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isNullOrString = (v: unknown): boolean => v === null || typeof v === 'string';

function parentOf(v: unknown): ParentPost | null | undefined {
  if (v === null) return null;
  if (!isObject(v) || !isNullOrString(v.permalink) || !isNullOrString(v.author) || !isNullOrString(v.text)) return undefined;
  return { permalink: v.permalink as string | null, author: v.author as string | null, text: v.text as string | null };
}

/** The canonical record (v1 or v2) rebuilt from a record's visible fields, or the name of the first bad field. */
function fieldsOf(r: Record<string, unknown>): CanonicalRecord | string {
  const str = ['platform', 'kind', 'pageUrl', 'thread', 'firstSeenUtc', 'text', 'action', 'source', 'language'] as const;
  for (const k of str) if (typeof r[k] !== 'string') return k;
  for (const k of ['author', 'displayName', 'permalink'] as const) if (!isNullOrString(r[k])) return k;
  if (!Array.isArray(r.categories) || !r.categories.every((c) => typeof c === 'string')) return 'categories';
  if (r.v !== 1 && r.v !== 2) return 'v';
  const base = {
    platform: r.platform as string,
    kind: r.kind as string,
    author: r.author as string | null,
    displayName: r.displayName as string | null,
    permalink: r.permalink as string | null,
    pageUrl: r.pageUrl as string,
    thread: r.thread as string,
    firstSeenUtc: r.firstSeenUtc as string,
    text: r.text as string,
    categories: r.categories as string[],
    action: r.action as string,
    source: r.source as string,
    language: r.language as string,
  };
  if (r.v === 1) return { v: 1, ...base };
  for (const k of ['postedAtUtc', 'target', 'screenshot'] as const) if (!isNullOrString(r[k])) return k;
  const parent = parentOf(r.parent);
  if (parent === undefined) return 'parent';
  return { v: 2, ...base, postedAtUtc: r.postedAtUtc as string | null, parent, target: r.target as string | null, screenshot: r.screenshot as string | null };
}

/** Check the text of a JSON export (callers check a file's size against MAX_EVIDENCE_BYTES before reading it). */
export async function verifyEvidence(text: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const unreadable = (reason: Unreadable, detail = ''): VerifyResult => ({ status: 'unreadable', reason, detail });
  if (text.length > MAX_EVIDENCE_BYTES) return unreadable('too_big', String(text.length));
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return unreadable('empty');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return unreadable('not_json', e instanceof Error ? e.message : '');
  }
  if (!isObject(doc) || doc.format !== EVIDENCE_FORMAT) return unreadable('not_export');
  if (typeof doc.version !== 'number') return unreadable('shape', 'version');
  if (doc.version > EVIDENCE_VERSION) return unreadable('newer', String(doc.version));
  if (!Array.isArray(doc.records)) return unreadable('shape', 'records');
  if (typeof doc.finalHash !== 'string') return unreadable('shape', 'finalHash');
  if (doc.records.length === 0) return unreadable('no_records');

  const records = doc.records as unknown[];
  const count = records.length;
  const broken = (at: number | null, reason: BreakReason, detail = ''): VerifyResult => ({ status: 'broken', count, at, reason, detail });
  const every = Math.max(1, opts.pauseEvery ?? 2000);
  let prev: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < count; i++) {
    if (opts.pause && i > 0 && i % every === 0) await opts.pause();
    const n = i + 1;
    const r = records[i];
    if (!isObject(r)) return broken(n, 'record_shape', 'record');
    for (const k of ['canonical', 'recordHash', 'chainHash'] as const) if (typeof r[k] !== 'string') return broken(n, 'record_shape', k);
    const fields = fieldsOf(r);
    if (typeof fields === 'string') return broken(n, 'record_shape', fields);
    if (canonicalJson(fields) !== r.canonical) return broken(n, 'fields');
    const rd = recordDigest(r.canonical as string);
    if (hex(rd) !== r.recordHash) return broken(n, 'record_hash');
    prev = chainNext(prev, rd);
    if (hex(prev) !== r.chainHash) return broken(n, 'chain_hash');
    if (r.index !== n) return broken(n, 'index', String(r.index));
  }
  const finalHash = hex(prev);
  if (doc.count !== count) return broken(null, 'count', String(doc.count));
  if (doc.finalHash !== finalHash) return broken(null, 'final_hash', String(doc.finalHash));
  const exportedAtUtc = typeof doc.exportedAtUtc === 'string' ? doc.exportedAtUtc : null;
  return withExpected({ status: 'consistent', count, finalHash, exportedAtUtc, anchor: 'none', expectedHash: null }, opts.expectedHash ?? null);
}

/** The same result compared with another recorded hash (she typed it after the check). */
export function withExpected(r: VerifyResult, expectedHash: string | null): VerifyResult {
  if (r.status !== 'consistent') return r;
  const expected = expectedHash ? normaliseHash(expectedHash) : null;
  return { ...r, expectedHash: expected, anchor: expected === null ? 'none' : expected === r.finalHash ? 'match' : 'mismatch' };
}

/** Would she be right to rely on it? consistent + (no anchor or matching anchor). */
export const passes = (r: VerifyResult): boolean => r.status === 'consistent' && r.anchor !== 'mismatch';

/** One message: an i18n key of public/_locales and its substitutions. */
export interface Said {
  key: string;
  subs?: string[];
}

/**
 * What to tell her, in order: a verdict line, then what it proves or what broke. The same keys in the
 * page (browser.i18n) and the CLI (the same messages.json files), so both say exactly the same thing.
 */
export function explain(r: VerifyResult): { verdict: Said; details: Said[] } {
  if (r.status === 'unreadable') {
    const mb = (n: number) => String(Math.ceil(n / (1024 * 1024)));
    const subs = r.reason === 'too_big' ? [mb(Number(r.detail) || 0), mb(MAX_EVIDENCE_BYTES)] : [r.detail];
    return { verdict: { key: 'verify_unreadable' }, details: [{ key: `verify_err_${r.reason}`, subs }] };
  }
  if (r.status === 'broken') {
    const verdict: Said = r.at === null ? { key: 'verify_broken_totals' } : { key: 'verify_broken_at', subs: [String(r.at), String(r.count)] };
    const details: Said[] = [{ key: `verify_reason_${r.reason}`, subs: [r.detail] }];
    if (r.at !== null && r.at > 1) details.push({ key: 'verify_broken_before', subs: [String(r.at - 1), String(r.at)] });
    return { verdict, details };
  }
  const details: Said[] = [{ key: 'verify_final_hash', subs: [r.finalHash] }];
  if (r.anchor === 'match') details.push({ key: 'verify_anchor_match' });
  else if (r.anchor === 'mismatch') details.push({ key: 'verify_anchor_mismatch', subs: [r.expectedHash ?? ''] });
  else details.push({ key: 'verify_unanchored' });
  return { verdict: { key: r.anchor === 'mismatch' ? 'verify_mismatch' : 'verify_consistent', subs: [String(r.count)] }, details };
}
