/**
 * What is hashed, and how: the canonical form of a log record and the chain over an export. One
 * definition for the export (evidence.ts) and every verifier (verify.ts, the Verify tab, the CLI).
 *
 * Canonical serialisation, the bytes that are hashed: JSON.stringify of an object with exactly these
 * keys, in this order, no whitespace, UTF-8:
 *   v1: {"v":1,"platform","kind","author","displayName","permalink","pageUrl","thread",
 *        "firstSeenUtc" (ISO 8601, UTC, milliseconds),"text","categories" (ids as logged),"action",
 *        "source","language"}; absent author / displayName / permalink are null.
 *   v2: the same keys with "v":2, then "postedAtUtc" (the platform's own post time), "parent"
 *       ({"permalink","author","text"}), "target" (the account it is aimed at), "screenshot" (SHA-256
 *       of the image), each null when unknown. Only records that carry one of these are v2, so a
 *       record without them hashes exactly as it always did.
 *   record_hash_i = SHA-256(canonical_i)
 * Chain, in export order: h_0 = 32 zero bytes; h_i = SHA-256(h_(i-1) || record_hash_i) over the raw
 * 32-byte digests; the last one is the export's final hash.
 *
 * Her own annotations (kept as evidence, "not abusive") are not hashed: she may change them later.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { LogEntry, ParentPost } from './types';

export const EVIDENCE_FORMAT = 'bouclier-evidence';
/** Newest format this code writes and reads: 2 when an export holds a v2 record, else 1. */
export const EVIDENCE_VERSION = 2;

interface CanonicalV1 {
  v: 1;
  platform: string;
  kind: string;
  author: string | null;
  displayName: string | null;
  permalink: string | null;
  pageUrl: string;
  thread: string;
  firstSeenUtc: string;
  text: string;
  categories: string[];
  action: string;
  source: string;
  language: string;
}
interface CanonicalV2 extends Omit<CanonicalV1, 'v'> {
  v: 2;
  postedAtUtc: string | null;
  parent: ParentPost | null;
  target: string | null;
  screenshot: string | null;
}
export type CanonicalRecord = CanonicalV1 | CanonicalV2;

const hasExtraEvidence = (e: Pick<LogEntry, 'postedAt' | 'parent' | 'target' | 'screenshot'>): boolean =>
  !!(e.postedAt || e.parent || e.target || e.screenshot);

export function canonicalRecord(e: LogEntry): CanonicalRecord {
  const base = {
    platform: e.platform,
    kind: e.kind,
    author: e.author ?? null,
    displayName: e.displayName ?? null,
    permalink: e.permalink ?? null,
    pageUrl: e.pageUrl,
    thread: e.thread,
    firstSeenUtc: new Date(e.firstSeen).toISOString(),
    text: e.text,
    categories: [...e.labels],
    action: e.action,
    source: e.source,
    language: e.lang,
  };
  if (!hasExtraEvidence(e)) return { v: 1, ...base };
  const p = e.parent;
  return {
    v: 2,
    ...base,
    postedAtUtc: e.postedAt ?? null,
    parent: p ? { permalink: p.permalink ?? null, author: p.author ?? null, text: p.text ?? null } : null,
    target: e.target ?? null,
    screenshot: e.screenshot ?? null,
  };
}

/** The exact string that is hashed (key order fixed here, whatever order the fields came in). */
export function canonicalJson(r: CanonicalRecord): string {
  const v1 = {
    v: r.v,
    platform: r.platform,
    kind: r.kind,
    author: r.author,
    displayName: r.displayName,
    permalink: r.permalink,
    pageUrl: r.pageUrl,
    thread: r.thread,
    firstSeenUtc: r.firstSeenUtc,
    text: r.text,
    categories: r.categories,
    action: r.action,
    source: r.source,
    language: r.language,
  };
  if (r.v === 1) return JSON.stringify(v1);
  const parent = r.parent ? { permalink: r.parent.permalink, author: r.parent.author, text: r.parent.text } : null;
  return JSON.stringify({ ...v1, postedAtUtc: r.postedAtUtc, parent, target: r.target, screenshot: r.screenshot });
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function hex(b: ArrayBuffer | Uint8Array): string {
  const u = b instanceof Uint8Array ? b : new Uint8Array(b);
  let s = '';
  for (let i = 0; i < u.length; i++) s += HEX[u[i]!];
  return s;
}

export const CHAIN_START = '0'.repeat(64);

/**
 * One chain step: h_i = SHA-256(h_(i-1) || record_hash_i) over the raw 32-byte digests. Synchronous
 * (@noble/hashes, audited): tens of thousands of sequential awaited WebCrypto round-trips take seconds.
 */
const chainBuf = new Uint8Array(64);
export function chainNext(prev: Uint8Array, recordDigest: Uint8Array): Uint8Array {
  chainBuf.set(prev, 0);
  chainBuf.set(recordDigest, 32);
  return sha256(chainBuf);
}

const utf8 = new TextEncoder();
/** SHA-256 of the canonical string's UTF-8 bytes, synchronously (verifiers; the export batches WebCrypto). */
export function recordDigest(canonical: string): Uint8Array {
  return sha256(utf8.encode(canonical));
}

export interface HashedRecord {
  entry: LogEntry;
  canonical: string;
  recordHash: string;
  chainHash: string;
}

const PARALLEL = 512;

export async function hashRecords(entries: LogEntry[]): Promise<{ records: HashedRecord[]; finalHash: string }> {
  const canon = entries.map((e) => canonicalJson(canonicalRecord(e)));
  // Record hashes are independent: digest them in parallel batches (WebCrypto runs off the main thread).
  const recordDigests: Uint8Array[] = new Array(canon.length);
  for (let start = 0; start < canon.length; start += PARALLEL) {
    const part = canon.slice(start, start + PARALLEL);
    const digests = await Promise.all(part.map((c) => crypto.subtle.digest('SHA-256', utf8.encode(c))));
    digests.forEach((d, i) => (recordDigests[start + i] = new Uint8Array(d)));
  }
  // The chain is sequential by definition.
  const records: HashedRecord[] = new Array(canon.length);
  let prev: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < canon.length; i++) {
    prev = chainNext(prev, recordDigests[i]!);
    records[i] = { entry: entries[i]!, canonical: canon[i]!, recordHash: hex(recordDigests[i]!), chainHash: hex(prev) };
  }
  return { records, finalHash: canon.length === 0 ? CHAIN_START : records[canon.length - 1]!.chainHash };
}

/** Recompute hashes from canonical strings; returns the index of the first bad record, or -1. */
export function verifyChain(items: { canonical: string; recordHash: string; chainHash: string }[]): number {
  let prev: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const rd = recordDigest(it.canonical);
    if (hex(rd) !== it.recordHash) return i;
    prev = chainNext(prev, rd);
    if (hex(prev) !== it.chainHash) return i;
  }
  return -1;
}

/** The format version of an export holding these records. */
export const formatVersion = (records: { canonical: string }[]): 1 | 2 => (records.some((r) => r.canonical.startsWith('{"v":2,')) ? 2 : 1);
