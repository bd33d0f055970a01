/**
 * Evidence export: CSV, JSON and a printable HTML report of selected log records, each record
 * hashed and the whole export chained. Pure functions (WebCrypto + @noble/hashes), unit-tested in Node.
 *
 * Canonical serialisation of a record (v1), the bytes that are hashed:
 *   JSON.stringify of an object with exactly these keys, in this order, no whitespace, UTF-8:
 *   {"v":1,"platform","kind","author","displayName","permalink","pageUrl","thread",
 *    "firstSeenUtc" (ISO 8601, UTC, milliseconds, e.g. "2026-11-28T20:11:00.000Z"),
 *    "text","categories" (array of category ids as logged),"action","source","language"}
 *   absent author / displayName / permalink are null.
 *   record_hash_i = hex(SHA-256(canonical_i))
 * Chain over the export, in export order:
 *   h_0 = 32 zero bytes;  h_i = SHA-256(h_{i-1} || record_hash_i)   (raw 32-byte digests, not hex)
 *   chain_hash_i = hex(h_i); the last one is the export's final hash (printed on every format).
 *
 * What it proves, and what it does not: the chain has no key and no outside anchor, so anyone who
 * edits records can recompute every hash and produce a file that verifies. Checking an export
 * (verify.ts: the review page's "Verify" tab and `npm run verify-evidence`, one implementation)
 * proves the records are unchanged since its final hash was recorded somewhere independent (an
 * e-mail she sent herself at export time, a message to a lawyer); without such a record it shows only
 * that the file is internally consistent. That is why the review page shows the final hash after
 * each export and asks her to send it away at once. Nor does a hash prove that the platform showed
 * that text: keep the permalink and, if you can, a screenshot.
 *
 * CSV safety: every cell is quoted (quotes doubled, newlines kept inside quotes); a cell starting
 * with = + - @ tab, carriage return or ' gets a leading ' so a spreadsheet never runs it as a
 * formula. To verify from CSV, remove exactly one leading ' from such cells.
 */
import type { LogEntry } from './types';
import { sha256 } from '@noble/hashes/sha2.js';

export const EVIDENCE_FORMAT = 'bouclier-evidence';
export const EVIDENCE_VERSION = 1;

export interface CanonicalRecord {
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

export function canonicalRecord(e: LogEntry): CanonicalRecord {
  return {
    v: 1,
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
}

/** The exact string that is hashed (key order fixed by construction above). */
export function canonicalJson(r: CanonicalRecord): string {
  return JSON.stringify({
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
  });
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
 * The chain, in one place for the export and every verifier: h_i = SHA-256(h_(i-1) || record_hash_i)
 * over the raw 32-byte digests. Synchronous (@noble/hashes, audited): tens of thousands of sequential awaited
 * WebCrypto round-trips take seconds.
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

// ---- formats ----

/** Strings of an export in her language (built from _locales by the caller). */
export interface ExportText {
  lang: 'fr' | 'en';
  title: string;
  intro: string;
  exportedAt: string;
  timezone: string;
  count: string;
  finalHash: string;
  /** What the hashes prove (and do not): see the header of this file. */
  proves: string;
  /** A line to fill in on the printed report: where and when the final hash was recorded. */
  anchorLine: string;
  verifyHowTo: string;
  columns: {
    index: string;
    platform: string;
    kind: string;
    author: string;
    displayName: string;
    permalink: string;
    pageUrl: string;
    thread: string;
    firstSeenUtc: string;
    firstSeenLocal: string;
    text: string;
    categories: string;
    action: string;
    source: string;
    language: string;
    recordHash: string;
    chainHash: string;
  };
  categoryName(id: string): string;
}

export interface ExportContext {
  now: Date;
  timeZone: string;
  text: ExportText;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
export function localTime(ms: number, ctx: ExportContext): string {
  const key = `${ctx.text.lang}|${ctx.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.text.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'long', timeZone: ctx.timeZone });
    formatters.set(key, f);
  }
  return f.format(new Date(ms));
}

const FORMULA_START = /^[=+\-@\t\r']/;

/** One CSV cell: neutralise spreadsheet formulas, always quote, double quotes. */
export function csvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${v.replace(/"/g, '""')}"`;
}

export async function toCsv(entries: LogEntry[], ctx: ExportContext): Promise<{ csv: string; finalHash: string }> {
  const { records, finalHash } = await hashRecords(entries);
  const c = ctx.text.columns;
  const header = [c.index, c.platform, c.kind, c.author, c.displayName, c.permalink, c.pageUrl, c.thread, c.firstSeenUtc, c.firstSeenLocal, c.text, c.categories, c.action, c.source, c.language, c.recordHash, c.chainHash];
  const rows = records.map((r, i) => {
    const cr = JSON.parse(r.canonical) as CanonicalRecord;
    return [String(i + 1), cr.platform, cr.kind, cr.author ?? '', cr.displayName ?? '', cr.permalink ?? '', cr.pageUrl, cr.thread, cr.firstSeenUtc, localTime(r.entry.firstSeen, ctx), cr.text, cr.categories.join(' '), cr.action, cr.source, cr.language, r.recordHash, r.chainHash];
  });
  // BOM so spreadsheets read UTF-8; CRLF per RFC 4180.
  const csv = '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return { csv, finalHash };
}

export async function toJson(entries: LogEntry[], ctx: ExportContext): Promise<{ json: string; finalHash: string }> {
  const { records, finalHash } = await hashRecords(entries);
  const doc = {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    exportedAtUtc: ctx.now.toISOString(),
    timeZone: ctx.timeZone,
    language: ctx.text.lang,
    hashing: {
      record: 'SHA-256 over the UTF-8 bytes of "canonical" (JSON, fixed key order, see src/review/evidence.ts)',
      chain: 'h_0 = 32 zero bytes; h_i = SHA-256(h_(i-1) || record_hash_i) over raw digests; finalHash = h_n',
      proves: ctx.text.proves,
    },
    count: records.length,
    finalHash,
    records: records.map((r, i) => ({
      index: i + 1,
      ...(JSON.parse(r.canonical) as CanonicalRecord),
      firstSeenLocal: localTime(r.entry.firstSeen, ctx),
      categoryNames: r.entry.labels.map((l) => ctx.text.categoryName(l)),
      scores: r.entry.scores,
      canonical: r.canonical,
      recordHash: r.recordHash,
      chainHash: r.chainHash,
    })),
  };
  return { json: JSON.stringify(doc, null, 2), finalHash };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const PRINT_CSS = `
body{font:11pt/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:24px auto;max-width:820px;padding:0 16px}
h1{font-size:18pt;margin:0 0 4px}
.meta{color:#444;font-size:10pt}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:8.5pt;word-break:break-all}
article{border:1px solid #999;border-radius:6px;padding:10px 14px;margin:14px 0;break-inside:avoid;page-break-inside:avoid}
article h2{font-size:12pt;margin:0 0 6px}
table{border-collapse:collapse;width:100%}
th{text-align:left;vertical-align:top;width:28%;color:#333;font-weight:600;padding:2px 8px 2px 0}
td{vertical-align:top;padding:2px 0;word-break:break-word}
blockquote{white-space:pre-wrap;margin:6px 0;padding:8px 10px;background:#f4f4f4;border-left:4px solid #b00020}
.proves{font-size:9.5pt;border:1px solid #999;border-radius:6px;padding:6px 10px}
.anchor{font-size:9.5pt}
.verify{font-size:9.5pt;color:#333;border-top:1px solid #999;margin-top:18px;padding-top:8px;white-space:pre-wrap}
@media print{body{margin:0;max-width:none}a{color:#000}}
`;

export async function toPrintableHtml(entries: LogEntry[], ctx: ExportContext): Promise<{ html: string; finalHash: string }> {
  const { records, finalHash } = await hashRecords(entries);
  const T = ctx.text;
  const c = T.columns;
  const e = escapeHtml;
  const row = (label: string, value: string, cls = ''): string => `<tr><th>${e(label)}</th><td${cls ? ` class="${cls}"` : ''}>${value}</td></tr>`;
  const link = (u: string | null): string => (u && /^https?:\/\//i.test(u) ? `<a href="${e(u)}">${e(u)}</a>` : e(u ?? '—'));
  const articles = records.map((r, i) => {
    const x = JSON.parse(r.canonical) as CanonicalRecord;
    return `<article class="record" data-index="${i + 1}" data-record-hash="${r.recordHash}" data-chain-hash="${r.chainHash}">
<h2>#${i + 1} · ${e(x.platform)} · ${e(x.author ?? '—')}</h2>
<blockquote class="text">${e(x.text)}</blockquote>
<table>
${row(c.platform, e(x.platform))}
${row(c.author, e(x.author ?? '—'))}
${row(c.displayName, e(x.displayName ?? '—'))}
${row(c.permalink, link(x.permalink))}
${row(c.pageUrl, link(x.pageUrl))}
${row(c.firstSeenUtc, e(x.firstSeenUtc))}
${row(c.firstSeenLocal, e(localTime(r.entry.firstSeen, ctx)))}
${row(c.categories, e(x.categories.map((id) => T.categoryName(id)).join(', ')) + ` <span class="hash">(${e(x.categories.join(' '))})</span>`)}
${row(c.action, e(x.action))}
${row(c.source, e(x.source))}
${row(c.language, e(x.language))}
${row(c.kind, e(x.kind))}
${row(c.thread, link(x.thread))}
${row(c.recordHash, e(r.recordHash), 'hash')}
${row(c.chainHash, e(r.chainHash), 'hash')}
</table>
</article>`;
  });
  const html = `<!doctype html>
<html lang="${T.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(T.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<h1>${e(T.title)}</h1>
<p>${e(T.intro)}</p>
<p class="meta">${e(T.exportedAt)}: ${e(ctx.now.toISOString())} (UTC) · ${e(localTime(ctx.now.getTime(), ctx))}<br>
${e(T.timezone)}: ${e(ctx.timeZone)} · ${e(T.count)}: ${records.length}<br>
${e(T.finalHash)}: <span class="hash" id="final-hash">${finalHash}</span></p>
<p class="proves">${e(T.proves)}</p>
<p class="anchor">${e(T.anchorLine)} ________________________________________</p>
${articles.join('\n')}
<div class="verify">${e(T.verifyHowTo)}</div>
</body>
</html>
`;
  return { html, finalHash };
}
