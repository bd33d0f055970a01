/**
 * A cheap French/English detector for the review log: counts very common function words of each
 * language (after the shared normalisation, so accents and case do not matter) plus a few letters
 * that are strong hints (é, è, à, ç, ù, œ in the raw text → French). Returns 'und' (undetermined)
 * when neither side has evidence, e.g. "lol 🤡" or a lone slur. Good enough to filter a list; not a
 * general language identifier.
 */
import { normalizeTokens } from '../classifier/normalize';

export type Lang = 'fr' | 'en' | 'und';

// Words that are frequent in one language and rare in the other (no "a", "on", "me", "pour"…).
const FR = new Set(
  'le la les un une des du de et est es sont suis ce cette ces il elle ils elles nous vous je tu t qu que qui quoi pas ne plus tres avec sans dans sur chez mais ou donc car ton ta tes ton mon ma mes son sa ses leur leurs notre votre moi toi lui eux au aux y c j l d s n m etre fait faire va vais vas alors comme tout tous toute toutes rien personne encore aussi bien deja ici la ca cela cet quand parce femme femmes homme hommes salope pute connasse ferme gueule cuisine'.split(' '),
);
const EN = new Set(
  'the and is are was were be been you your yours he she it they them their we our i my me this that these those of to in for with not no do does did dont don have has had will would should could can cant what who why how when where just like because about from but or so if an at by all any some nobody everyone women woman men man girl bitch whore slut shut up kitchen get go back'.split(' '),
);
const FR_LETTERS = /[éèêàçùœâîôû]/giu;

export function detectLanguage(text: string): Lang {
  const tokens = normalizeTokens(text);
  let fr = 0;
  let en = 0;
  for (const t of tokens) {
    if (FR.has(t)) fr++;
    if (EN.has(t)) en++;
  }
  fr += Math.min(3, (text.match(FR_LETTERS) ?? []).length) * 0.5;
  if (fr === 0 && en === 0) return 'und';
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return 'und';
}
