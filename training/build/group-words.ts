/**
 * Words that name a group of people or a woman (EN + FR), for the trainer's group-word bias model
 * (training/trainer/group_bias.py): the public sets label most texts that mention women, or another group,
 * as abusive, so a network learns "mentions women → misogyny". The trainer fits what these words alone
 * predict and trains the network on the rest. Written here so their hashed ids come from the runtime's own
 * featurizer (accents, case and spelling folded as at run time).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featurize } from '../../src/classifier/featurize.ts';

export const GROUP_WORDS: readonly string[] = [
  // women and girls (EN)
  'women', 'woman', 'womens', 'womans', 'girl', 'girls', 'female', 'females', 'lady', 'ladies', 'she', 'her', 'hers',
  'herself', 'wife', 'wives', 'mother', 'mothers', 'mum', 'mom', 'mums', 'moms', 'sister', 'sisters', 'daughter',
  'daughters', 'feminist', 'feminists', 'feminism', 'gal', 'gals',
  // women and girls (FR; accents are folded by the featurizer)
  'femme', 'femmes', 'fille', 'filles', 'meuf', 'meufs', 'nana', 'nanas', 'elle', 'elles', 'toutes', 'toute', 'madame',
  'mesdames', 'maman', 'mamans', 'mère', 'mères', 'sœur', 'soeurs', 'féministe', 'féministes', 'féminisme', 'copine',
  'copines', 'épouse', 'épouses', 'dame', 'dames', 'fillette',
  // men (EN + FR), so "mentions a group" is learned as such, not only for women
  'men', 'man', 'mens', 'he', 'him', 'his', 'himself', 'husband', 'father', 'brother', 'son', 'guy', 'guys', 'homme',
  'hommes', 'il', 'ils', 'mec', 'mecs', 'monsieur', 'mari', 'père', 'frère', 'fils', 'gars', 'tous',
  // other groups the sets cover (EN + FR)
  'muslim', 'muslims', 'islam', 'immigrant', 'immigrants', 'migrant', 'migrants', 'jew', 'jews', 'jewish', 'black',
  'blacks', 'gay', 'gays', 'lesbian', 'lesbians', 'trans', 'refugee', 'refugees', 'arab', 'arabs', 'musulman',
  'musulmans', 'musulmane', 'musulmanes', 'juif', 'juifs', 'juive', 'immigré', 'immigrés', 'noir', 'noirs', 'noire',
  'noires', 'homo', 'homos', 'lesbienne', 'lesbiennes', 'arabe', 'arabes', 'réfugié', 'réfugiés', 'étranger',
  'étrangers', 'africain', 'africains', 'asian', 'asians', 'chinois', 'roms', 'gitans',
];

/** Each word's hashed word id (slot 0 of its only token), as the featurizer computes it. */
export function groupWordIds(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of GROUP_WORDS) {
    const chunk = featurize(w)[0];
    if (chunk && chunk.length > 0) out[w] = chunk[0]!;
  }
  return out;
}

export function writeGroupWords(outDir: string): void {
  writeFileSync(join(outDir, 'group-words.json'), JSON.stringify(groupWordIds(), null, 1));
}
