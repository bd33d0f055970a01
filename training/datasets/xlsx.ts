/**
 * Minimal .xlsx reader: the first worksheet as records keyed by the header row.
 * Why our own: only CyberAgression-Large ships as .xlsx, and a ZIP directory walk + inflate (node:zlib) +
 * a regex pass over SpreadsheetML is enough for plain tables, so training keeps no extra dependency.
 * Handles inline strings, shared strings (plain and rich text), numbers and booleans; formulas are read as
 * their cached value. Not a general spreadsheet parser (no dates, merged cells or multiple sheets).
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The entries of a ZIP archive, by name (stored or deflated entries only). */
export function unzip(buf: Buffer): Map<string, Buffer> {
  // End of central directory: signature 0x06054b50, searched backwards (a comment may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt ZIP central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    // Sizes come from the central directory: the local header may defer them to a data descriptor.
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (method === 0) out.set(name, Buffer.from(data));
    else if (method === 8) out.set(name, inflateRawSync(data));
    else throw new Error(`ZIP entry ${name}: unsupported compression method ${method}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then OOXML's `_xHHHH_` escapes (e.g. `_x000D_` for a carriage return kept from Excel). */
function xmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m),
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Concatenated `<t>` runs of a string item (`<si>` or `<is>`), which covers rich text. */
function runs(xml: string): string {
  let s = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) s += xmlText(m[1]!);
  return s;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const c of ref.replace(/[0-9]+$/, '')) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** The first worksheet's cells, row by row (missing cells are ''). */
export function readXlsxRows(path: string): string[][] {
  const zip = unzip(readFileSync(path));
  const shared: string[] = [];
  const sst = zip.get('xl/sharedStrings.xml');
  if (sst) for (const m of sst.toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(runs(m[1]!));
  const sheetName = [...zip.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).sort()[0];
  if (!sheetName) throw new Error(`${path}: no worksheet`);
  const sheet = zip.get(sheetName)!.toString('utf8');
  const rows: string[][] = [];
  for (const rm of sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const row: string[] = [];
    let next = 0;
    for (const cm of (rm[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1]!;
      const body = cm[2] ?? '';
      const ref = /\br="([A-Z]+[0-9]*)"/.exec(attrs)?.[1];
      const col = ref ? columnIndex(ref) : next;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 'inlineStr') value = runs(body);
      else if (type === 's') value = shared[Number(v)] ?? '';
      else if (v !== undefined) value = xmlText(v);
      while (row.length < col) row.push('');
      row[col] = value;
      next = col + 1;
    }
    rows.push(row);
  }
  return rows;
}

/** The first worksheet as records keyed by its header row (blank rows skipped). */
export function readXlsxRecords(path: string): Record<string, string>[] {
  const [header = [], ...body] = readXlsxRows(path);
  return body
    .filter((cells) => cells.some((c) => c !== ''))
    .map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
