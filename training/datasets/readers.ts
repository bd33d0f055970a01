/**
 * Every staged dataset's reader, in de-duplication priority order, and each source's folder and licence. A
 * reader maps its dataset's columns to Bouclier's six labels following `shared/datasets/README.md` and each
 * SOURCE.md. Labels a dataset does not annotate are `null` (masked in the loss), never 0. Deliberate choices are
 * commented at each reader where the README leaves room.
 *
 * Label definitions used throughout (see models/README.md):
 * - misogyny: sexist / misogynistic content (against women or girls, incl. stereotypes).
 * - insult: a derogatory name or insult (at a person or a group).
 * - threat: threats, wishes or incitement of harm.
 * - sexual: sexual harassment / objectification.
 * - identity_attack: hateful attack on people for a protected characteristic. Sexism-only corpora
 *   leave it null (they do not say whether a sexist text is a hateful group attack).
 * - toxic: any abusive content.
 */
import { readCyberAdo, readCyberLarge, readFrenchSuperset, readFtr, readSexismTwitterFrench, readToxiFrench } from './french.ts';
import { readDavidson, readEthos, readHateval, readMlma } from './hate-speech.ts';
import { readDynahate, readGab, readImplicitHate, readSbic, readToxigen } from './implicit-en.ts';
import { readAmi, readCmsb, readEdos, readGuest } from './sexism-en.ts';
import type { SourceRow } from './types.ts';

export type Reader = (dir: string) => SourceRow[];

/**
 * Every dataset reader, in de-duplication priority order (first = most trusted labels on conflicts; later
 * readers only fill labels the earlier ones left unknown). The folder of each is in SOURCE_INFO (below).
 * CyberAgression-Large (majority of 3 annotators) comes before v1, which then only adds its HATE_SPEECH label to
 * the messages both hold; SBIC before Davidson, whose tweets it re-annotates with a target.
 */
export const READERS: ReadonlyArray<[string, Reader]> = [
  ['edos', readEdos],
  ['online-misogyny-eacl2021', readGuest],
  ['ami2018-en', readAmi],
  ['cmsb', readCmsb],
  ['french-superset-sexism', readFrenchSuperset],
  ['sexism-twitter-french', readSexismTwitterFrench],
  ['mlma', readMlma],
  ['ethos', readEthos],
  ['dynahate-test', readDynahate],
  ['toxigen', readToxigen],
  ['sbic-test', readSbic],
  ['implicit-hate-corpus', readImplicitHate],
  ['gab-hate-corpus', readGab],
  ['cyberagression-large', readCyberLarge],
  ['cyberagressionado-v1', readCyberAdo],
  ['ftr-french-racism', readFtr],
  ['toxifrench', readToxiFrench],
  ['hateval2019', readHateval],
  ['davidson2017', readDavidson],
];

export interface SourceInfo {
  /** Folder under the datasets directory. */
  folder: string;
  /** Licence as stated in SOURCE.md (doubtful = none found / access-controlled at the origin). */
  licence: string;
}

/** Licence of each staged source (as stated in shared/datasets), written to dataset-stats.json. */
export const SOURCE_INFO: Record<string, SourceInfo> = {
  edos: { folder: 'edos', licence: 'CC0 1.0' },
  'online-misogyny-eacl2021': { folder: 'online-misogyny-eacl2021', licence: 'MIT' },
  'ami2018-en': { folder: 'ami2018-en', licence: 'none found (doubtful)' },
  cmsb: { folder: 'cmsb', licence: 'not stated (doubtful, GESIS terms)' },
  'french-superset-sexism': { folder: 'french-hate-speech-superset', licence: 'none stated, gated (doubtful)' },
  'sexism-twitter-french': { folder: 'sexism-twitter-french', licence: 'none stated (doubtful)' },
  mlma: { folder: 'mlma', licence: 'MIT' },
  ethos: { folder: 'ethos', licence: 'GPL-3.0' },
  'dynahate-test': { folder: 'dynahate-test', licence: 'none in the authors repo; benchmark copy MIT (doubtful)' },
  toxigen: { folder: 'toxigen', licence: 'CDLA-Permissive-2.0 (data), MIT (code)' },
  'sbic-test': { folder: 'sbic-test', licence: 'CC BY 4.0' },
  'implicit-hate-corpus': { folder: 'implicit-hate-corpus', licence: 'CC BY 4.0 (third-party re-host of a form-gated release)' },
  'gab-hate-corpus': { folder: 'gab-hate-corpus', licence: 'not stated in the copy (doubtful)' },
  'cyberagression-large': { folder: 'cyberagression-large', licence: 'CC BY-NC 4.0 (non-commercial)' },
  'cyberagressionado-v1': { folder: 'cyberagressionado-v1', licence: 'none stated' },
  'ftr-french-racism': { folder: 'ftr-french-racism', licence: 'MIT' },
  toxifrench: { folder: 'toxifrench', licence: 'MIT (Jigsaw source CC0)' },
  hateval2019: { folder: 'hateval2019', licence: 'CC BY-NC 4.0 (non-commercial); relabel MIT' },
  davidson2017: { folder: 'davidson2017', licence: 'MIT' },
};
