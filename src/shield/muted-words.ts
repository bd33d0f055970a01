/**
 * Muted words and phrases, matched through the classifier's own normalisation so that muting
 * "salope" also catches "s4l0pe", "s.a.l.o.p.e" or "SALOOOPE". `*` is a wildcard inside a word
 * ("conn*" mutes "connasse", "connard"). Matching is on whole normalised words, so muting "con"
 * does not hide "content".
 */
import { normalize } from '../classifier/normalize';
import type { ListEntry } from '../store/lists';

export interface MutedMatcher {
  /** The first muted entry found in the text for this platform, or null. */
  match(text: string, platform: string): ListEntry | null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regexp over normalised text for one muted entry; null when the entry normalises to nothing. */
export function compileMutedEntry(value: string): RegExp | null {
  // Normalise each wildcard-separated piece on its own so "*" survives normalisation.
  const pieces = value.split('*').map((p) => (p.trim() ? normalize(p).trim() : ''));
  if (pieces.every((p) => !p)) return null;
  const body = pieces.map((p) => p.split(/\s+/).filter(Boolean).map(escapeRegExp).join('\\s+')).join('[^\\s]*');
  // Word boundaries that also work for letters outside ASCII.
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${body}(?=$|[^\\p{L}\\p{N}])`, 'u');
}

export function createMutedMatcher(entries: ListEntry[]): MutedMatcher {
  const compiled = entries
    .map((entry) => ({ entry, re: compileMutedEntry(entry.value) }))
    .filter((c): c is { entry: ListEntry; re: RegExp } => c.re !== null);
  return {
    match(text, platform) {
      if (compiled.length === 0) return null;
      const norm = normalize(text);
      for (const c of compiled) {
        if (c.entry.platform !== null && c.entry.platform !== platform) continue;
        if (c.re.test(norm)) return c.entry;
      }
      return null;
    },
  };
}
