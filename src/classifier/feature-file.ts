/**
 * Compact binary of featurized rows, written by training/build-dataset.ts and read by training/train.py
 * (numpy.frombuffer, no parsing loop). Layout (all little-endian), documented in docs/classifier-contract.md:
 *
 *   0   4 bytes  magic "BFT1"
 *   4   u32      H = byte length of the header JSON (space-padded so that 8 + H is a multiple of 4)
 *   8   H bytes  UTF-8 JSON { featurizerVersion, K, buckets, tMax, maxChunks, rows, chunks, tokens }
 *   ..  u32[rows + 1]    rowChunkStart: row r owns chunks [rowChunkStart[r], rowChunkStart[r+1])
 *   ..  u32[chunks + 1]  chunkTokenStart: chunk c owns token positions [chunkTokenStart[c], chunkTokenStart[c+1])
 *   ..  i32[tokens * K]  ids: token position p has ids[p*K .. p*K+K)
 *
 * Rows are in the order they were pushed (the builder writes rows.jsonl in the same order).
 * A row with no tokens has zero chunks.
 */
import { FEATURIZER, FEATURIZER_VERSION, chunkLength, type FeatureChunk } from './featurize.ts';

const MAGIC = [0x42, 0x46, 0x54, 0x31]; // "BFT1"

export interface FeatureFileHeader {
  featurizerVersion: string;
  K: number;
  buckets: number;
  tMax: number;
  maxChunks: number;
  rows: number;
  chunks: number;
  tokens: number;
}

/** Growable typed array, to avoid holding a JS array of per-row typed arrays for 100k+ rows. */
class GrowableU32 {
  buf = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
}

class GrowableI32 {
  buf = new Int32Array(1 << 16);
  length = 0;
  append(src: Int32Array): void {
    if (this.length + src.length > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.length + src.length) cap *= 2;
      const next = new Int32Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(src, this.length);
    this.length += src.length;
  }
}

export class FeatureFileBuilder {
  private rowChunkStart = new GrowableU32();
  private chunkTokenStart = new GrowableU32();
  private ids = new GrowableI32();
  private tokens = 0;

  constructor() {
    this.rowChunkStart.push(0);
    this.chunkTokenStart.push(0);
  }

  get rows(): number {
    return this.rowChunkStart.length - 1;
  }

  /** Append one row's chunks (the output of featurize). */
  push(chunks: readonly FeatureChunk[]): void {
    for (const c of chunks) {
      this.ids.append(c);
      this.tokens += chunkLength(c);
      this.chunkTokenStart.push(this.tokens);
    }
    this.rowChunkStart.push(this.chunkTokenStart.length - 1);
  }

  toBytes(): Uint8Array {
    const header: FeatureFileHeader = {
      featurizerVersion: FEATURIZER_VERSION,
      K: FEATURIZER.K,
      buckets: FEATURIZER.BUCKETS,
      tMax: FEATURIZER.T_MAX,
      maxChunks: FEATURIZER.MAX_CHUNKS,
      rows: this.rows,
      chunks: this.chunkTokenStart.length - 1,
      tokens: this.tokens,
    };
    let json = new TextEncoder().encode(JSON.stringify(header));
    const pad = (4 - ((8 + json.length) % 4)) % 4;
    if (pad) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
    const sizes = [8, json.length, this.rowChunkStart.length * 4, this.chunkTokenStart.length * 4, this.ids.length * 4];
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    out.set(MAGIC, 0);
    view.setUint32(4, json.length, true);
    out.set(json, 8);
    let off = 8 + json.length;
    const writeU32 = (arr: Uint32Array | Int32Array, n: number): void => {
      for (let i = 0; i < n; i++, off += 4) view.setUint32(off, (arr[i] as number) >>> 0, true);
    };
    writeU32(this.rowChunkStart.buf, this.rowChunkStart.length);
    writeU32(this.chunkTokenStart.buf, this.chunkTokenStart.length);
    writeU32(this.ids.buf, this.ids.length);
    return out;
  }
}

/** Read a feature file back into per-row chunks (for tests and tooling; training reads it with numpy). */
export function readFeatureFile(bytes: Uint8Array): { header: FeatureFileHeader; rows: FeatureChunk[][] } {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a Bouclier feature file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + h))) as FeatureFileHeader;
  let off = 8 + h;
  const readU32 = (n: number): number[] => {
    const a: number[] = [];
    for (let i = 0; i < n; i++, off += 4) a.push(view.getUint32(off, true));
    return a;
  };
  const rowStart = readU32(header.rows + 1);
  const chunkStart = readU32(header.chunks + 1);
  const idsStart = off;
  const rows: FeatureChunk[][] = [];
  for (let r = 0; r < header.rows; r++) {
    const chunks: FeatureChunk[] = [];
    for (let c = rowStart[r] as number; c < (rowStart[r + 1] as number); c++) {
      const t0 = chunkStart[c] as number;
      const t1 = chunkStart[c + 1] as number;
      const chunk = new Int32Array((t1 - t0) * header.K);
      for (let i = 0; i < chunk.length; i++) chunk[i] = view.getInt32(idsStart + (t0 * header.K + i) * 4, true);
      chunks.push(chunk);
    }
    rows.push(chunks);
  }
  return { header, rows };
}
