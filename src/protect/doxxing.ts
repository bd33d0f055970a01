/**
 * Doxxing detectors: personal data published in a reply (a phone number, an e-mail address, a street
 * address, a licence plate, or one of HER OWN identifiers she entered on this device).
 *
 * Every span is reported on the ORIGINAL text (`start`/`end` are UTF-16 offsets into the string the
 * caller passed), so the shield and the review log can point at exactly what was published.
 *
 * Generic patterns (phone, email, address, plate) are regular expressions written to stay quiet on
 * the numbers people write all day: prices ("12,50 €", "$1,234.56"), dates ("12/03/2024",
 * "2024-03-12"), times, years, percentages, scores ("3-1"), ISBNs and order numbers. Precision matters
 * more than recall here: a span found means the item is flagged `doxxing` whatever the sensitivity.
 *
 * Her own identifiers (names, usernames, city, employer, children's names) are matched through the
 * shared `normalize()` so obfuscations fold the same way they do for the classifier: "m4rie dup0nt",
 * "M a r i e", "D.u.p.o.n.t", "marie_dupont". Matching is done on windows of whole original words, so
 * every match maps back to original offsets without an index map, and "Anne" never matches "Annecy".
 * An @-mention of her handle ("@marie_dupont tu dis…") is NOT doxxing: replies to her carry it.
 *
 * Pure module: no DOM, no storage. Linear-ish: the own-identifier search only runs its window scan when
 * the compacted normalised text contains the identifier at all.
 */
import { normalize } from '../classifier/normalize';

export type DoxxKind = 'phone' | 'email' | 'address' | 'plate' | 'own_identifier';
export const DOXX_KINDS: readonly DoxxKind[] = ['phone', 'email', 'address', 'plate', 'own_identifier'];
const ALL_KINDS: ReadonlySet<DoxxKind> = new Set(DOXX_KINDS);

export interface DoxxSpan {
  label: 'doxxing';
  kind: DoxxKind;
  start: number;
  end: number;
}

/** Texts longer than this are only searched in their first MAX_CHARS characters. */
export const MAX_CHARS = 20_000;

const span = (kind: DoxxKind, start: number, end: number): DoxxSpan => ({ label: 'doxxing', kind, start, end });

// ---------------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------------

const SEP = '[ .\\-\\u00A0]?';
/** French numbers: 0X XX XX XX XX, +33 X XX…, 0033 X…, +33 (0)X…; separators space . - or none. */
const FR_PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}+/,.:-])(?:(?:\\+|00)33${SEP}(?:\\(0\\)${SEP})?|0)[1-9](?:${SEP}\\d{2}){4}(?![\\p{N}]|[.,/:-]\\d)`,
  'gu',
);
/** International E.164 with a plus: +CC then 7..14 more digits in groups (spaces, dots, dashes, parentheses). */
const INTL_PHONE = /(?<![\p{L}\p{N}+])\+[1-9]\d{0,2}(?:[ .\-\u00A0]?\(?\d{1,4}\)?){2,6}(?![\p{N}]|[.,/:-]\d)/gu;
/** North-American numbers without a plus: (555) 123-4567, 555-123-4567, 555.123.4567 (separators required). */
const NANP_PHONE = /(?<![\p{L}\p{N}+/,.:-])(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\p{N}]|[.,/:-]\d)/gu;
/** Words just before a number that say it is not a phone number. */
const NOT_PHONE_BEFORE =
  /(?:commande|order|n°|no\.?|num[eé]ro de (?:commande|suivi|colis|dossier|facture)|r[eé]f(?:[eé]rence)?|facture|invoice|siret|siren|iban|isbn|tracking|suivi|colis|ticket|dossier|#)[^\S\n]*[:#]?[^\S\n]*$/iu; // same line only: a "#" or "$" on another line is no cover
/** Units just after a number that say it is a quantity. */
const NOT_PHONE_AFTER = /^[^\S\n]*(?:€|\$|£|%|eur|euros?|dollars?|usd|abonn[eé]s|followers|vues|views|likes|km|kg|habitants)\b/iu;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

/** The fewest digits any phone pattern below accepts (international: 8). */
const MIN_PHONE_DIGITS = 8;

function phoneSpans(text: string): DoxxSpan[] {
  const out: DoxxSpan[] = [];
  // Cheap pre-check: the patterns below scan every position of the text, and most comments with a
  // number ("3 ans", "(42)", "2024") hold far fewer digits than any phone number.
  if (digitCount(text) < MIN_PHONE_DIGITS) return out;
  const consider = (re: RegExp, minDigits: number, maxDigits: number) => {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      const digits = m[0].replace(/\D/g, '');
      const n = digitCount(m[0]);
      if (n < minDigits || n > maxDigits) continue;
      if (/0{5,}/.test(digits)) continue; // "+10 000 000 followers"
      if (NOT_PHONE_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
      if (NOT_PHONE_AFTER.test(text.slice(end, end + 20))) continue;
      out.push(span('phone', start, end));
    }
  };
  consider(FR_PHONE, 10, 13);
  consider(INTL_PHONE, 8, 15);
  consider(NANP_PHONE, 10, 10);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// E-mail addresses (plain and obfuscated)
// ---------------------------------------------------------------------------------------------------

const PLAIN_EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const LOCAL = '[\\p{L}\\p{N}._%+-]+';
const LABEL = '[\\p{L}\\p{N}-]+';
const OPEN = '[\\[\\(\\{<]';
const CLOSE = '[\\]\\)\\}>]';
/** "[at]", "(at)", "{arobase}", " at ", " arobase ", "@" with spaces. */
const AT = `(?:\\s*${OPEN}\\s*(?:at|arobase|@)\\s*${CLOSE}\\s*|\\s+(?:at|arobase)\\s+|\\s+@\\s*|\\s*@\\s+)`;
/** "[dot]", "(point)", " dot ", " point ", "." */
const DOT = `(?:\\s*${OPEN}\\s*(?:dot|point|\\.)\\s*${CLOSE}\\s*|\\s+(?:dot|point)\\s+|\\.)`;
const TLD =
  '(?:com|fr|net|org|io|be|ch|ca|uk|co|de|eu|info|me|us|biz|lu|it|es|nl|pt|re|gp|mq|nc|pf|yt|ma|dz|tn|sn|ci|edu|gouv|gov|ac)';
const OBFUSCATED_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL})*?${DOT}${TLD}(?![\\p{L}\\p{N}])`,
  'giu',
);

const MAIL_PROVIDERS =
  /^(?:gmail|googlemail|hotmail|yahoo|outlook|orange|free|sfr|laposte|wanadoo|icloud|protonmail|proton|live|msn|gmx|aol|yandex|mail|bbox|neuf|numericable|caramail|me)$/i;

const MAYBE_EMAIL = /@|\bat\b|arobase/i;

function emailSpans(text: string): DoxxSpan[] {
  const out: DoxxSpan[] = [];
  if (!MAYBE_EMAIL.test(text)) return out; // cheap pre-check: the regexes below scan every word otherwise
  if (text.includes('@')) for (const m of text.matchAll(PLAIN_EMAIL)) out.push(span('email', m.index, m.index + m[0].length));
  for (const m of text.matchAll(OBFUSCATED_EMAIL)) {
    // A bare English " at " is a common word ("meet me at home dot com"): only with a known mail provider.
    const s = m[0];
    const bareAt = /^\S+\s+at\s+([\p{L}\p{N}-]+)/iu.exec(s);
    if (bareAt && !MAIL_PROVIDERS.test(bareAt[1] ?? '')) continue;
    out.push(span('email', m.index, m.index + s.length));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Street addresses
// ---------------------------------------------------------------------------------------------------

/**
 * Case-insensitive letters for a regex source WITHOUT the `i` flag (with `iu`, \p{Lu} would match
 * lower case too, and street-name words must be capitalised to be taken as part of the name).
 */
function ci(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    if (lo === up) out += c;
    else out += inClass ? lo + up : `[${lo}${up}]`;
  }
  return out;
}

/** French way types that are unambiguous after a number ("12 rue …"). */
const FR_WAY_STRONG = ci("rue|avenue|av\\.?|boulevard|bd|bld|blvd|all[ée]e|impasse|imp\\.|quai|chauss[ée]e|lotissement|r[ée]sidence|faubourg|fbg|rte|sentier|hameau|lieu-dit|rond-point|villa|cit[ée]");
/**
 * Ways that are also ordinary words ("2 cours de maths", "3 place de libre", "170 Square Miles"): need a
 * particle then a capitalised name ("10 place de la République"), or a postcode.
 */
const FR_WAY_WEAK = ci('place|pl\\.|cours|route|chemin|passage|square|voie|parvis|promenade|esplanade|mail');
const FR_PARTICLES = ci("(?:de\\s+la\\s+|de\\s+l['’]\\s*|d['’]\\s*|du\\s+|des\\s+|de\\s+|la\\s+|le\\s+|les\\s+|l['’]\\s*)");
const NAME_WORD = "[\\p{L}][\\p{L}'’\\-]*";
/** Up to 4 further words of the street name: capitalised words, particles, numbers ("8 mai 1945"). */
const FR_NAME_TAIL = `(?:\\s+(?:(?:de|du|des|la|le|les|sur|sous|en|et|aux?|d['’]|l['’])\\s+|[dl]['’]\\s*)?(?:\\p{Lu}[\\p{L}'’\\-]*|\\d{1,4}(?![\\p{N}])))*`;
const POSTCODE_CITY = `(?:\\s*,?\\s*(?:\\d{5}|\\d{2}\\s\\d{3})\\s+\\p{L}[\\p{L}'’\\-]*(?:[\\s\\-]+(?:(?:sur|sous|en|le|la|les|de|du|des|lès|les|saint|st|ste)[\\s\\-]+)?\\p{Lu}[\\p{L}'’\\-]*){0,3}(?:\\s+(?:cedex|CEDEX|Cedex)(?:\\s+\\d{1,2})?)?)`;
const FR_NUMBER = '(?<![\\p{L}\\p{N},./:-])\\d{1,4}(?:\\s?(?:bis|ter|quater|[a-dA-D])(?![\\p{L}]))?\\s*,?\\s+';
const FR_ADDRESS_STRONG = new RegExp(
  `${FR_NUMBER}(?:${FR_WAY_STRONG})(?![\\p{L}])\\s*${FR_PARTICLES}?${NAME_WORD}${FR_NAME_TAIL}${POSTCODE_CITY}?`,
  'gu',
);
const FR_ADDRESS_WEAK = new RegExp(
  `${FR_NUMBER}(?:${FR_WAY_WEAK})(?![\\p{L}])\\s*(?:${FR_PARTICLES}(?:\\p{Lu}[\\p{L}'’\\-]*)${FR_NAME_TAIL}${POSTCODE_CITY}?|${FR_PARTICLES}?${NAME_WORD}${FR_NAME_TAIL}${POSTCODE_CITY})`,
  'gu',
);
/** No house number but a postcode: "rue de la Paix, 75002 Paris". */
const FR_ADDRESS_NO_NUMBER = new RegExp(
  `(?<![\\p{L}])(?:${FR_WAY_STRONG}|${FR_WAY_WEAK})(?![\\p{L}])\\s*${FR_PARTICLES}?${NAME_WORD}${FR_NAME_TAIL}${POSTCODE_CITY}`,
  'gu',
);

const EN_SUFFIX_STRONG = 'street|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|parkway|pkwy|highway|hwy|terrace|crescent';
const EN_SUFFIX_WEAK = 'st|dr|ct|court|pl|place|way|close|sq|square|row|gardens|mews';
const EN_UNIT = `(?:\\s*,?\\s*(?:apt|apartment|suite|ste|unit|flat|#)\\.?\\s*#?\\s*[\\p{L}\\p{N}-]{1,6})`;
const EN_CITY_ZIP = `(?:\\s*,\\s*\\p{Lu}[\\p{L}.'’\\-]*(?:\\s+\\p{Lu}[\\p{L}.'’\\-]*){0,2}(?:\\s*,\\s*|\\s+)(?:[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}))`;
const EN_NUMBER = '(?<![\\p{L}\\p{N},./:$£€-])\\d{1,5}[A-Za-z]?\\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\\.?\\s+)?';
/** A numbered street name: "46 Ave", "5th Avenue", "42nd Street". */
const EN_ORDINAL = '\\d{1,3}(?:st|nd|rd|th)?';
/** Lower-case street names are accepted with an unambiguous suffix, unless a name word is a common word. */
const EN_ADDRESS_ANY_CASE = new RegExp(
  `${EN_NUMBER}((?:(?:[\\p{L}][\\p{L}'’\\-]*|${EN_ORDINAL})\\s+){1,3})(?:${EN_SUFFIX_STRONG})\\.?(?![\\p{L}])${EN_UNIT}?${EN_CITY_ZIP}?`,
  'giu',
);
const EN_ADDRESS_CAPITALISED = new RegExp(
  `${EN_NUMBER}((?:(?:\\p{Lu}[\\p{L}'’\\-]*|${EN_ORDINAL})\\s+){1,3})(?:${EN_SUFFIX_STRONG}|${EN_SUFFIX_WEAK})(?:\\.|(?![\\p{L}]))${EN_UNIT}?${EN_CITY_ZIP}?`,
  'giu',
);
const EN_COMMON = new Set(
  'the a an my your his her our their its this that these those down up on in at to of for from and or but with by over into is are was were be it we you they he she i me us them miles mile km minutes minute min hours hour days day weeks week months month years year times more other same new old big small main first last next every each whole wrong right long short dead end one two three four five six seven eight nine ten hundred thousand people dogs cats cars followers k'.split(
    ' ',
  ),
);

/** Every address pattern names a kind of way ("rue", "avenue", "street", "rd"…): most comments name none. */
const ANY_WAY = new RegExp(`(?<![\\p{L}])(?:${FR_WAY_STRONG}|${FR_WAY_WEAK}|${EN_SUFFIX_STRONG}|${EN_SUFFIX_WEAK})(?![\\p{L}])`, 'iu');

function addressSpans(text: string): DoxxSpan[] {
  if (!ANY_WAY.test(text)) return [];
  const out: DoxxSpan[] = [];
  const trimEnd = (s: string) => s.replace(/[\s,]+$/u, '');
  for (const re of [FR_ADDRESS_STRONG, FR_ADDRESS_WEAK, FR_ADDRESS_NO_NUMBER]) {
    for (const m of text.matchAll(re)) out.push(span('address', m.index, m.index + trimEnd(m[0]).length));
  }
  for (const m of text.matchAll(EN_ADDRESS_ANY_CASE)) {
    const words = (m[1] ?? '').trim().toLowerCase().split(/\s+/);
    if (words.some((w) => EN_COMMON.has(w))) continue;
    out.push(span('address', m.index, m.index + trimEnd(m[0]).length));
  }
  for (const m of text.matchAll(EN_ADDRESS_CAPITALISED)) {
    const words = (m[1] ?? '').trim().split(/\s+/);
    // Case-insensitive flag makes \p{Lu} match anything: check capitals by hand.
    if (!words.every((w) => w[0] !== undefined && (/\d/.test(w[0]) || w[0] !== w[0].toLowerCase()))) continue;
    if (words.some((w) => EN_COMMON.has(w.toLowerCase()))) continue;
    out.push(span('address', m.index, m.index + trimEnd(m[0]).length));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Licence plates
// ---------------------------------------------------------------------------------------------------

/**
 * French SIV (since 2009): AB-123-CD or AB 123 CD (letters without I, O, U). Separators required: without
 * them the shape is a product code ("VG278HE"). Upper case, or any case with dashes.
 */
const FR_SIV = /(?<![\p{L}\p{N}-])[A-HJ-NP-TV-Z]{2}([ -])\d{3}\1[A-HJ-NP-TV-Z]{2}(?![\p{L}\p{N}]|-\p{N})/gu;
const FR_SIV_LOWER = /(?<![\p{L}\p{N}-])[a-hj-np-tv-z]{2}-\d{3}-[a-hj-np-tv-z]{2}(?![\p{L}\p{N}])/gu;
/** French FNI (before 2009): 1234 AB 75, 123 ABC 2A, 12 AB 971. Upper case only, spaces required, 2-4 digits, 2-3 letters. */
const FR_FNI = /(?<![\p{L}\p{N}.,])\d{2,4} ([A-Z]{2,3}) (?:\d{2}|2A|2B|97[1-6])(?![\p{L}\p{N}]|[.,]\d)/gu;
/** UK (since 2001): AB12 CDE, with its space (without it the shape is a handle or product code: "TB12FAN"). */
const UK_PLATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2} [A-Z]{3}(?![\p{L}\p{N}])/gu;
/** Letter groups that are units or currencies, not plate letters ("16 GB 20", "12 HT 50"). */
const NOT_PLATE_LETTERS = new Set(
  'GB MB KB TB GO MO KO TO HT TTC EUR USD GBP KM CM MM KG MG ML PM AM BC AD VS PS NB OK MW KW HP FPS CV NE NW SE SW'.split(' '),
);

/**
 * A plain (non-Unicode, no look-behind) superset of the plate shapes below, which V8 scans fast: most
 * texts with a number hold no plate shape at all.
 */
const MAYBE_PLATE = /[A-Za-z]{2}[ -]\d{3}[ -][A-Za-z]{2}|\d{2} [A-Z]{2,3} [0-9]|[A-Z]{2}\d{2} [A-Z]{3}/;

function plateSpans(text: string): DoxxSpan[] {
  const out: DoxxSpan[] = [];
  if (!MAYBE_PLATE.test(text)) return out;
  for (const re of [FR_SIV, FR_SIV_LOWER, UK_PLATE]) {
    for (const m of text.matchAll(re)) out.push(span('plate', m.index, m.index + m[0].length));
  }
  for (const m of text.matchAll(FR_FNI)) {
    if (NOT_PLATE_LETTERS.has(m[1] ?? '')) continue;
    out.push(span('plate', m.index, m.index + m[0].length));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Her own identifiers
// ---------------------------------------------------------------------------------------------------

/** What she entered (names, usernames, street, city, employer, children's names). Device-only. */
export interface OwnIdentifier {
  /** As she typed it, e.g. "Marie Dupont", "@marie_dupont", "rue des Lilas". */
  value: string;
}

/** Identifiers shorter than this (after normalisation, spaces removed) are ignored: too many false alarms. */
export const MIN_IDENTIFIER_CHARS = 3;

/** Normalised, spaces removed; a leading "@" is dropped first so handles are not turned into `xuser`. */
export function compactKey(s: string): string {
  return normalize(s.replace(/(^|[\s(])@(?=[\p{L}\p{N}_])/gu, '$1')).replace(/ /g, '');
}

/** Original-text words: letters, digits and the leet symbols normalize() reads as letters. */
const RAW_WORD = /[\p{L}\p{N}@$€|!*]+/gu;

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

function ownIdentifierSpans(text: string, compiled: CompiledIdentifiers): DoxxSpan[] {
  if (compiled.keys.length === 0) return [];
  const whole = compactKey(text);
  const present = compiled.keys.filter((k) => whole.includes(k));
  if (present.length === 0) return [];
  const words = [...text.matchAll(RAW_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, chars: m[0].length }));
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

// ---------------------------------------------------------------------------------------------------
// All together
// ---------------------------------------------------------------------------------------------------

export interface DoxxOptions {
  /** Her own identifiers (compiled with compileIdentifiers, or raw strings). */
  own?: CompiledIdentifiers | readonly string[];
  /** Only these kinds (default: all). */
  kinds?: readonly DoxxKind[];
}

/** Drop spans contained in another span of the same kind; sort by position. */
function tidy(spans: DoxxSpan[]): DoxxSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DoxxSpan[] = [];
  for (const s of spans) {
    if (out.some((o) => o.kind === s.kind && o.start <= s.start && o.end >= s.end)) continue;
    out.push(s);
  }
  return out;
}

/** Personal data found in `text`, as spans on the original text. Total: never throws. */
export function findDoxxing(text: string, opts: DoxxOptions = {}): DoxxSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const kinds = opts.kinds ? new Set(opts.kinds) : ALL_KINDS;
  const spans: DoxxSpan[] = [];
  try {
    if (kinds.has('phone')) spans.push(...phoneSpans(t));
    if (kinds.has('email')) spans.push(...emailSpans(t));
    // Every address and plate pattern contains a number: most comments have none, and these regexes
    // are the costly part of scanning a 2,000-comment thread.
    const hasNumber = /\p{N}/u.test(t);
    if (hasNumber && kinds.has('address')) spans.push(...addressSpans(t));
    if (hasNumber && kinds.has('plate')) spans.push(...plateSpans(t));
    if (kinds.has('own_identifier') && opts.own) {
      const compiled = Array.isArray(opts.own) ? compileIdentifiers(opts.own as string[]) : (opts.own as CompiledIdentifiers);
      spans.push(...ownIdentifierSpans(t, compiled));
    }
  } catch {
    // A detector bug must never break the page: report what was found so far.
  }
  if (spans.length === 0) return spans; // most comments
  // A phone number inside an address or e-mail is reported once, as the larger kind.
  const tidied = tidy(spans);
  return tidied.filter(
    (s) => !(s.kind === 'phone' && tidied.some((o) => o !== s && o.kind === 'email' && o.start <= s.start && o.end >= s.end)),
  );
}

/** Generic patterns only (what the CLI reports: it never knows her identifiers). */
export function findGenericDoxxing(text: string): DoxxSpan[] {
  return findDoxxing(text, { kinds: ['phone', 'email', 'address', 'plate'] });
}

// ---------------------------------------------------------------------------------------------------
// Is it about her?
// ---------------------------------------------------------------------------------------------------

/** Word edges that know accented letters (`\b` does not: "école" has none before its "é"). */
const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
/** Her contact details and whereabouts, as harassers name them (FR, EN). */
const FR_CONTACT_NOUN =
  "adresse|adr|domicile|coordonn[ée]es|num(?:[ée]ro)?|t[ée]l(?:[ée]phone)?|portable|mobile|06|07|mail|e-?mail|courriel|whatsapp|insta|snap|maison|appart(?:ement)?|immeuble|rue|quartier|boulot|taf|travail|bureau|[ée]cole|cr[èe]che|coll[èe]ge|lyc[ée]e|voiture|bagnole|plaque|parents|famille|gosses?|enfants?|mari";
const EN_CONTACT_NOUN =
  'address|addy|number|phone|cell|mobile|email|e-mail|whatsapp|house|home|place|flat|apartment|apt|street|neighbou?rhood|workplace|work|office|job|school|kids?|children|car|plate|parents|family|husband';
/**
 * Words that aim the personal data next to them at a person: a possessive on contact data ("son adresse",
 * "her number": French "son/sa" is his or hers, both are exposure), where someone lives, "we know where
 * you live", "appelle-la", "call her". Second person only in its threatening forms ("ton adresse", "où tu
 * habites"), never "votre adresse", which a shop asking for a delivery address writes.
 */
const ABOUT_SOMEONE = new RegExp(
  [
    `${B}(?:son|sa|ses|leurs?|ton|ta|tes)\\s+(?:(?:vraie?s?|nouvelle?s?|propres?|petite?s?)\\s+)?(?:${FR_CONTACT_NOUN})${E}`,
    `${B}(?:elle|il)\\s+(?:habite|vit|loge|dort|bosse|travaille|cr[èe]che|est\\s+domicili[ée]e?)${E}`,
    `${B}o[uù]\\s+(?:tu|elle|il)\\s+(?:habites?|vis|vit|loges?|dors?|bosses?|travailles?)${E}`,
    `${B}tu\\s+(?:habites?|vis|loges?)\\s+(?:au|aux|à|a|rue|dans|chez|ici|là|la|pr[èe]s)${E}`,
    `${B}(?:je|j['’]|on|nous)\\s*(?:sais|sait|savons|connais|conna[iî]t|connaissons|a|ai|avons|trouv[ée])\\s+(?:o[uù]|ton|ta|tes|son|sa|ses)${E}`,
    `${B}chez\\s+(?:elle|toi)${E}`,
    `${B}(?:appel(?:le|lez|ez)|contact(?:e|ez)|[ée]cri(?:s|vez)|harc[èe]l(?:e|ez)|spamm?(?:e|ez)|trouv(?:e|ez)|retrouv(?:e|ez)|rend(?:s|ez))[-\\s]+(?:la|lui)${E}`,
    `${B}(?:her|his|their)\\s+(?:(?:real|new|home|own|current|work|private|personal)\\s+)?(?:${EN_CONTACT_NOUN})${E}`,
    `${B}(?:she|he)(?:\\s+|['’]s\\s+)(?:lives|stays|sleeps|works|living|staying|is\\s+living|is\\s+staying)${E}`,
    `${B}(?:we|i|they)\\s+know\\s+where\\s+(?:you|u|she|he)${E}`,
    `${B}where\\s+(?:you|u|she|he)\\s+(?:live|lives|sleep|sleeps|work|works|stay|stays)${E}`,
    `${B}(?:your|ur)\\s+(?:home\\s+)?(?:address|addy|house|place|number|phone|cell|car|kids?|children|school|workplace)\\s*(?:is${E}|:|=)`,
    `${B}(?:have|got|found|know)\\s+(?:your|ur)\\s+(?:home\\s+)?(?:${EN_CONTACT_NOUN})${E}`,
    `${B}(?:call|text|email|e-mail|message|find|visit|harass|spam|dm)\\s+(?:her|him)${E}`,
    `${B}pay\\s+(?:her|him|you|u)\\s+a\\s+visit${E}`,
    `${B}dox+(?:x|ed|é|e|ing|er)?${E}`,
  ].join('|'),
  'iu',
);
/**
 * Words that give the contact details as the author's own: a shop or a page answering ("appelez-nous",
 * "notre adresse", "call us on", "WhatsApp us", "we're located at", "pour vos commandes").
 */
const OWN_CONTACT = new RegExp(
  [
    `${B}(?:appel(?:ez|er|le)|contact(?:ez|er|e)|joign(?:ez)|joindre|[ée]cri(?:vez|re|s)|rejoign(?:ez)|retrouv(?:ez)|rendez)[-\\s]+(?:nous|moi)${E}`,
    `${B}(?:nous|me)\\s+(?:contacter|joindre|appeler|[ée]crire|retrouver|trouver|rendre\\s+visite)${E}`,
    `${B}(?:notre|nos|mon|ma|mes)\\s+(?:nouvelle?s?\\s+|nouveaux?\\s+)?(?:adresse|num(?:[ée]ro)?|t[ée]l(?:[ée]phone)?|standard|boutique|magasin|agence|cabinet|bureaux?|atelier|restaurant|resto|salon|local|locaux|showroom|si[èe]ge|coordonn[ée]es|service\\s+client|horaires|ligne|whatsapp|mail|e-?mail|courriel|site)${E}`,
    `${B}nous\\s+sommes\\s+(?:situ[ée]s|au|aux|à|ouverts?)${E}`,
    `${B}situ[ée]e?s?\\s+(?:au|aux|à)${E}`,
    `${B}(?:service\\s+client|r[ée]servations?|horaires\\s+d['’]ouverture)${E}`,
    `${B}pour\\s+(?:vos|toute|toutes|tout|les|une)\\s+(?:commandes?|r[ée]servations?|devis|renseignements?|questions?|demandes?|rendez-vous|rdv)${E}`,
    `${B}(?:call|text|contact|reach|email|e-mail|message|whatsapp|dm|visit|find|ring|phone)\\s+(?:us|me)${E}`,
    `${B}(?:our|my)\\s+(?:(?:new|main|head)\\s+)?(?:address|number|phone|hotline|office|offices|shop|store|showroom|location|line|whatsapp|email|e-mail|website|clinic|studio|branch|hq|customer\\s+service)${E}`,
    `${B}we(?:['’]re|\\s+are)\\s+(?:located|based|open|at)${E}`,
    `${B}located\\s+at${E}`,
    `${B}(?:opening\\s+hours|customer\\s+(?:service|support)|bookings?|reservations?)${E}`,
    `${B}for\\s+(?:orders|enquiries|inquiries|bookings|reservations|appointments|quotes)${E}`,
  ].join('|'),
  'iu',
);

/** How far around a span (characters) the words that say whose data it is are looked for. */
const CONTEXT_CHARS = 200;

export interface AboutHerContext {
  /** The author is the thread's own author: a page answering under its own post gives its own details. */
  byThreadOwner?: boolean;
  /**
   * The author's handle or shown name looks like one of her identifiers without being her account: an
   * impersonator's "my address" is hers.
   */
  impersonating?: boolean;
}

/**
 * Of the spans found (findDoxxing), those that publish personal data about her: her identifiers always;
 * a phone number, e-mail, address or plate unless the text gives it as the author's own (a business's
 * "call us", a page answering under its own post) with nothing tying it to her or to another person
 * (one of her identifiers in the text, "son adresse", "elle habite", "we know where you live"). Data given
 * with no explanation either way stays doxxing: that is how an address is dropped under her posts.
 */
export function doxxingOfHer(text: string, spans: readonly DoxxSpan[], ctx: AboutHerContext = {}): DoxxSpan[] {
  if (spans.length === 0) return [];
  if (ctx.impersonating || spans.some((s) => s.kind === 'own_identifier')) return [...spans];
  return spans.filter((s) => {
    const around = text.slice(Math.max(0, s.start - CONTEXT_CHARS), s.end + CONTEXT_CHARS);
    if (ABOUT_SOMEONE.test(around)) return true;
    return !(ctx.byThreadOwner || OWN_CONTACT.test(around));
  });
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
