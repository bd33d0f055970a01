/**
 * Her own identifiers (names, usernames, city, employer, children's names), matched through the shared
 * `normalize()` so obfuscations fold the same way they do for the classifier: "m4rie dup0nt", "M a r i e",
 * "D.u.p.o.n.t", "marie_dupont". Matching is done on windows of whole original words, so every match maps
 * back to original offsets without an index map, and "Anne" never matches "Annecy". An @-mention of her
 * handle ("@marie_dupont tu dis…") is NOT doxxing: replies to her carry it.
 *
 * The window scan only runs when the compacted normalised text contains the identifier at all.
 */
import { normalize } from '../classifier/normalize';
import { span, type DoxxSpan } from './doxxing-kinds';

/** What she entered (names, usernames, street, city, employer, children's names). Device-only. */
export interface OwnIdentifier {
  /** As she typed it, e.g. "Marie Dupont", "@marie_dupont", "rue des Lilas". */
  value: string;
}

/** Identifiers shorter than this (after normalisation, spaces removed) are ignored: too many false alarms. */
export const MIN_IDENTIFIER_CHARS = 3;

interface OwnPatterns {
  /** A leading "@" of a handle. */
  handleAt: RegExp;
  /** Original-text words: letters, digits and the leet symbols normalize() reads as letters. */
  rawWord: RegExp;
}
let patterns: OwnPatterns | undefined;

function re(): OwnPatterns {
  return (patterns ??= { handleAt: /(^|[\s(])@(?=[\p{L}\p{N}_])/gu, rawWord: /[\p{L}\p{N}@$€|!*]+/gu });
}

/** Normalised, spaces removed; a leading "@" is dropped first so handles are not turned into `xuser`. */
export function compactKey(s: string): string {
  return normalize(s.replace(re().handleAt, '$1')).replace(/ /g, '');
}

export interface CompiledIdentifiers {
  keys: string[];
}

/** Precompute the keys once per settings change. */
export function compileIdentifiers(ids: readonly (OwnIdentifier | string)[]): CompiledIdentifiers {
  const keys = new Set<string>();
  for (const id of ids) {
    const v = typeof id === 'string' ? id : id.value;
    if (typeof v !== 'string') continue;
    const k = compactKey(v.slice(0, 200));
    if ([...k].length >= MIN_IDENTIFIER_CHARS) keys.add(k);
  }
  return { keys: [...keys] };
}

export function ownIdentifierSpans(text: string, compiled: CompiledIdentifiers): DoxxSpan[] {
  if (compiled.keys.length === 0) return [];
  const whole = compactKey(text);
  const present = compiled.keys.filter((k) => whole.includes(k));
  if (present.length === 0) return [];
  const words = [...text.matchAll(re().rawWord)].map((m) => ({ start: m.index, end: m.index + m[0].length, chars: m[0].length }));
  const out: DoxxSpan[] = [];
  for (const key of present) {
    const budget = key.length * 2 + 4; // raw characters a window may hold before it cannot fold to `key`
    let i = 0;
    while (i < words.length) {
      let matchedEnd = -1;
      let chars = 0;
      for (let j = i; j < words.length; j++) {
        chars += words[j]!.chars;
        if (chars > budget) break;
        const w = compactKey(text.slice(words[i]!.start, words[j]!.end));
        if (w === key) {
          matchedEnd = j;
          break;
        }
        // Folding is per character once spaces are removed, so a window that is not a prefix of the key
        // cannot grow into it: stop at once (keeps huge texts linear in their word count).
        if (!key.startsWith(w)) break;
      }
      // An @-mention addresses her (replies to her carry her handle): that is not publishing her data.
      const start = words[i]!.start;
      if (matchedEnd >= 0 && (text[start] === '@' || text[start - 1] === '@')) {
        i = matchedEnd + 1;
        continue;
      }
      if (matchedEnd >= 0) {
        out.push(span('own_identifier', start, words[matchedEnd]!.end));
        i = matchedEnd + 1;
      } else i++;
    }
  }
  return out;
}

/** Identifiers at least this long count inside a longer handle ("marie_dupont2" holds "mariedupont"). */
const LOOKALIKE_MIN_CHARS = 5;

/**
 * Does this handle or shown name fold to one of her identifiers (or hold a long one)? Never a reason to
 * exempt anyone: only to refuse an impersonator's "my address" as their own.
 */
export function looksLikeHer(name: string | null | undefined, compiled: CompiledIdentifiers): boolean {
  if (!name || compiled.keys.length === 0) return false;
  const k = compactKey(name.slice(0, 200));
  if (k.length < MIN_IDENTIFIER_CHARS) return false;
  return compiled.keys.some((key) => key === k || (key.length >= LOOKALIKE_MIN_CHARS && k.includes(key)));
}
