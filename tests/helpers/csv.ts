/** Minimal RFC 4180 parser (quoted cells, doubled quotes, CRLF rows) for checking exports in tests; `sep` is ";" for French exports. */
export function parseCsv(s: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Undo the export's spreadsheet-formula neutralisation (one leading ' before = + - @ tab CR '). */
export const unneutralise = (v: string): string => (/^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v);
