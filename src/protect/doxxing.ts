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
 *
 * One module per job: the span type (doxxing-kinds.ts), phones and e-mails (doxxing-contact.ts),
 * addresses and plates (doxxing-place.ts), her identifiers (doxxing-own.ts), whose data it is
 * (doxxing-about.ts); this one runs them together. Their regular expressions are built on first use, not
 * when the content script loads at `document_start`.
 */
import { DOXX_KINDS, type DoxxKind, type DoxxSpan } from './doxxing-kinds';
import { emailSpans, phoneSpans } from './doxxing-contact';
import { addressSpans, plateSpans } from './doxxing-place';
import { compileIdentifiers, ownIdentifierSpans, type CompiledIdentifiers } from './doxxing-own';

export { DOXX_KINDS, type DoxxKind, type DoxxSpan } from './doxxing-kinds';
export {
  compactKey,
  compileIdentifiers,
  looksLikeHer,
  MIN_IDENTIFIER_CHARS,
  type CompiledIdentifiers,
  type OwnIdentifier,
} from './doxxing-own';
export { doxxingOfHer, type AboutHerContext } from './doxxing-about';

const ALL_KINDS: ReadonlySet<DoxxKind> = new Set(DOXX_KINDS);

/** Texts longer than this are only searched in their first MAX_CHARS characters. */
export const MAX_CHARS = 20_000;

/** Any digit of any script: built on first use. */
let ANY_NUMBER: RegExp | undefined;

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

/**
 * Whether the text holds any numeral (\p{N}). Char codes first: an ASCII digit answers at once, and a
 * text of ASCII, Latin letters and punctuation (no numeral among them) needs no regex, which took longer
 * than the rest of a comment's search; anything else is asked to the regex.
 */
function hasNumeral(t: string): boolean {
  let other = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    if (c >= 0xb2 && !(c >= 0xc0 && c <= 0x24f) && !(c >= 0x2000 && c <= 0x206f)) other = true;
  }
  return other && (ANY_NUMBER ??= /\p{N}/u).test(t);
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
    const hasNumber = hasNumeral(t);
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
