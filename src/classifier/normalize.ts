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
 *
 * Split by job: cleaning the whole string (here), folding inside a word (normalize-fold.ts), cutting and
 * joining tokens (normalize-tokens.ts). No regular expression is built when these modules load: the
 * content script loads them at `document_start` on every page, and most pages never normalise a text
 * there (only her muted words, corrections and identifiers need it); each set is built on first use.
 */
import { foldChars } from './normalize-fold.ts';
import { finish, tokenize } from './normalize-tokens.ts';

interface CleanPatterns {
  loneSurrogate: RegExp;
  /** Invisible format characters (zero-width, soft hyphen, bidi controls, tags…), except ZWJ handled below. */
  invisible: RegExp;
  control: RegExp;
  url: RegExp;
  www: RegExp;
  email: RegExp;
  /** Only an '@' can start a match here, so this cheaply tells whether the e-mail regex can match at all. */
  emailHint: RegExp;
  mention: RegExp;
  capitalI: RegExp;
  nonAscii: RegExp;
  marksAndSkinTones: RegExp;
  strayZwj: RegExp;
}
let patterns: CleanPatterns | undefined;

function re(): CleanPatterns {
  return (patterns ??= {
    loneSurrogate: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    invisible: /(?!\u200D)[\p{Cf}\u180E\u115F\u1160\u3164\uFFA0]/gu,
    control: /[\p{Cc}\p{Zl}\p{Zp}]/gu,
    url: /(?:https?:\/\/|(?<![\p{L}\p{N}_.-])www\.)[^\s<>"]*/giu,
    www: /www\./i,
    email: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
    emailHint: /@[\p{L}\p{N}-]+\.[\p{L}\p{N}-]/u,
    mention: /(?<![\p{L}\p{N}_@$])@[\p{L}\p{N}_]+/gu,
    capitalI: /(?<=\p{Ll})I(?=\p{Ll})/gu,
    nonAscii: /\P{ASCII}/u,
    marksAndSkinTones: /[\p{M}\p{Emoji_Modifier}]/gu,
    strayZwj: /(?<!\p{Extended_Pictographic})\u200D|\u200D(?!\p{Extended_Pictographic})/gu,
  });
}

/** Normalised, space-separated tokens. Total: never throws, linear time. */
export function normalize(text: string): string {
  return normalizeTokens(text).join(' ');
}

/** Same as `normalize`, as an array of tokens (what the featurizer consumes). */
export function normalizeTokens(text: string): string[] {
  let s = typeof text === 'string' ? text : String(text ?? '');
  if (s.length === 0) return [];
  const p = re();
  s = s.replace(p.loneSurrogate, ' ').normalize('NFKC');
  s = s.replace(p.control, ' ').replace(p.invisible, '');
  // cheap pre-checks: most comments have no link or @, and these regexes cost a scan per word
  if (s.includes('://') || p.www.test(s)) s = s.replace(p.url, ' xurl ');
  if (s.includes('@')) {
    if (p.emailHint.test(s)) s = s.replace(p.email, ' xemail ');
    s = s.replace(p.mention, ' xuser ');
  }
  // A capital I between two lowercase letters is an l in disguise ("sIut", "saIope"); real words almost never
  // have one ("McIntosh" → "mclntosh" is the accepted cost).
  if (s.includes('I')) s = s.replace(p.capitalI, 'l');
  s = s.toLowerCase();
  if (p.nonAscii.test(s)) {
    // NFD + strip marks: é→e, kills zalgo, VS16 and keycap marks; skin tones map emoji to their base.
    s = s.normalize('NFD').replace(p.marksAndSkinTones, '');
    s = foldChars(s).replace(p.strayZwj, '');
  }
  return finish(tokenize(s));
}
