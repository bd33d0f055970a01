/**
 * Obfuscation transforms people use to dodge filters. Applied to a share of generated rows, hostile
 * AND non-hostile, so that "looks obfuscated" is not itself a cue for abuse: the model must learn to
 * read through it (with the help of normalize()) rather than flag it.
 */
import type { Rng } from './rng.ts';

const LEET: Record<string, string[]> = {
  a: ['4', '@'],
  e: ['3'],
  i: ['1', '!'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
  l: ['1'],
};
// Latin → look-alike Cyrillic/Greek letters.
const HOMOGLYPH: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ' };
const ZW = ['\u200b', '\u200c', '\u200d', '\u2060'];

export type Obfuscation = 'leet' | 'spaced' | 'dotted' | 'stretched' | 'homoglyph' | 'zero_width' | 'star';
export const OBFUSCATIONS: readonly Obfuscation[] = ['leet', 'spaced', 'dotted', 'stretched', 'homoglyph', 'zero_width', 'star'];

export function obfuscateWord(word: string, how: Obfuscation, rng: Rng): string {
  const chars = [...word];
  switch (how) {
    case 'leet':
      return chars.map((c) => (LEET[c.toLowerCase()] && rng.chance(0.7) ? rng.pick(LEET[c.toLowerCase()]!) : c)).join('');
    case 'spaced':
      return chars.join(' ');
    case 'dotted':
      return chars.join(rng.pick(['.', '-', '_', '*']));
    case 'stretched': {
      const vowels = chars.map((c, i) => (/[aeiouy]/i.test(c) ? i : -1)).filter((i) => i >= 0);
      if (vowels.length === 0) return word + word.slice(-1).repeat(3);
      const at = rng.pick(vowels);
      return chars.map((c, i) => (i === at ? c.repeat(3 + rng.int(4)) : c)).join('');
    }
    case 'homoglyph':
      return chars.map((c) => (HOMOGLYPH[c] && rng.chance(0.6) ? HOMOGLYPH[c]! : c)).join('');
    case 'zero_width':
      return chars.map((c, i) => (i > 0 && rng.chance(0.5) ? rng.pick(ZW) + c : c)).join('');
    case 'star':
      // Masking one inner letter ("sl*t") is the commonest self-censorship.
      if (chars.length < 4) return word;
      return chars.map((c, i) => (i === 1 + rng.int(chars.length - 2) ? '*' : c)).join('');
  }
}

/** Obfuscates the given key words inside the text (or, if none given, the longest word). */
export function obfuscateText(text: string, keyWords: readonly string[], rng: Rng): { text: string; how: Obfuscation } {
  const how = rng.pick(OBFUSCATIONS);
  const targets = keyWords.filter((w) => w.length >= 3 && text.includes(w));
  if (targets.length === 0) {
    const words = text.split(/\s+/).filter((w) => /^[\p{L}]{4,}$/u.test(w));
    if (words.length === 0) return { text, how };
    words.sort((x, y) => y.length - x.length);
    targets.push(words[0]!);
  }
  let out = text;
  for (const w of targets) out = out.split(w).join(obfuscateWord(w, how, rng));
  return { text: out, how };
}
