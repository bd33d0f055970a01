/**
 * Doxxing detectors for where she lives and what she drives: street addresses (French and English) and
 * licence plates (French SIV and FNI, British). Every pattern holds a number; the caller only asks for
 * texts that have one. The regular expressions are built on the first such text, not when the module loads.
 */
import { span, type DoxxSpan } from './doxxing-kinds';

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
const FR_WAY_STRONG_SRC = "rue|avenue|av\\.?|boulevard|bd|bld|blvd|all[ée]e|impasse|imp\\.|quai|chauss[ée]e|lotissement|r[ée]sidence|faubourg|fbg|rte|sentier|hameau|lieu-dit|rond-point|villa|cit[ée]";
/**
 * Ways that are also ordinary words ("2 cours de maths", "3 place de libre", "170 Square Miles"): need a
 * particle then a capitalised name ("10 place de la République"), or a postcode.
 */
const FR_WAY_WEAK_SRC = 'place|pl\\.|cours|route|chemin|passage|square|voie|parvis|promenade|esplanade|mail';
const FR_PARTICLES_SRC = "(?:de\\s+la\\s+|de\\s+l['’]\\s*|d['’]\\s*|du\\s+|des\\s+|de\\s+|la\\s+|le\\s+|les\\s+|l['’]\\s*)";
const NAME_WORD = "[\\p{L}][\\p{L}'’\\-]*";
/** Up to 4 further words of the street name: capitalised words, particles, numbers ("8 mai 1945"). */
const FR_NAME_TAIL = `(?:\\s+(?:(?:de|du|des|la|le|les|sur|sous|en|et|aux?|d['’]|l['’])\\s+|[dl]['’]\\s*)?(?:\\p{Lu}[\\p{L}'’\\-]*|\\d{1,4}(?![\\p{N}])))*`;
const POSTCODE_CITY = `(?:\\s*,?\\s*(?:\\d{5}|\\d{2}\\s\\d{3})\\s+\\p{L}[\\p{L}'’\\-]*(?:[\\s\\-]+(?:(?:sur|sous|en|le|la|les|de|du|des|lès|les|saint|st|ste)[\\s\\-]+)?\\p{Lu}[\\p{L}'’\\-]*){0,3}(?:\\s+(?:cedex|CEDEX|Cedex)(?:\\s+\\d{1,2})?)?)`;
const FR_NUMBER = '(?<![\\p{L}\\p{N},./:-])\\d{1,4}(?:\\s?(?:bis|ter|quater|[a-dA-D])(?![\\p{L}]))?\\s*,?\\s+';

const EN_SUFFIX_STRONG = 'street|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|parkway|pkwy|highway|hwy|terrace|crescent';
const EN_SUFFIX_WEAK = 'st|dr|ct|court|pl|place|way|close|sq|square|row|gardens|mews';
const EN_UNIT = `(?:\\s*,?\\s*(?:apt|apartment|suite|ste|unit|flat|#)\\.?\\s*#?\\s*[\\p{L}\\p{N}-]{1,6})`;
const EN_CITY_ZIP = `(?:\\s*,\\s*\\p{Lu}[\\p{L}.'’\\-]*(?:\\s+\\p{Lu}[\\p{L}.'’\\-]*){0,2}(?:\\s*,\\s*|\\s+)(?:[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}))`;
const EN_NUMBER = '(?<![\\p{L}\\p{N},./:$£€-])\\d{1,5}[A-Za-z]?\\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\\.?\\s+)?';
/** A numbered street name: "46 Ave", "5th Avenue", "42nd Street". */
const EN_ORDINAL = '\\d{1,3}(?:st|nd|rd|th)?';
const EN_COMMON = new Set(
  'the a an my your his her our their its this that these those down up on in at to of for from and or but with by over into is are was were be it we you they he she i me us them miles mile km minutes minute min hours hour days day weeks week months month years year times more other same new old big small main first last next every each whole wrong right long short dead end one two three four five six seven eight nine ten hundred thousand people dogs cats cars followers k'.split(
    ' ',
  ),
);

/** The way words, case-insensitive by hand (see ci), and the pre-check built from them. */
interface WayWords {
  strong: string;
  weak: string;
  particles: string;
  /** Every address pattern names a kind of way ("rue", "avenue", "street", "rd"…): most comments name none. */
  anyWay: RegExp;
}
let wayWords: WayWords | undefined;

function ways(): WayWords {
  if (wayWords) return wayWords;
  const strong = ci(FR_WAY_STRONG_SRC);
  const weak = ci(FR_WAY_WEAK_SRC);
  const anyWay = new RegExp(`(?<![\\p{L}])(?:${strong}|${weak}|${EN_SUFFIX_STRONG}|${EN_SUFFIX_WEAK})(?![\\p{L}])`, 'iu');
  return (wayWords = { strong, weak, particles: ci(FR_PARTICLES_SRC), anyWay });
}

interface AddressPatterns {
  frStrong: RegExp;
  frWeak: RegExp;
  /** No house number but a postcode: "rue de la Paix, 75002 Paris". */
  frNoNumber: RegExp;
  /** Lower-case street names are accepted with an unambiguous suffix, unless a name word is a common word. */
  enAnyCase: RegExp;
  enCapitalised: RegExp;
  trailing: RegExp;
}
let addressPatterns: AddressPatterns | undefined;

/** Built on the first text that names a way, not when the module loads. */
function addressRe(): AddressPatterns {
  if (addressPatterns) return addressPatterns;
  const { strong: FR_WAY_STRONG, weak: FR_WAY_WEAK, particles: FR_PARTICLES } = ways();
  addressPatterns = {
    frStrong: new RegExp(`${FR_NUMBER}(?:${FR_WAY_STRONG})(?![\\p{L}])\\s*${FR_PARTICLES}?${NAME_WORD}${FR_NAME_TAIL}${POSTCODE_CITY}?`, 'gu'),
    frWeak: new RegExp(
      `${FR_NUMBER}(?:${FR_WAY_WEAK})(?![\\p{L}])\\s*(?:${FR_PARTICLES}(?:\\p{Lu}[\\p{L}'’\\-]*)${FR_NAME_TAIL}${POSTCODE_CITY}?|${FR_PARTICLES}?${NAME_WORD}${FR_NAME_TAIL}${POSTCODE_CITY})`,
      'gu',
    ),
    frNoNumber: new RegExp(
      `(?<![\\p{L}])(?:${FR_WAY_STRONG}|${FR_WAY_WEAK})(?![\\p{L}])\\s*${FR_PARTICLES}?${NAME_WORD}${FR_NAME_TAIL}${POSTCODE_CITY}`,
      'gu',
    ),
    enAnyCase: new RegExp(
      `${EN_NUMBER}((?:(?:[\\p{L}][\\p{L}'’\\-]*|${EN_ORDINAL})\\s+){1,3})(?:${EN_SUFFIX_STRONG})\\.?(?![\\p{L}])${EN_UNIT}?${EN_CITY_ZIP}?`,
      'giu',
    ),
    enCapitalised: new RegExp(
      `${EN_NUMBER}((?:(?:\\p{Lu}[\\p{L}'’\\-]*|${EN_ORDINAL})\\s+){1,3})(?:${EN_SUFFIX_STRONG}|${EN_SUFFIX_WEAK})(?:\\.|(?![\\p{L}]))${EN_UNIT}?${EN_CITY_ZIP}?`,
      'giu',
    ),
    trailing: /[\s,]+$/u,
  };
  return addressPatterns;
}

export function addressSpans(text: string): DoxxSpan[] {
  if (!ways().anyWay.test(text)) return [];
  const p = addressRe();
  const out: DoxxSpan[] = [];
  const trimEnd = (s: string) => s.replace(p.trailing, '');
  for (const re of [p.frStrong, p.frWeak, p.frNoNumber]) {
    for (const m of text.matchAll(re)) out.push(span('address', m.index, m.index + trimEnd(m[0]).length));
  }
  for (const m of text.matchAll(p.enAnyCase)) {
    const words = (m[1] ?? '').trim().toLowerCase().split(/\s+/);
    if (words.some((w) => EN_COMMON.has(w))) continue;
    out.push(span('address', m.index, m.index + trimEnd(m[0]).length));
  }
  for (const m of text.matchAll(p.enCapitalised)) {
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

interface PlatePatterns {
  /**
   * French SIV (since 2009): AB-123-CD or AB 123 CD (letters without I, O, U). Separators required: without
   * them the shape is a product code ("VG278HE"). Upper case, or any case with dashes.
   */
  frSiv: RegExp;
  frSivLower: RegExp;
  /** French FNI (before 2009): 1234 AB 75, 123 ABC 2A, 12 AB 971. Upper case only, spaces required, 2-4 digits, 2-3 letters. */
  frFni: RegExp;
  /** UK (since 2001): AB12 CDE, with its space (without it the shape is a handle or product code: "TB12FAN"). */
  ukPlate: RegExp;
}
let platePatterns: PlatePatterns | undefined;

function plateRe(): PlatePatterns {
  return (platePatterns ??= {
    frSiv: /(?<![\p{L}\p{N}-])[A-HJ-NP-TV-Z]{2}([ -])\d{3}\1[A-HJ-NP-TV-Z]{2}(?![\p{L}\p{N}]|-\p{N})/gu,
    frSivLower: /(?<![\p{L}\p{N}-])[a-hj-np-tv-z]{2}-\d{3}-[a-hj-np-tv-z]{2}(?![\p{L}\p{N}])/gu,
    frFni: /(?<![\p{L}\p{N}.,])\d{2,4} ([A-Z]{2,3}) (?:\d{2}|2A|2B|97[1-6])(?![\p{L}\p{N}]|[.,]\d)/gu,
    ukPlate: /(?<![\p{L}\p{N}])[A-Z]{2}\d{2} [A-Z]{3}(?![\p{L}\p{N}])/gu,
  });
}

/** Letter groups that are units or currencies, not plate letters ("16 GB 20", "12 HT 50"). */
const NOT_PLATE_LETTERS = new Set(
  'GB MB KB TB GO MO KO TO HT TTC EUR USD GBP KM CM MM KG MG ML PM AM BC AD VS PS NB OK MW KW HP FPS CV NE NW SE SW'.split(' '),
);

/**
 * A plain (non-Unicode, no look-behind) superset of the plate shapes above, which V8 scans fast: most
 * texts with a number hold no plate shape at all.
 */
const MAYBE_PLATE = /[A-Za-z]{2}[ -]\d{3}[ -][A-Za-z]{2}|\d{2} [A-Z]{2,3} [0-9]|[A-Z]{2}\d{2} [A-Z]{3}/;

export function plateSpans(text: string): DoxxSpan[] {
  const out: DoxxSpan[] = [];
  if (!MAYBE_PLATE.test(text)) return out;
  const p = plateRe();
  for (const re of [p.frSiv, p.frSivLower, p.ukPlate]) {
    for (const m of text.matchAll(re)) out.push(span('plate', m.index, m.index + m[0].length));
  }
  for (const m of text.matchAll(p.frFni)) {
    if (NOT_PLATE_LETTERS.has(m[1] ?? '')) continue;
    out.push(span('plate', m.index, m.index + m[0].length));
  }
  return out;
}
