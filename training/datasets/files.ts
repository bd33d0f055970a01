/** Reading a staged dataset's files, for the readers. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Split } from './types.ts';

/** A UTF-8 file of a dataset folder. */
export const readPlain = (dir: string, ...parts: string[]): string => readFileSync(join(dir, ...parts), 'utf8');

/** Reads `name`, or `name.gz` when only the compressed copy is staged. */
export function readText(dir: string, ...parts: string[]): string {
  const path = join(dir, ...parts);
  if (path.endsWith('.gz')) return gunzipSync(readFileSync(path)).toString('utf8');
  if (!existsSync(path) && existsSync(`${path}.gz`)) return gunzipSync(readFileSync(`${path}.gz`)).toString('utf8');
  return readFileSync(path, 'utf8');
}

export const num = (s: string | undefined): number => Number.parseFloat(s ?? '');

/** A source's own train/dev/test column, kept when it has one of those values. */
export function officialSplit(s: string | undefined): Split | undefined {
  if (s === 'train' || s === 'dev' || s === 'test') return s;
  return undefined;
}
