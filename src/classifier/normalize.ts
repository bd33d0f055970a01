/**
 * Text normalisation shared by training (via featurize) and runtime, and reused by the extension for
 * muted words / doxxing matching. Output: lowercase, accent-free tokens joined by single spaces.
 *
 * Why each step exists: harassers obfuscate on purpose (s4l0pe, ѕlut with Cyrillic, s l u t, salooope,
 * zalgo, zero-width joiners) and French elides (t'es qu'une). Every obfuscation we fold here is one the
 * model never has to learn. The function is total (any string, including lone surrogates) and linear:
 * every regex is anchored by a look-behind or a fixed prefix so nothing backtracks catastrophically.
 *
 * Decisions (also in docs/classifier-contract.md):
 * - `@word` at a word start is a mention → `xuser` (platform semantics win, so "@ss" is lost);
 *   `@` inside a word is leet for `a` ("s@lope").
 * - e-mail addresses → `xemail`, URLs (http(s)://, www.) → `xurl`, `#tag` → `tag`.
 * - digits fold to letters only inside tokens that also contain letters, and only short digit runs:
 *   interior runs of ≤2 digits ("w0men", "s4l0pe", "sl00t"), or one digit leading ≥3 letters ("3ncule")
 *   or trailing ≥3 letters ("salop3"). "2024", "3 femmes", "covid-19", "mp3", "10h", "1er" are untouched.
 * - apostrophes always split ("t'es" → "t es", "don't" → "don t"); a letter before an apostrophe is never
 *   joined into a spelled-out word.
 * - ≥3 consecutive single-character tokens (letters or leet digits, ≥2 letters, at least one consonant
 *   other than y) are joined: "s l u t", "p.u.t.e", "p-u-t-e" → one word; "il y a à" stays.
 * - runs of ≥3 identical letters squeeze to one ("salooope" → "salope", also "coool" → "col").
 * - emoji: each pictographic cluster (ZWJ sequences, flags) is one token, skin tones and VS16 removed.
 * - punctuation is dropped; `*` inside a word is kept ("f*ck") because masking is itself a signal.
 */

const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '`', '\u00B4', '\u2018']);

/** Cyrillic/Greek/IPA look-alikes and Latin letters NFKC/NFD leave alone. Applied after lowercasing. */
const CHAR_FOLD: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ӏ: 'l', ԛ: 'q', ԝ: 'w', ү: 'y', һ: 'h', ɡ: 'g', ь: 'b',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ω: 'w', ς: 's', σ: 'o', μ: 'u', ϲ: 'c',
  // Latin letters without a decomposition
  œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', ŧ: 't', ɑ: 'a', ɩ: 'i', ʟ: 'l',
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ᴍ: 'm', ɴ: 'n', ᴏ: 'o',
  ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};

/** Digit → letter in leet spellings. 2 and 6 are ambiguous and never folded. */
const DIGIT_LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };
/** Symbol → letter when inside a word. */
const SYMBOL_LEET: Record<string, string> = { '@': 'a', $: 's', '€': 'e', '|': 'l', '!': 'i' };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Invisible format characters (zero-width, soft hyphen, bidi controls, tags…), except ZWJ handled below.
const INVISIBLE = /(?!\u200D)[\p{Cf}\u180E\u115F\u1160\u3164\uFFA0]/gu;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
const URL = /(?:https?:\/\/|(?<![\p{L}\p{N}_.-])www\.)[^\s<>"]*/giu;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Only an '@' can start a match here, so this cheaply tells whether the e-mail regex can match at all.
const EMAIL_HINT = /@[\p{L}\p{N}-]+\.[\p{L}\p{N}-]/u;
const MENTION = /(?<![\p{L}\p{N}_@$])@[\p{L}\p{N}_]+/gu;
const MARKS_AND_SKIN_TONES = /[\p{M}\p{Emoji_Modifier}]/gu;
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic})\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const NON_ASCII = /\P{ASCII}/u;
// Tokens: flag pairs, emoji ZWJ clusters, word-ish runs (letters, digits, leet symbols), apostrophes.
const TOKEN =
  /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic})*|[\p{L}\p{N}@$€|!*]+|['\u2019\u02BC`\u00B4\u2018]/gu;
const HAS_LETTER = /\p{L}/u;
const PICTO = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const IS_LETTER = /^\p{L}$/u;
const SQUEEZE = /(\p{L})\1{2,}/gu;
const EDGE_SYMBOL_SET = new Set(['@', '$', '€', '|', '!', '*']);

/** [start, end) of `run` without its leading/trailing leet symbols, with plain loops: the regex form
 * `[…]+$` is quadratic on "a!!!…!b". */
function edgeBounds(run: string): [number, number] {
  let a = 0;
  let b = run.length;
  while (a < b && EDGE_SYMBOL_SET.has(run[a] as string)) a++;
  while (b > a && EDGE_SYMBOL_SET.has(run[b - 1] as string)) b--;
  return [a, b];
}

/**
 * Masked abusive words ("b*tch", "f**k", "p*te") are unmasked when exactly one word of this list fits
 * (same length, each `*` standing for one letter); other words with `*` are kept as they are ("f*cking" is
 * listed, "m*th" is not). Plurals and common forms are listed explicitly.
 */
const UNMASK_WORDS = [
  // English
  'bitch', 'bitches', 'bitchy', 'slut', 'sluts', 'slutty', 'whore', 'whores', 'cunt', 'cunts', 'fuck', 'fucks',
  'fucking', 'fucker', 'fuckers', 'fucked', 'motherfucker', 'shit', 'shitty', 'bullshit', 'dick', 'dicks', 'cock',
  'cocks', 'pussy', 'pussies', 'twat', 'twats', 'skank', 'skanks', 'hoe', 'hoes', 'bastard', 'bastards', 'asshole',
  'assholes', 'faggot', 'faggots', 'fag', 'fags', 'retard', 'retards', 'retarded', 'rape', 'raped', 'rapist',
  'nigger', 'niggers', 'nigga', 'dyke', 'dykes', 'tranny', 'kill', 'die', 'tits', 'boobs', 'thot', 'thots',
  // French (accents are already folded)
  'pute', 'putes', 'putain', 'salope', 'salopes', 'salopard', 'connard', 'connards', 'connasse', 'connasses',
  'conne', 'connes', 'encule', 'enculee', 'encules', 'enculer', 'batard', 'batarde', 'chienne', 'chiennes', 'merde',
  'niquer', 'nique', 'pd', 'pede', 'pedes', 'tepu', 'pouffiasse', 'petasse', 'petasses', 'trainee', 'viol',
  'violer', 'tuer', 'crever', 'creve', 'bite', 'chatte', 'gouine', 'gouines', 'negre', 'bougnoule', 'tapette',
  'grognasse', 'garce', 'garces', 'catin', 'cagole', 'tchoin', 'michto', 'feminazie', 'feminazi', 'feminazis',
];
const UNMASK_BY_LENGTH = new Map<number, string[]>();
for (const w of UNMASK_WORDS) UNMASK_BY_LENGTH.set(w.length, [...(UNMASK_BY_LENGTH.get(w.length) ?? []), w]);
const UNMASK_SET = new Set(UNMASK_WORDS);

function unmask(word: string): string {
  if (!word.includes('*')) return word;
  const cands = UNMASK_BY_LENGTH.get(word.length);
  if (!cands || !/[a-z]/.test(word)) return word;
  let found: string | undefined;
  for (const c of cands) {
    let ok = true;
    for (let i = 0; i < word.length && ok; i++) ok = word[i] === '*' || word[i] === c[i];
    if (ok) {
      if (found !== undefined) return word; // ambiguous
      found = c;
    }
  }
  return found ?? word;
}

const DIGIT_GROUPS = /\p{N}+/gu;
const CAPITAL_I = /(?<=\p{Ll})I(?=\p{Ll})/gu;

interface RawToken {
  text: string;
  /** followed by an apostrophe: an elided French article/pronoun (t', j', l', qu'…) */
  elided: boolean;
  emoji: boolean;
}

const FOLD_RE = new RegExp(`[${Object.keys(CHAR_FOLD).join('')}]`, 'gu');

function foldChars(s: string): string {
  return s.replace(FOLD_RE, (ch) => CHAR_FOLD[ch] ?? ch);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Fold leet inside one word-ish run that contains at least one letter (see header for the digit rule). */
function foldLeetWord(run: string): string {
  // `$`/`€` glued to a word edge stand for s/e: leading before a letter ("$lut", "€ncule"), trailing after
  // ≥ 3 letters ("bitche$", "encul€", also "bitche$!!!"); other edge symbols are dropped ("salope!!!").
  const [a, b] = edgeBounds(run);
  let lead = '';
  let trail = '';
  const first = run[0] as string;
  if (a === 1 && (first === '$' || first === '€') && /\p{L}/u.test(run[1] ?? '')) lead = SYMBOL_LEET[first] as string;
  const last = run[b] as string | undefined;
  if ((last === '$' || last === '€') && b >= a + 3 && /^\p{L}{3}$/u.test(run.slice(b - 3, b))) trail = SYMBOL_LEET[last] as string;
  // Symbols first, so a digit next to a folded symbol sees letters ("a@3a" → "aaea", stable on re-run).
  let word = Array.from(lead + run.slice(a, b) + trail, (c) => SYMBOL_LEET[c] ?? c).join('');
  // Folding a digit lengthens letter runs, which can make a neighbouring digit foldable ("4w0men"):
  // repeat to a fixpoint (at most one pass per digit) so normalize stays idempotent.
  for (;;) {
    const next = foldDigits(word);
    if (next === word) return unmask(word);
    word = next;
  }
}

function foldDigits(word: string): string {
  const chars = Array.from(word);
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (isDigit(c)) {
      let j = i;
      while (j < chars.length && isDigit(chars[j] as string)) j++;
      const digits = chars.slice(i, j);
      const len = j - i;
      const lettersBefore = countLetters(chars, i - 1, -1);
      const lettersAfter = countLetters(chars, j, 1);
      const foldable = digits.every((d) => d in DIGIT_LEET);
      const fold =
        foldable &&
        ((len <= 2 && lettersBefore > 0 && lettersAfter > 0) ||
          (len === 1 && i === 0 && lettersAfter >= 3) ||
          (len === 1 && j === chars.length && lettersBefore >= 3));
      for (const d of digits) out.push(fold ? (DIGIT_LEET[d] as string) : d);
      i = j;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join('');
}

/** Count consecutive letters from index `start` walking by `step`. */
function countLetters(chars: string[], start: number, step: 1 | -1): number {
  let n = 0;
  for (let k = start; k >= 0 && k < chars.length; k += step) {
    if (!HAS_LETTER.test(chars[k] as string)) break;
    n++;
  }
  return n;
}

const PLAIN_ASCII_WORD = /^[a-z]+$/;

function squeezeAscii(w: string): string {
  for (let i = 2; i < w.length; i++) {
    if (w.charCodeAt(i) === w.charCodeAt(i - 1) && w.charCodeAt(i) === w.charCodeAt(i - 2)) return w.replace(SQUEEZE, '$1');
  }
  return w;
}

/** Turn one word-ish run into 0..n output tokens. */
function wordTokens(run: string): string[] {
  if (PLAIN_ASCII_WORD.test(run)) return [squeezeAscii(run)]; // fast path for the common case
  if (!HAS_LETTER.test(run)) return run.match(DIGIT_GROUPS) ?? []; // numbers stay numbers
  const folded = foldLeetWord(run).replace(SQUEEZE, '$1');
  return folded.length > 0 ? [folded] : [];
}

function tokenize(s: string): RawToken[] {
  const toks: RawToken[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const t = m[0];
    if (APOSTROPHES.has(t)) {
      const prev = toks[toks.length - 1];
      // only an apostrophe glued to the previous word marks an elision
      if (prev && m.index !== undefined && m.index > 0 && s[m.index - 1] !== ' ') prev.elided = true;
      continue;
    }
    const c0 = t.codePointAt(0) ?? 0;
    const emoji = c0 >= 0xa9 && PICTO.test(String.fromCodePoint(c0));
    toks.push({ text: t, elided: false, emoji });
  }
  return toks;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** A single letter or leet digit that may be part of a spelled-out word ("s l u t", "p.u.t.e"). */
/** A word after folding, remembering whether it was an elided letter (glued to an apostrophe). */
interface Item {
  text: string;
  elided: boolean;
  emoji: boolean;
}

/** A single letter or digit that may be part of a spelled-out word ("s l u t", "p.u.t.e", "s l 0 t"). */
function isSpellable(t: Item): boolean {
  if (t.elided || t.emoji) return false;
  const c = t.text;
  if (c.length !== 1 && !(c.length === 2 && (c.codePointAt(0) ?? 0) > 0xffff)) return false;
  return IS_LETTER.test(c) || isDigit(c);
}

function joinSpelled(run: Item[]): string[] | null {
  if (run.length < 3) return null;
  const letters = run.filter((t) => IS_LETTER.test(t.text));
  if (letters.length < 2 || !letters.some((t) => !VOWELS.has(t.text))) return null;
  // "you are a b i t c h": a leading one-letter word (a, i, y) is not part of the spelled word when the rest
  // alone is a listed word (see UNMASK_WORDS) and the whole run is not.
  const first = (run[0] as Item).text;
  if (run.length >= 4 && (first === 'a' || first === 'i' || first === 'y')) {
    const whole = wordTokens(run.map((t) => t.text).join(''));
    const rest = wordTokens(run.slice(1).map((t) => t.text).join(''));
    if (rest.length === 1 && UNMASK_SET.has(rest[0] as string) && !(whole.length === 1 && UNMASK_SET.has(whole[0] as string))) {
      return [first, ...rest];
    }
    return whole;
  }
  return wordTokens(run.map((t) => t.text).join(''));
}

function finish(raw: RawToken[]): string[] {
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

/** Normalised, space-separated tokens. Total: never throws, linear time. */
export function normalize(text: string): string {
  return normalizeTokens(text).join(' ');
}

/** Same as `normalize`, as an array of tokens (what the featurizer consumes). */
export function normalizeTokens(text: string): string[] {
  let s = typeof text === 'string' ? text : String(text ?? '');
  if (s.length === 0) return [];
  s = s.replace(LONE_SURROGATE, ' ').normalize('NFKC');
  s = s.replace(CONTROL, ' ').replace(INVISIBLE, '');
  // cheap pre-checks: most comments have no link or @, and these regexes cost a scan per word
  if (s.includes('://') || /www\./i.test(s)) s = s.replace(URL, ' xurl ');
  if (s.includes('@')) {
    if (EMAIL_HINT.test(s)) s = s.replace(EMAIL, ' xemail ');
    s = s.replace(MENTION, ' xuser ');
  }
  // A capital I between two lowercase letters is an l in disguise ("sIut", "saIope"); real words almost never
  // have one ("McIntosh" → "mclntosh" is the accepted cost).
  if (s.includes('I')) s = s.replace(CAPITAL_I, 'l');
  s = s.toLowerCase();
  if (NON_ASCII.test(s)) {
    // NFD + strip marks: é→e, kills zalgo, VS16 and keycap marks; skin tones map emoji to their base.
    s = s.normalize('NFD').replace(MARKS_AND_SKIN_TONES, '');
    s = foldChars(s).replace(STRAY_ZWJ, '');
  }
  return finish(tokenize(s));
}
