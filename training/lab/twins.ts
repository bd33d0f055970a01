/**
 * Tried and not kept (model card, training history): gender-swapped twins of our contrast sentences (source
 * `bouclier-twin`, `build-dataset-lab.ts --twins`, `train_lab.py --twins W`): "the women on that panel were
 * sharp" next to "the men on that panel were sharp", "elle a raison" next to "il a raison". The lab trainer
 * asks the model to score a sentence and its twin alike (training/lab/options.py, twin consistency): a
 * harmless sentence must not turn suspect because it is about women. The generated template rows had such
 * twins; our hand-written sentences, which carry the families that matter most, had none.
 *
 * A twin is training material only: made for TRAIN rows, in the train split, with no label (it never enters
 * the cross-entropy), pointing at its original (`twinOf`). The swap is word-level and leaves agreement alone
 * ("elle est brillante" → "il est brillante"): the consistency compares what the group word does, so the rest
 * of the sentence stays the same on purpose.
 */
import { sha1 } from '../build/hash.ts';
import { LABELS } from '../../src/classifier/labels.ts';
import { normalize } from '../../src/classifier/normalize.ts';
import type { Lang, RowLabels } from '../datasets/types.ts';
import { CONTRAST_SOURCE } from '../datasets/contrast.ts';
import { suiteKey } from '../build/suite.ts';
import type { Row } from '../build/types.ts';

export const TWIN_SOURCE = 'bouclier-twin';

const EN: Record<string, string> = {
  women: 'men', woman: 'man', girls: 'boys', girl: 'boy', ladies: 'gentlemen', lady: 'gentleman', females: 'males', female: 'male',
  she: 'he', hers: 'his', herself: 'himself', mothers: 'fathers', mother: 'father', moms: 'dads', mom: 'dad', mums: 'dads', mum: 'dad',
  sisters: 'brothers', sister: 'brother', daughters: 'sons', daughter: 'son', wife: 'husband', wives: 'husbands', girlfriend: 'boyfriend',
  girlfriends: 'boyfriends', queen: 'king', actress: 'actor', waitress: 'waiter', mrs: 'mr', ms: 'mr', madam: 'sir', gal: 'guy', gals: 'guys',
  aunt: 'uncle', niece: 'nephew', grandma: 'grandpa', bride: 'groom', chick: 'dude', chicks: 'dudes', wifey: 'hubby', sis: 'bro',
  womens: 'mens', "women's": "men's", "woman's": "man's", "she's": "he's", "she'll": "he'll", "she'd": "he'd",
  businesswoman: 'businessman', businesswomen: 'businessmen', congresswoman: 'congressman', spokeswoman: 'spokesman',
  chairwoman: 'chairman', policewoman: 'policeman',
};
/** "her" is "him" before these words (or at the end of a clause), "his" before anything else. */
const EN_HIM_BEFORE = new Set(
  'to and or that a an the in on at for with up out down off back again too so if when about like because but as from by into over than then this these those is was personally now here there anymore alone'.split(' '),
);
const FR: Record<string, string> = {
  femmes: 'hommes', femme: 'homme', filles: 'garçons', fille: 'garçon', meufs: 'mecs', meuf: 'mec', nanas: 'mecs', nana: 'mec',
  elles: 'ils', elle: 'il', sœurs: 'frères', soeurs: 'frères', sœur: 'frère', soeur: 'frère', mères: 'pères', mère: 'père',
  épouse: 'époux', épouses: 'époux', copine: 'copain', copines: 'copains', madame: 'monsieur', mesdames: 'messieurs', dames: 'messieurs',
  dame: 'monsieur', maman: 'papa', mamans: 'papas', tante: 'oncle', reine: 'roi', celle: 'celui', celles: 'ceux', gamine: 'gamin',
  gamines: 'gamins', demoiselle: 'jeune homme', féminines: 'masculins', féminine: 'masculin', femelle: 'mâle', mme: 'm.', actrice: 'acteur',
  nièce: 'neveu',
};
/** Articles before a swapped French noun ("une femme" → "un homme", "cette fille" → "ce garçon"). */
const FR_ARTICLE: Record<string, string> = { une: 'un', cette: 'ce', la: 'le', sa: 'son', ma: 'mon', ta: 'ton', toutes: 'tous', certaines: 'certains' };
/** …elided or changed before a vowel ("la femme" → "l'homme", "cette femme" → "cet homme"). */
const FR_BEFORE_VOWEL: Record<string, string> = { la: "l'", cette: 'cet' };
const VOWEL_START = /^[aeiouyhéèêàâîôû]/i;
const TOKENS = /[A-Za-zÀ-ÖØ-öø-ÿœŒ]+(?:'[a-z]+)?|[^A-Za-zÀ-ÖØ-öø-ÿœŒ]+/g;
const isWord = (t: string): boolean => /^[A-Za-zÀ-ÖØ-öø-ÿœŒ]/.test(t);

function keepCase(src: string, out: string): string {
  if (src.length > 1 && src === src.toUpperCase()) return out.toUpperCase();
  if (src[0] !== src[0]!.toLowerCase()) return out[0]!.toUpperCase() + out.slice(1);
  return out;
}

/** The sentence about a man or men instead of a woman or women (the same text when it names neither). */
export function swapGender(text: string, lang: Lang): string {
  const toks = text.match(TOKENS) ?? [];
  const words = toks.flatMap((t, i) => (isWord(t) ? [i] : []));
  const out = [...toks];
  words.forEach((i, k) => {
    const low = toks[i]!.toLowerCase();
    const nextAt = words[k + 1];
    const next = nextAt === undefined ? '' : toks[nextAt]!.toLowerCase();
    let rep: string | undefined;
    if (lang === 'en') {
      if (low === 'her') {
        // Punctuation between "her" and the next word ends the phrase: "tell her, then" is "him".
        const gap = nextAt === undefined ? '' : toks.slice(i + 1, nextAt).join('');
        rep = !next || EN_HIM_BEFORE.has(next) || gap.trim() !== '' ? 'him' : 'his';
      } else rep = EN[low];
    } else {
      rep = FR[low];
      if (rep === undefined && FR_ARTICLE[low] !== undefined && FR[next] !== undefined) {
        rep = VOWEL_START.test(FR[next]!) ? (FR_BEFORE_VOWEL[low] ?? FR_ARTICLE[low]) : FR_ARTICLE[low];
      }
    }
    if (rep !== undefined) out[i] = keepCase(toks[i]!, rep);
  });
  return out.join('').replace(/\b([lL]') /g, '$1');
}

/** A twin: unlabelled, in the train split, with the id of its original and whether that one is hostile. */
export type TwinRow = Row & { twinOf: string; twinHostile: boolean };

const NO_LABELS = Object.fromEntries(LABELS.map((l) => [l, null])) as RowLabels;

/**
 * One twin for each TRAIN contrast row whose swap differs, unless the twin's text is already a row or a case
 * of the functional suite (`suite`: its suiteKey()s).
 */
export function twinRows(rows: readonly Row[], suite: Set<string>): TwinRow[] {
  const taken = new Set(rows.map((r) => normalize(r.text)));
  const out: TwinRow[] = [];
  for (const r of rows) {
    if (r.source !== CONTRAST_SOURCE || r.split !== 'train') continue;
    const text = swapGender(r.text, r.lang);
    const key = normalize(text);
    if (text === r.text || taken.has(key) || suite.has(suiteKey(text))) continue;
    taken.add(key);
    out.push({
      id: sha1(`${r.lang}\u0000twin\u0000${key}`).slice(0, 16),
      text,
      lang: r.lang,
      source: TWIN_SOURCE,
      split: 'train',
      labels: NO_LABELS,
      ...(r.kind ? { kind: r.kind } : {}),
      twinOf: r.id,
      twinHostile: r.labels.toxic === 1,
    });
  }
  return out;
}
