/**
 * The records of classify's input: a JSONL line or the rows of a CSV file, each an item {id, text} or a
 * "line N: reason" for a bad record; and the one warning for invalid UTF-8.
 */
import { readCsvRecords } from '../csv-records.ts';
import { CliError } from './args.ts';

export interface Item {
  id: unknown;
  text: string;
}

/** One JSONL line → an item, an error message, or null for a blank line. */
export function parseJsonlLine(line: string, n: number): Item | string | null {
  if (line.trim() === '') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return `line ${n}: invalid JSON (${(e as Error).message})`;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return `line ${n}: expected a JSON object {"id", "text"}`;
  const rec = obj as Record<string, unknown>;
  if (typeof rec['text'] !== 'string') return `line ${n}: "text" is missing or not a string`;
  return { id: 'id' in rec ? rec['id'] : n, text: rec['text'] };
}

export function parseCsv(content: string, errors: string[]): Item[] {
  const records = readCsvRecords(content);
  const header = records[0];
  if (!header) return [];
  if (header.error !== undefined) throw new CliError(`line ${header.line}: bad CSV header (${header.error})`);
  const textCol = header.fields.indexOf('text');
  const idCol = header.fields.indexOf('id');
  if (textCol < 0) throw new CliError(`CSV header has no "text" column (found: ${header.fields.join(', ')})`);
  const items: Item[] = [];
  records.slice(1).forEach((r, k) => {
    if (r.error !== undefined) {
      errors.push(`line ${r.line}: ${r.error}`);
      return;
    }
    if (r.fields.length !== header.fields.length) {
      errors.push(`line ${r.line}: ${r.fields.length} fields, the header has ${header.fields.length}`);
      return;
    }
    items.push({ id: idCol >= 0 ? r.fields[idCol] : k + 1, text: r.fields[textCol] as string });
  });
  return items;
}

/** One warning for the whole input: a Latin-1 file would otherwise give one line per record. */
export function warnInvalidUtf8(inputName: string, lines: number[], total: number): void {
  if (total === 0) return;
  const shown = lines.join(', ') + (total > lines.length ? `, … (${total} lines in all)` : '');
  process.stderr.write(
    `classify: warning: ${inputName} is not valid UTF-8 on line${total > 1 ? 's' : ''} ${shown}; ` +
      `the bad bytes were replaced by U+FFFD and those lines scored anyway, which can change their scores ` +
      `(if the file is Latin-1/Windows-1252, convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8)\n`,
  );
}
export const MAX_LINES_LISTED = 20;
