/**
 * From a cleaned, lowercased string to output tokens (see normalize.ts for the rules): word-ish runs,
 * emoji clusters and apostrophes are cut out, each run is folded (normalize-fold.ts), and runs of single
 * letters are joined into the word they spell ("s l u t"). Regular expressions are built on first use.
 */
import { foldLeetWord, hasLetter, isDigit, isListedWord } from './normalize-fold.ts';

const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '`', '\u00B4', '\u2018']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const PLAIN_ASCII_WORD = /^[a-z]+$/;

interface TokenPatterns {
  /** Tokens: flag pairs, emoji ZWJ clusters, word-ish runs (letters, digits, leet symbols), apostrophes. */
  token: RegExp;
  picto: RegExp;
  isLetter: RegExp;
  squeeze: RegExp;
  digitGroups: RegExp;
}
let patterns: TokenPatterns | undefined;

function re(): TokenPatterns {
  return (patterns ??= {
    token:
      /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic})*|[\p{L}\p{N}@$€|!*]+|['\u2019\u02BC`\u00B4\u2018]/gu,
    picto: /\p{Extended_Pictographic}|\p{Regional_Indicator}/u,
    isLetter: /^\p{L}$/u,
    squeeze: /(\p{L})\1{2,}/gu,
    digitGroups: /\p{N}+/gu,
  });
}

interface RawToken {
  text: string;
  /** followed by an apostrophe: an elided French article/pronoun (t', j', l', qu'…) */
  elided: boolean;
  emoji: boolean;
}

/** A word after folding, remembering whether it was an elided letter (glued to an apostrophe). */
interface Item {
  text: string;
  elided: boolean;
  emoji: boolean;
}

function squeezeAscii(w: string): string {
  for (let i = 2; i < w.length; i++) {
    if (w.charCodeAt(i) === w.charCodeAt(i - 1) && w.charCodeAt(i) === w.charCodeAt(i - 2)) return w.replace(re().squeeze, '$1');
  }
  return w;
}

/** Turn one word-ish run into 0..n output tokens. */
function wordTokens(run: string): string[] {
  if (PLAIN_ASCII_WORD.test(run)) return [squeezeAscii(run)]; // fast path for the common case
  if (!hasLetter(run)) return run.match(re().digitGroups) ?? []; // numbers stay numbers
  const folded = foldLeetWord(run).replace(re().squeeze, '$1');
  return folded.length > 0 ? [folded] : [];
}

export function tokenize(s: string): RawToken[] {
  const { token, picto } = re();
  const toks: RawToken[] = [];
  for (const m of s.matchAll(token)) {
    const t = m[0];
    if (APOSTROPHES.has(t)) {
      const prev = toks[toks.length - 1];
      // only an apostrophe glued to the previous word marks an elision
      if (prev && m.index !== undefined && m.index > 0 && s[m.index - 1] !== ' ') prev.elided = true;
      continue;
    }
    const c0 = t.codePointAt(0) ?? 0;
    const emoji = c0 >= 0xa9 && picto.test(String.fromCodePoint(c0));
    toks.push({ text: t, elided: false, emoji });
  }
  return toks;
}

/** A single letter or digit that may be part of a spelled-out word ("s l u t", "p.u.t.e", "s l 0 t"). */
function isSpellable(t: Item): boolean {
  if (t.elided || t.emoji) return false;
  const c = t.text;
  if (c.length !== 1 && !(c.length === 2 && (c.codePointAt(0) ?? 0) > 0xffff)) return false;
  return re().isLetter.test(c) || isDigit(c);
}

function joinSpelled(run: Item[]): string[] | null {
  if (run.length < 3) return null;
  const isLetter = re().isLetter;
  const letters = run.filter((t) => isLetter.test(t.text));
  if (letters.length < 2 || !letters.some((t) => !VOWELS.has(t.text))) return null;
  // "you are a b i t c h": a leading one-letter word (a, i, y) is not part of the spelled word when the rest
  // alone is a listed word (see UNMASK_WORDS) and the whole run is not.
  const first = (run[0] as Item).text;
  if (run.length >= 4 && (first === 'a' || first === 'i' || first === 'y')) {
    const whole = wordTokens(run.map((t) => t.text).join(''));
    const rest = wordTokens(run.slice(1).map((t) => t.text).join(''));
    if (rest.length === 1 && isListedWord(rest[0] as string) && !(whole.length === 1 && isListedWord(whole[0] as string))) {
      return [first, ...rest];
    }
    return whole;
  }
  return wordTokens(run.map((t) => t.text).join(''));
}

export function finish(raw: RawToken[]): string[] {
  // Fold each raw token first; spelled-out detection runs on folded words so a re-run sees the same items.
  const items: Item[] = [];
  for (const r of raw) {
    if (r.emoji) {
      items.push({ text: r.text, elided: false, emoji: true });
      continue;
    }
    const words = wordTokens(r.text);
    words.forEach((w, k) => items.push({ text: w, elided: r.elided && k === words.length - 1, emoji: false }));
  }
  const out: string[] = [];
  let i = 0;
  while (i < items.length) {
    if (!isSpellable(items[i] as Item)) {
      out.push((items[i] as Item).text);
      i++;
      continue;
    }
    let j = i;
    while (j < items.length && isSpellable(items[j] as Item)) j++;
    const run = items.slice(i, j);
    // a loop, not push(...xs): a spread of 100k+ tokens overflows the call stack
    for (const w of joinSpelled(run) ?? run.map((t) => t.text)) out.push(w);
    i = j;
  }
  return out;
}
