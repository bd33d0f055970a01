/**
 * Evidence export: CSV, JSON and a printable report of log records, each record hashed and the whole
 * export chained. This module is the one door to it; the parts:
 *   hash-chain.ts        what is hashed (canonical form v1/v2) and the chain;
 *   export/context.ts    what an export holds (items she marked "not abusive" only when she asks),
 *                        times and scores in her language;
 *   export/words.ts      stored ids as words of her language;
 *   export/csv.ts, export/json.ts, export/report.ts   the three formats.
 *
 * What it proves, and what it does not: the chain has no key and no outside anchor, so anyone who
 * edits records can recompute every hash and produce a file that verifies. Checking an export
 * (verify.ts: the review page's "Verify" tab and `npm run verify-evidence`, one implementation)
 * proves the records are unchanged since its final hash was recorded somewhere independent (an
 * e-mail she sent herself at export time, a message to a lawyer); without such a record it shows only
 * that the file is internally consistent. That is why the review page shows the final hash after
 * each export and asks her to send it away at once. Nor does a hash prove that the platform showed
 * that text: keep the permalink and, if you can, a screenshot.
 */
export {
  CHAIN_START,
  EVIDENCE_FORMAT,
  EVIDENCE_VERSION,
  canonicalJson,
  canonicalRecord,
  chainNext,
  hashRecords,
  hex,
  recordDigest,
  verifyChain,
  type CanonicalRecord,
  type HashedRecord,
} from './hash-chain';
export { exportTextFrom, type ExportLang, type ExportText, type Messages } from './export/text';
export { exportable, localTime, type ExportContext } from './export/context';
export { csvCell, csvSeparator, toCsv } from './export/csv';
export { toJson } from './export/json';
export { escapeHtml, toPrintableHtml } from './export/report';
