/**
 * Our own contrast rows (source `bouclier-contrast`): `training/contrast/*.jsonl`, written by annotators, one
 * JSON object a line: {"text", "lang": "en"|"fr", "family", "hostile": 0|1, "labels": [...], "target", "pair": id|null}.
 *
 * Labels: hostile 0 → every label 0. hostile 1 → the listed labels 1, toxic 1, the others unknown (null):
 * annotators named the labels that stood out, so an unlisted one is not an annotation.
 * Split: the rows of one pair share a split key, so a minimal pair never straddles train/dev/test.
 * Files may be absent or still being written: a malformed line (e.g. a half-written last line) is skipped with a
 * warning naming file:line.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LABELS, type Label } from '../../src/classifier/labels.ts';
import type { RowLabels, SourceRow } from './types.ts';

export const CONTRAST_SOURCE = 'bouclier-contrast';

const WOMEN_TARGET = /\b(wom[ae]n|girls?|females?|ladies|lady|femmes?|filles?|meufs?|nanas?|feminis\w*|féminis\w*)\b/i;

export interface ContrastRead {
  rows: SourceRow[];
  /** Malformed lines skipped. */
  skipped: number;
  files: number;
}

/** Why a parsed line is unusable, or null when it is fine. */
function problem(o: unknown): string | null {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'not a JSON object';
  const r = o as Record<string, unknown>;
  if (typeof r['text'] !== 'string' || r['text'].trim() === '') return 'missing or empty "text"';
  if (r['lang'] !== 'en' && r['lang'] !== 'fr') return `"lang" must be "en" or "fr" (got ${JSON.stringify(r['lang'])})`;
  if (r['hostile'] !== 0 && r['hostile'] !== 1) return `"hostile" must be 0 or 1 (got ${JSON.stringify(r['hostile'])})`;
  const ls = r['labels'];
  if (!Array.isArray(ls)) return '"labels" must be an array';
  const bad = ls.filter((l) => !(LABELS as readonly unknown[]).includes(l));
  if (bad.length) return `unknown label(s) ${JSON.stringify(bad)}`;
  if (r['hostile'] === 0 && ls.length > 0) return 'hostile 0 with labels listed';
  if (r['family'] !== undefined && r['family'] !== null && typeof r['family'] !== 'string') return '"family" must be a string';
  const pair = r['pair'];
  if (pair !== undefined && pair !== null && typeof pair !== 'string' && typeof pair !== 'number') return '"pair" must be a string, a number or null';
  return null;
}

/** Reads every `*.jsonl` of `dir` (absent folder → no rows). `warn` receives one message per skipped line. */
export function readContrast(dir: string, warn: (msg: string) => void = (m) => console.warn(m)): ContrastRead {
  if (!existsSync(dir)) return { rows: [], skipped: 0, files: 0 };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const rows: SourceRow[] = [];
  let skipped = 0;
  for (const file of files) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${join(basename(dir), file)}:${i + 1}`;
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch (e) {
        skipped++;
        warn(`${where}: skipped, invalid JSON (${(e as Error).message})`);
        return;
      }
      const why = problem(o);
      if (why !== null) {
        skipped++;
        warn(`${where}: skipped, ${why}`);
        return;
      }
      const r = o as { text: string; lang: 'en' | 'fr'; hostile: 0 | 1; labels: Label[]; family?: string | null; target?: unknown; pair?: string | number | null };
      const listed = new Set(r.labels);
      const hostile = r.hostile === 1;
      // A hostile line's unlisted labels are unknown, not 0: annotators named the labels that stood out
      // (a pile-on call marked threat may well be misogynous too), and a confident 0 there contradicts the
      // public sets on the same kind of text.
      const value = (l: Label): 0 | 1 | null => (!hostile ? 0 : listed.has(l) || l === 'toxic' ? 1 : null);
      const pair = r.pair === undefined || r.pair === null ? undefined : String(r.pair);
      const target = typeof r.target === 'string' && r.target.trim() !== '' && !/^(none|null|-)$/i.test(r.target.trim()) ? r.target : undefined;
      rows.push({
        text: r.text,
        lang: r.lang,
        source: CONTRAST_SOURCE,
        labels: Object.fromEntries(LABELS.map((l) => [l, value(l)])) as RowLabels,
        // Without a pair the builder hashes the normalised text, as for any unpaired row.
        ...(pair !== undefined ? { splitKey: `contrast:${pair}`, pair } : {}),
        ...(r.family ? { kind: r.family } : {}),
        ...(target !== undefined ? { target: WOMEN_TARGET.test(target) ? ('women' as const) : ('other' as const) } : {}),
      });
    });
  }
  return { rows, skipped, files: files.length };
}
