/**
 * CSV export, opened by a spreadsheet as columns in her language: French uses ";" between cells (the
 * list separator of French Excel, where "," is the decimal comma); English uses ",". Both start with
 * a UTF-8 byte-order mark so Excel reads accents right, and end rows with CRLF (RFC 4180).
 *
 * Every value is written in words (no "blur", "model", "comment" or category ids) and every cell is
 * quoted (quotes doubled, newlines kept inside). A cell starting with = + - @ tab, carriage return or
 * ' gets a leading ' so a spreadsheet never runs it as a formula. The record and chain hashes are
 * those of the JSON export of the same records, which is the one to verify.
 */
import type { LogEntry } from '../types';
import { hashRecords } from '../hash-chain';
import { mainReason } from '../dossier';
import { categoriesWithScores, exportable, localTime, wordsOf, type ExportContext } from './context';

const FORMULA_START = /^[=+\-@\t\r']/;

/** One CSV cell: neutralise spreadsheet formulas, always quote, double quotes. */
export function csvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${v.replace(/"/g, '""')}"`;
}

export const csvSeparator = (lang: 'fr' | 'en'): string => (lang === 'fr' ? ';' : ',');

const COLUMNS = [
  'export_col_index', 'export_col_platform', 'export_col_kind', 'export_col_author', 'export_col_display_name', 'export_col_permalink',
  'export_col_page_url', 'export_col_thread', 'export_col_posted_at_utc', 'export_col_posted_at_local', 'export_col_first_seen_utc',
  'export_col_first_seen_local', 'export_col_text', 'export_col_main_reason', 'export_col_scores', 'export_col_action', 'export_col_source',
  'export_col_language', 'export_col_parent', 'export_col_parent_author', 'export_col_target', 'export_col_screenshot', 'export_col_kept',
  'export_col_feedback', 'export_col_feedback_at', 'export_col_record_hash', 'export_col_chain_hash',
] as const;

export async function toCsv(all: LogEntry[], ctx: ExportContext): Promise<{ csv: string; finalHash: string; count: number }> {
  const entries = exportable(all, ctx);
  const { records, finalHash } = await hashRecords(entries);
  const w = wordsOf(ctx);
  const when = (ms: number | null | undefined): string => (typeof ms === 'number' ? localTime(ms, ctx) : '');
  const rows = records.map((r, i) => {
    const e = r.entry;
    const posted = e.postedAt ? Date.parse(e.postedAt) : null;
    const reason = mainReason(e);
    return [
      String(i + 1), w.platform(e.platform), w.kind(e.kind), e.author ?? '', e.displayName ?? '', e.permalink ?? '',
      e.pageUrl, e.thread, e.postedAt ?? '', when(posted), new Date(e.firstSeen).toISOString(),
      localTime(e.firstSeen, ctx), e.text, reason ? w.category(reason) : '', categoriesWithScores(e, ctx), w.action(e.action), w.source(e.source),
      w.language(e.lang), e.parent?.permalink ?? '', e.parent?.author ?? '', e.target ?? '', e.screenshot ?? '', when(e.pinnedAt),
      e.feedback ? w.feedback(e.feedback) : '', when(e.feedbackAt), r.recordHash, r.chainHash,
    ];
  });
  const sep = csvSeparator(ctx.text.lang);
  const header = COLUMNS.map((k) => ctx.text.msg(k));
  const csv = '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(sep)).join('\r\n') + '\r\n';
  return { csv, finalHash, count: records.length };
}
