/**
 * Folding inside one word (see normalize.ts for the rules): look-alike letters, leet digits and symbols,
 * and masked abusive words ("b*tch"). Every regular expression and lookup table built from code is built
 * on first use, not when the module loads: the content script imports this at `document_start`, and a
 * page that never needs a text normalised should not pay for them.
 */

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
const EDGE_SYMBOL_SET = new Set(['@', '$', '€', '|', '!', '*']);

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

interface FoldTables {
  foldRe: RegExp;
  hasLetter: RegExp;
  threeLetters: RegExp;
  unmaskByLength: Map<number, string[]>;
  unmaskSet: Set<string>;
}
let tables: FoldTables | undefined;

/** Built once, on the first word that needs them. */
function fold(): FoldTables {
  if (tables) return tables;
  const unmaskByLength = new Map<number, string[]>();
  for (const w of UNMASK_WORDS) unmaskByLength.set(w.length, [...(unmaskByLength.get(w.length) ?? []), w]);
  tables = {
    foldRe: new RegExp(`[${Object.keys(CHAR_FOLD).join('')}]`, 'gu'),
    hasLetter: /\p{L}/u,
    threeLetters: /^\p{L}{3}$/u,
    unmaskByLength,
    unmaskSet: new Set(UNMASK_WORDS),
  };
  return tables;
}

/** Is this word one of the listed abusive words (UNMASK_WORDS)? */
export function isListedWord(word: string): boolean {
  return fold().unmaskSet.has(word);
}

/** Does this one character (or string) hold a letter? */
export function hasLetter(s: string): boolean {
  return fold().hasLetter.test(s);
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function foldChars(s: string): string {
  return s.replace(fold().foldRe, (ch) => CHAR_FOLD[ch] ?? ch);
}

/** [start, end) of `run` without its leading/trailing leet symbols, with plain loops: the regex form
 * `[…]+$` is quadratic on "a!!!…!b". */
function edgeBounds(run: string): [number, number] {
  let a = 0;
  let b = run.length;
  while (a < b && EDGE_SYMBOL_SET.has(run[a] as string)) a++;
  while (b > a && EDGE_SYMBOL_SET.has(run[b - 1] as string)) b--;
  return [a, b];
}

function unmask(word: string): string {
  if (!word.includes('*')) return word;
  const cands = fold().unmaskByLength.get(word.length);
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

/** Fold leet inside one word-ish run that contains at least one letter (see normalize.ts for the digit rule). */
export function foldLeetWord(run: string): string {
  const { hasLetter: letter, threeLetters } = fold();
  // `$`/`€` glued to a word edge stand for s/e: leading before a letter ("$lut", "€ncule"), trailing after
  // ≥ 3 letters ("bitche$", "encul€", also "bitche$!!!"); other edge symbols are dropped ("salope!!!").
  const [a, b] = edgeBounds(run);
  let lead = '';
  let trail = '';
  const first = run[0] as string;
  if (a === 1 && (first === '$' || first === '€') && letter.test(run[1] ?? '')) lead = SYMBOL_LEET[first] as string;
  const last = run[b] as string | undefined;
  if ((last === '$' || last === '€') && b >= a + 3 && threeLetters.test(run.slice(b - 3, b))) trail = SYMBOL_LEET[last] as string;
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
  const letter = fold().hasLetter;
  let n = 0;
  for (let k = start; k >= 0 && k < chars.length; k += step) {
    if (!letter.test(chars[k] as string)) break;
    n++;
  }
  return n;
}
