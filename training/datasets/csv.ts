/**
 * Minimal RFC 4180 CSV/TSV reader (quoted fields, doubled quotes, newlines inside quotes).
 * Why our own: the datasets are small, and one dependency-free reader keeps the training
 * pipeline reproducible from `npm ci` alone.
 */
export function parseDelimited(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  // Strip a UTF-8 BOM so the first header name is clean.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      inQuotes = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses a delimited file with a header row into objects keyed by column name. */
export function parseRecords(text: string, delimiter = ','): Record<string, string>[] {
  const rows = parseDelimited(text, delimiter);
  const header = rows[0] ?? [];
  const out: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    if (cells.length === 1 && cells[0] === '') continue; // blank line
    const rec: Record<string, string> = {};
    header.forEach((name, idx) => {
      rec[name] = cells[idx] ?? '';
    });
    out.push(rec);
  }
  return out;
}
