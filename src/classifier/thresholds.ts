/**
 * models/model.json → per-level thresholds, and scores → flags. Shared by the CLI and the extension so
 * "flagged" means the same thing everywhere: a label is flagged when its score ≥ the level's threshold.
 */
import { LABELS, LEVELS, type Label, type Level, type LevelThresholds, type Scores } from './labels.ts';

export interface ModelInfo {
  featurizerVersion: string;
  thresholds: LevelThresholds;
  defaultLevel: Level;
  /** the rest of model.json (metrics summary etc.), untouched */
  raw: Record<string, unknown>;
}

export type Flags = Record<Label, boolean>;

function isLevel(v: unknown): v is Level {
  return typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
}

/** Validate model.json; throws a message naming the bad field. */
export function parseModelJson(json: unknown): ModelInfo {
  if (typeof json !== 'object' || json === null) throw new Error('model.json is not an object');
  const raw = json as Record<string, unknown>;
  const fv = raw['featurizerVersion'];
  if (typeof fv !== 'string') throw new Error('model.json: missing featurizerVersion');
  const labels = raw['labels'];
  if (labels !== undefined && JSON.stringify(labels) !== JSON.stringify(LABELS)) {
    throw new Error(`model.json: labels ${JSON.stringify(labels)} differ from ${JSON.stringify(LABELS)}`);
  }
  const t = raw['thresholds'] as Record<string, Record<string, unknown> | undefined> | undefined;
  if (typeof t !== 'object' || t === null) throw new Error('model.json: missing thresholds');
  const thresholds = {} as LevelThresholds;
  for (const level of LEVELS) {
    const row = t[level];
    if (!row) throw new Error(`model.json: missing thresholds.${level}`);
    const s = {} as Scores;
    for (const label of LABELS) {
      const v = row[label];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`model.json: bad thresholds.${level}.${label}`);
      s[label] = v;
    }
    thresholds[level] = s;
  }
  const dl = raw['defaultLevel'] ?? 'balanced';
  if (!isLevel(dl)) throw new Error(`model.json: bad defaultLevel ${JSON.stringify(dl)}`);
  return { featurizerVersion: fv, thresholds, defaultLevel: dl, raw };
}

export function flagsFor(scores: Scores, thresholds: LevelThresholds, level: Level): Flags {
  const th = thresholds[level];
  return Object.fromEntries(LABELS.map((l) => [l, scores[l] >= th[l]])) as Flags;
}

export function anyFlag(flags: Flags): boolean {
  return LABELS.some((l) => flags[l]);
}
