/**
 * Fixed texts for models/parity.json: the trainer scores them with the exported computation and the
 * TypeScript runtime must reproduce those scores (|Δ| ≤ 1e-5). They cover FR/EN, obfuscation, emoji,
 * mentions/URLs, empty and punctuation-only text (zero chunks), and texts long enough to need several
 * chunks. Written for this purpose; not taken from any dataset or test suite.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureFileBuilder } from '../src/classifier/feature-file.ts';
import { featureChecksum, featurize } from '../src/classifier/featurize.ts';

const LONG_EN = Array.from({ length: 30 }, (_, i) => `Sentence ${i} about the weather and the garden, nothing more.`).join(' ');
const LONG_FR = Array.from({ length: 25 }, (_, i) => `Phrase numéro ${i} sur la météo de la semaine.`).join(' ') + " Et à la fin : t'es qu'une grosse salope.";

export const PARITY_TEXTS: readonly string[] = [
  '',
  '   ',
  '?!...',
  'Hello',
  'The meeting moved to 3pm, see you there.',
  'Thanks for sharing, this thread was really helpful.',
  'My sister just became the head of surgery at the hospital.',
  'Women deserve equal pay for equal work.',
  'Shut up you stupid bitch',
  'She is nothing but a dumb slut lol',
  's l u t',
  'b1tch please',
  'you are a wh0re',
  'fuuuuuck off',
  'I will find you and hurt you.',
  'I would love to watch them suffer.',
  'Isn’t it funny how every woman driver is useless?',
  'Calling someone a bitch is never okay.',
  'He called me a slut in front of everyone and I cried.',
  'I do not think women are inferior.',
  'I need a new hoe for the vegetable garden.',
  'Fucking hell, I missed the train again.',
  'Send me pics or I post your address.',
  '@someone check https://example.com/page?x=1 now',
  '😂😂😂',
  '🙄 typical',
  'Bonjour à toutes et à tous !',
  'La réunion est reportée à jeudi.',
  'Ma voisine est pilote de ligne, trop stylé.',
  "Les femmes ont autant leur place en politique que les hommes.",
  "Ferme ta gueule connasse",
  "T'es qu'une sale pute",
  'p.u.t.e',
  's4l0pe',
  'saloooope',
  "J'aimerais voir ces gens souffrir.",
  "Je vais te retrouver et te frapper.",
  "C'est pas typique d'une fille d'être aussi bête ?",
  "Traiter une femme de salope, c'est inacceptable.",
  "Un mec m'a traitée de pute dans la rue hier.",
  "Je ne pense pas que les femmes soient moins compétentes.",
  'Ma chatte dort sur le canapé.',
  'Putain, encore en retard.',
  'Envoie des photos ou je balance tout.',
  'ѕаlоре',
  'sa\u200blo\u200bpe',
  'ÉNORME BRAVO À TOUTE L’ÉQUIPE',
  LONG_EN,
  LONG_FR,
  'word '.repeat(200).trim(),
];

/** Writes parity-texts.json (texts + TypeScript feature checksums) and parity-features.bin into `outDir`. */
export function writeParityInputs(outDir: string): void {
  const builder = new FeatureFileBuilder();
  const featureChecksums: string[] = [];
  for (const t of PARITY_TEXTS) {
    const chunks = featurize(t);
    builder.push(chunks);
    featureChecksums.push(featureChecksum(chunks));
  }
  writeFileSync(join(outDir, 'parity-texts.json'), JSON.stringify({ texts: PARITY_TEXTS, featureChecksums }, null, 1));
  writeFileSync(join(outDir, 'parity-features.bin'), builder.toBytes());
}
