/**
 * Muted words and phrases, matched through the classifier's own normalisation so that muting
 * "salope" also catches "s4l0pe", "s.a.l.o.p.e" or "SALOOOPE". `*` is a wildcard inside a word
 * ("conn*" mutes "connasse", "connard"). Matching is on whole normalised words, so muting "con"
 * does not hide "content"; a phrase matches consecutive words.
 *
 * No regular expressions built from her input: each word is a glob matched greedily (linear, no
 * backtracking), so an entry like "a*b*a*b*…" cannot freeze the page on a long comment.
 */
import { normalize } from '../classifier/normalize';
import type { ListEntry } from '../store/lists';

export interface MutedMatcher {
  /**
   * The first muted entry found in the text for this platform, or null. `normalised` = normalize(text)
   * or a function computing it (only called when she has muted words).
   */
  match(text: string, platform: string, normalised?: string | (() => string)): ListEntry | null;
}

/** A word pattern: the literal pieces between wildcards (["conn", ""] for "conn*"). */
type WordGlob = string[];

// A letters-only placeholder survives normalisation unchanged, unlike "*".
const WILDCARD = 'qxwildcardq';

function words(normalised: string): string[] {
  return normalised.split(/\s+/).filter(Boolean);
}

/** Compile one entry to a sequence of word globs; null when it normalises to nothing useful. */
export function compileMutedEntry(value: string): WordGlob[] | null {
  const norm = normalize(value.replace(/\*+/g, ` ${WILDCARD} `).replace(/ (qxwildcardq) /g, (_m, w: string) => w));
  const globs = words(norm).map((w) => w.split(WILDCARD));
  // An entry made only of wildcards would hide everything: refuse it.
  if (globs.length === 0 || globs.every((g) => g.every((p) => p === ''))) return null;
  // Nor one made only of single characters ("x", or "zzz", which folds to "z" like "salooope" to
  // "salope"): it would hide any lone letter, and normalisation joins runs of lone letters ("s l u t"),
  // so it could not even be found reliably.
  if (globs.every((g) => g.length === 1 && [...g[0]!].length <= 1)) return null;
  return globs;
}

/** Does one word match a glob? Greedy leftmost search is exact for patterns with only `*`. */
export function globMatch(word: string, glob: WordGlob): boolean {
  if (glob.length === 1) return word === glob[0];
  const first = glob[0]!;
  const last = glob[glob.length - 1]!;
  if (word.length < first.length + last.length || !word.startsWith(first) || !word.endsWith(last)) return false;
  let pos = first.length;
  const end = word.length - last.length;
  for (let i = 1; i < glob.length - 1; i++) {
    const piece = glob[i]!;
    if (!piece) continue;
    const at = word.indexOf(piece, pos);
    if (at < 0 || at + piece.length > end) return false;
    pos = at + piece.length;
  }
  return true;
}

function phraseAt(text: string[], start: number, phrase: WordGlob[]): boolean {
  for (let j = 0; j < phrase.length; j++) if (!globMatch(text[start + j]!, phrase[j]!)) return false;
  return true;
}

export function createMutedMatcher(entries: ListEntry[]): MutedMatcher {
  const compiled = entries
    .map((entry) => ({ entry, phrase: compileMutedEntry(entry.value) }))
    .filter((c): c is { entry: ListEntry; phrase: WordGlob[] } => c.phrase !== null);
  return {
    match(text, platform, normalised) {
      if (compiled.length === 0) return null;
      const tokens = words(typeof normalised === 'function' ? normalised() : (normalised ?? normalize(text)));
      for (const c of compiled) {
        if (c.entry.platform !== null && c.entry.platform !== platform) continue;
        for (let i = 0; i + c.phrase.length <= tokens.length; i++) if (phraseAt(tokens, i, c.phrase)) return c.entry;
      }
      return null;
    },
  };
}
