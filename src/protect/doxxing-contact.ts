/**
 * Doxxing detectors for the ways to reach her: phone numbers and e-mail addresses (plain and
 * obfuscated: "marie [at] gmail [dot] com"). Written to stay quiet on the numbers people write all day
 * (prices, dates, order numbers: see doxxing.ts). The regular expressions are built on the first text
 * that could hold such data, not when the module loads.
 */
import { span, type DoxxSpan } from './doxxing-kinds';

const SEP = '[ .\\-\\u00A0]?';
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

interface PhonePatterns {
  /** French numbers: 0X XX XX XX XX, +33 X XX…, 0033 X…, +33 (0)X…; separators space . - or none. */
  fr: RegExp;
  /** International E.164 with a plus: +CC then 7..14 more digits in groups (spaces, dots, dashes, parentheses). */
  intl: RegExp;
  /** North-American numbers without a plus: (555) 123-4567, 555-123-4567, 555.123.4567 (separators required). */
  nanp: RegExp;
  /** Words just before a number that say it is not a phone number. */
  notBefore: RegExp;
  /** Units just after a number that say it is a quantity. */
  notAfter: RegExp;
}
let phonePatterns: PhonePatterns | undefined;

function phoneRe(): PhonePatterns {
  return (phonePatterns ??= {
    fr: new RegExp(
      `(?<![\\p{L}\\p{N}+/,.:-])(?:(?:\\+|00)33${SEP}(?:\\(0\\)${SEP})?|0)[1-9](?:${SEP}\\d{2}){4}(?![\\p{N}]|[.,/:-]\\d)`,
      'gu',
    ),
    intl: /(?<![\p{L}\p{N}+])\+[1-9]\d{0,2}(?:[ .\-\u00A0]?\(?\d{1,4}\)?){2,6}(?![\p{N}]|[.,/:-]\d)/gu,
    nanp: /(?<![\p{L}\p{N}+/,.:-])(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\p{N}]|[.,/:-]\d)/gu,
    notBefore:
      /(?:commande|order|n°|no\.?|num[eé]ro de (?:commande|suivi|colis|dossier|facture)|r[eé]f(?:[eé]rence)?|facture|invoice|siret|siren|iban|isbn|tracking|suivi|colis|ticket|dossier|#)[^\S\n]*[:#]?[^\S\n]*$/iu, // same line only: a "#" or "$" on another line is no cover
    notAfter: /^[^\S\n]*(?:€|\$|£|%|eur|euros?|dollars?|usd|abonn[eé]s|followers|vues|views|likes|km|kg|habitants)\b/iu,
  });
}

interface EmailPatterns {
  plain: RegExp;
  obfuscated: RegExp;
  bareAt: RegExp;
}
let emailPatterns: EmailPatterns | undefined;

function emailRe(): EmailPatterns {
  return (emailPatterns ??= {
    plain: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu,
    obfuscated: new RegExp(`(?<![\\p{L}\\p{N}._%+-])${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL})*?${DOT}${TLD}(?![\\p{L}\\p{N}])`, 'giu'),
    bareAt: /^\S+\s+at\s+([\p{L}\p{N}-]+)/iu,
  });
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

/** The fewest digits any phone pattern below accepts (international: 8). */
const MIN_PHONE_DIGITS = 8;

export function phoneSpans(text: string): DoxxSpan[] {
  const out: DoxxSpan[] = [];
  // Cheap pre-check: the patterns below scan every position of the text, and most comments with a
  // number ("3 ans", "(42)", "2024") hold far fewer digits than any phone number.
  if (digitCount(text) < MIN_PHONE_DIGITS) return out;
  const p = phoneRe();
  const consider = (pattern: RegExp, minDigits: number, maxDigits: number) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      const digits = m[0].replace(/\D/g, '');
      const n = digitCount(m[0]);
      if (n < minDigits || n > maxDigits) continue;
      if (/0{5,}/.test(digits)) continue; // "+10 000 000 followers"
      if (p.notBefore.test(text.slice(Math.max(0, start - 40), start))) continue;
      if (p.notAfter.test(text.slice(end, end + 20))) continue;
      out.push(span('phone', start, end));
    }
  };
  consider(p.fr, 10, 13);
  consider(p.intl, 8, 15);
  consider(p.nanp, 10, 10);
  return out;
}

const MAIL_PROVIDERS =
  /^(?:gmail|googlemail|hotmail|yahoo|outlook|orange|free|sfr|laposte|wanadoo|icloud|protonmail|proton|live|msn|gmx|aol|yandex|mail|bbox|neuf|numericable|caramail|me)$/i;

const MAYBE_EMAIL = /@|\bat\b|arobase/i;

export function emailSpans(text: string): DoxxSpan[] {
  const out: DoxxSpan[] = [];
  if (!MAYBE_EMAIL.test(text)) return out; // cheap pre-check: the regexes below scan every word otherwise
  const p = emailRe();
  if (text.includes('@')) for (const m of text.matchAll(p.plain)) out.push(span('email', m.index, m.index + m[0].length));
  for (const m of text.matchAll(p.obfuscated)) {
    // A bare English " at " is a common word ("meet me at home dot com"): only with a known mail provider.
    const s = m[0];
    const bareAt = p.bareAt.exec(s);
    if (bareAt && !MAIL_PROVIDERS.test(bareAt[1] ?? '')) continue;
    out.push(span('email', m.index, m.index + s.length));
  }
  return out;
}
