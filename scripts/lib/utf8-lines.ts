/**
 * UTF-8 decoding for the classify CLI that notices bad bytes instead of hiding them: Node's own decoders
 * silently turn invalid sequences into U+FFFD, so a Latin-1 file would be scored as mangled text with no
 * sign of it. Lines are split on LF (a trailing CR is dropped) and checked one by one, so the warning can
 * name them; a multi-byte sequence never contains the LF byte, so splitting before decoding is safe.
 */
import { isUtf8 } from 'node:buffer';

export interface DecodedLine {
  /** 1-based physical line number. */
  line: number;
  text: string;
  /** The line held bytes that are not UTF-8; they were replaced by U+FFFD in `text`. */
  invalidUtf8: boolean;
}

const LF = 0x0a;
const CR = 0x0d;

function hasBom(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function decodeLine(bytes: Buffer, line: number): DecodedLine {
  let b = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
  // a BOM (as Windows editors write) would otherwise make the first JSON line invalid
  if (line === 1 && hasBom(b)) b = b.subarray(3);
  return { line, text: b.toString('utf8'), invalidUtf8: !isUtf8(b) };
}

/** Stream lines from bytes (a file or stdin) without holding more than one line in memory. */
export async function* utf8Lines(source: AsyncIterable<Buffer | string>): AsyncGenerator<DecodedLine> {
  let pending: Buffer[] = [];
  let line = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let nl = buf.indexOf(LF, start); nl >= 0; nl = buf.indexOf(LF, start)) {
      pending.push(buf.subarray(start, nl));
      yield decodeLine(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending), ++line);
      pending = [];
      start = nl + 1;
    }
    if (start < buf.length) pending.push(buf.subarray(start));
  }
  if (pending.length > 0) yield decodeLine(Buffer.concat(pending), ++line);
}

/** Decode a whole buffer (CSV is read whole), listing the 1-based lines that held invalid UTF-8. */
export function decodeUtf8(buf: Buffer): { text: string; invalidLines: number[] } {
  const invalidLines: number[] = [];
  if (!isUtf8(buf)) {
    let line = 0;
    let start = 0;
    while (start <= buf.length) {
      const nl = buf.indexOf(LF, start);
      const end = nl < 0 ? buf.length : nl;
      line++;
      if (!isUtf8(buf.subarray(start, end))) invalidLines.push(line);
      if (nl < 0) break;
      start = nl + 1;
    }
  }
  return { text: buf.toString('utf8'), invalidLines };
}
