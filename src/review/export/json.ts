/**
 * JSON export: the verifiable one. Each record carries its canonical string (the hashed bytes, ids as
 * logged), the same fields spread for reading, their names in her language, and her own annotations
 * (kept as evidence, her feedback), which are not hashed. Read back by verify.ts.
 */
import type { LogEntry } from '../types';
import { EVIDENCE_FORMAT, formatVersion, hashRecords, type CanonicalRecord } from '../hash-chain';
import { mainReason } from '../dossier';
import { exportable, localTime, type ExportContext } from './context';

const iso = (ms: number | null | undefined): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);

export async function toJson(all: LogEntry[], ctx: ExportContext): Promise<{ json: string; finalHash: string; count: number }> {
  const entries = exportable(all, ctx);
  const { records, finalHash } = await hashRecords(entries);
  const doc = {
    format: EVIDENCE_FORMAT,
    version: formatVersion(records),
    exportedAtUtc: ctx.now.toISOString(),
    timeZone: ctx.timeZone,
    language: ctx.text.lang,
    hashing: {
      record: 'SHA-256 over the UTF-8 bytes of "canonical" (JSON, fixed key order, see src/review/hash-chain.ts)',
      chain: 'h_0 = 32 zero bytes; h_i = SHA-256(h_(i-1) || record_hash_i) over raw digests; finalHash = h_n',
      proves: ctx.text.proves,
    },
    ...(ctx.dossier ? { dossier: { platform: ctx.dossier.platform, author: ctx.dossier.author } } : {}),
    includesNotAbusive: !!ctx.includeNotAbusive,
    count: records.length,
    finalHash,
    records: records.map((r, i) => {
      const e = r.entry;
      const reason = mainReason(e);
      return {
        index: i + 1,
        ...(JSON.parse(r.canonical) as CanonicalRecord),
        firstSeenLocal: localTime(e.firstSeen, ctx),
        ...(e.postedAt ? { postedAtLocal: localTime(Date.parse(e.postedAt), ctx) } : {}),
        mainReason: reason,
        mainReasonName: reason ? ctx.text.categoryName(reason) : null,
        categoryNames: e.labels.map((l) => ctx.text.categoryName(l)),
        scores: e.scores,
        keptAsEvidence: typeof e.pinnedAt === 'number',
        keptAsEvidenceSinceUtc: iso(e.pinnedAt),
        feedback: e.feedback,
        feedbackAtUtc: e.feedback ? iso(e.feedbackAt) : null,
        canonical: r.canonical,
        recordHash: r.recordHash,
        chainHash: r.chainHash,
      };
    }),
  };
  return { json: JSON.stringify(doc, null, 2), finalHash, count: records.length };
}
