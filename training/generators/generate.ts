/**
 * Counterfactual data generator (source `bouclier-gen`). Fills template families (FAMILY_SETS below)
 * with identity-swapped groups, names and varied slot fillers, adds light surface noise, obfuscates a
 * share of rows, and labels each row from its kind and target:
 * - non-hostile kinds: every label 0 (mentioning women, quoting a slur to condemn it, testimony,
 *   negation, homonyms and untargeted swearing are not abuse);
 * - hostile kinds: toxic 1; misogyny 1 when the target is women (group) or the abuse is gendered
 *   (gendered slur, sexual) against a woman; identity_attack 1 for other protected groups (left null
 *   for women, whose group attacks are counted under misogyny); insult / threat / sexual from the
 *   kind and the slots used.
 * Split: each family goes wholly to train/dev/test (≈80/10/10 within every kind and language), so the
 * templates of the test split are never seen in training.
 */
import type { Lang, RowLabels, SourceRow, Split } from '../datasets/types.ts';
import { fillEn, fillFr, type Ctx } from './fill.ts';
import * as L from './lexicon.ts';
import { obfuscateText } from './obfuscate.ts';
import { Rng, seedOf } from './rng.ts';
import { FAMILIES_EN } from './templates-en.ts';
import { FAMILIES_FR } from './templates-fr.ts';
import { FAMILIES_EN_EXTRA, FAMILIES_FR_EXTRA } from './templates-extra.ts';
import { FAMILIES_EN_R5, FAMILIES_FR_R5 } from './templates-r5.ts';
import { HOSTILE_KINDS, NON_HOSTILE_KINDS, isHostile, type Family, type Kind } from './types.ts';

export interface GenerateOptions {
  seed?: number;
  /** Rows attempted per family (duplicates are dropped, so families with few slots give fewer). */
  perFamily?: number;
  /** Share of hostile / non-hostile rows that get an obfuscation transform. */
  obfuscateHostile?: number;
  obfuscateOther?: number;
  /** The family sets to fill (default: FAMILY_SETS). */
  sets?: readonly FamilySet[];
}

/**
 * A list of template families with its own family split and seeds: the tag is part of each family's split key
 * and seed, so adding a set leaves the rows and splits of the others unchanged. `pool` groups the families
 * that are split together (≈10 % test, ≈10 % dev within each pool).
 */
export interface FamilySet {
  lang: Lang;
  families: Family[];
  tag: string;
  pool: (f: Family) => string;
}

const byHostility = (f: Family): string => (isHostile(f.kind) ? 'hostile' : 'other');

/**
 * The shipped sets. templates-en/fr.ts: split within each kind. The templates-extra.ts set (x4:) has one or two
 * families per kind: it is split as one pool (else every single-family kind would go wholly to test). The
 * templates-r5.ts set (x5:) is split as two pools, hostile and non-hostile, so that each of train/dev/test gets
 * both.
 */
export const FAMILY_SETS: readonly FamilySet[] = [
  { lang: 'en', families: FAMILIES_EN, tag: '', pool: (f) => f.kind },
  { lang: 'fr', families: FAMILIES_FR, tag: '', pool: (f) => f.kind },
  { lang: 'en', families: FAMILIES_EN_EXTRA, tag: 'x4:', pool: () => 'pool' },
  { lang: 'fr', families: FAMILIES_FR_EXTRA, tag: 'x4:', pool: () => 'pool' },
  { lang: 'en', families: FAMILIES_EN_R5, tag: 'x5:', pool: byHostility },
  { lang: 'fr', families: FAMILIES_FR_R5, tag: 'x5:', pool: byHostility },
];

const WOMEN_SHARE = 0.4; // same share in hostile and non-hostile rows: group words carry no label signal

// Surface noise shared by all kinds (so none of it is a label cue): register, casing, fillers.
const PREFIX_EN = ['', '', '', '', 'lol ', 'honestly ', 'tbh ', '@user ', 'ok so ', 'Reminder: ', 'idk, '];
const SUFFIX_EN = ['', '', '', '', ' lol', ' 🙄', ' 😂', ' tbh', ' !!', ' #justsaying', ' 💯', ' smh'];
const PREFIX_FR = ['', '', '', '', 'mdr ', 'franchement ', 'perso ', '@user ', 'bref ', 'Rappel : ', 'jsp, '];
const SUFFIX_FR = ['', '', '', '', ' mdr', ' 🙄', ' 😂', ' ptdr', ' !!', ' #jdcjdr', ' 💯', ' voilà'];

function noise(text: string, lang: Lang, rng: Rng): string {
  let t = text;
  if (rng.chance(0.25)) t = rng.pick(lang === 'en' ? PREFIX_EN : PREFIX_FR) + t;
  if (rng.chance(0.25)) t = t + rng.pick(lang === 'en' ? SUFFIX_EN : SUFFIX_FR);
  const r = rng.next();
  if (r < 0.2) t = t.toLowerCase();
  else if (r < 0.25) t = t.toUpperCase();
  if (rng.chance(0.15)) t = t.replace(/[.!?]+$/u, '');
  return t;
}

function capitaliseSentences(t: string): string {
  return t.replace(/(^|[.!?]\s+)(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

function labelsFor(kind: Kind, fam: Family, ctx: Ctx): RowLabels {
  if (!isHostile(kind)) {
    return { misogyny: 0, insult: 0, threat: 0, sexual: 0, identity_attack: 0, toxic: 0 };
  }
  const sexual = kind === 'hostile_sexual' || fam.sexual === true;
  const group = fam.target === 'group';
  let misogyny: 0 | 1 | null;
  let identity: 0 | 1 | null;
  if (group) {
    misogyny = ctx.womenTarget ? 1 : 0;
    identity = ctx.womenTarget ? null : 1;
  } else {
    // One person: gendered abuse of a woman is misogyny; a plain insult/threat at a woman is not
    // decidable from the text alone (null), at a man it is not misogyny.
    misogyny = ctx.personF ? (ctx.gendered || sexual ? 1 : null) : 0;
    identity = ctx.personF && (ctx.gendered || sexual) ? null : 0;
  }
  return {
    misogyny,
    insult: kind === 'hostile_slur' || kind === 'hostile_dehumanising' || ctx.insulting ? 1 : 0,
    threat: kind === 'hostile_threat' ? 1 : 0,
    sexual: sexual ? 1 : 0,
    identity_attack: identity,
    toxic: 1,
  };
}

/** Family → split: within each pool of the set, families sorted by a stable hash; ≈10 % test, ≈10 % dev. */
function familySplits({ families, lang, tag, pool }: FamilySet): Split[] {
  const splits: Split[] = new Array<Split>(families.length).fill('train');
  const byPool = new Map<string, number[]>();
  families.forEach((f, i) => {
    const key = pool(f);
    byPool.set(key, [...(byPool.get(key) ?? []), i]);
  });
  for (const [key, idx] of byPool) {
    const sorted = [...idx].sort((a, b) => seedOf(`${tag}${lang}:${key}:${a}`) - seedOf(`${tag}${lang}:${key}:${b}`));
    const nHeld = Math.max(1, Math.round(sorted.length * 0.1));
    sorted.slice(0, nHeld).forEach((i) => (splits[i] = 'test'));
    if (sorted.length > 2) sorted.slice(nHeld, nHeld * 2).forEach((i) => (splits[i] = 'dev'));
  }
  return splits;
}

export function generateRows(opts: GenerateOptions = {}): SourceRow[] {
  const seed = opts.seed ?? 20261128;
  const perFamily = opts.perFamily ?? 160;
  const pObfH = opts.obfuscateHostile ?? 0.3;
  const pObfO = opts.obfuscateOther ?? 0.1;
  const out: SourceRow[] = [];
  const seen = new Set<string>();
  for (const set of opts.sets ?? FAMILY_SETS) {
    const { lang, families, tag } = set;
    const splits = familySplits(set);
    families.forEach((fam, fi) => {
      const rng = new Rng(seedOf(`${seed}:${tag}${lang}:${fi}`));
      // Names must carry no label: person-directed non-hostile families get twice the rows, which roughly
      // evens out how often a woman's name appears in harmless vs abusive sentences (sexual families always
      // target a woman).
      const rowsHere = fam.target === 'person' && !isHostile(fam.kind) ? perFamily * 2 : perFamily;
      for (let n = 0; n < rowsHere; n++) {
        const tpl = rng.pick(fam.variants);
        // Women-specific families (role, sexual harassment of a person, reclaimed words) keep a woman target.
        const forceWoman = fam.target === 'role' || fam.kind === 'hostile_sexual' || fam.kind === 'reclaimed_homonym' || fam.sexual === true;
        const womenTarget = forceWoman || rng.chance(WOMEN_SHARE);
        const personF = forceWoman || rng.chance(0.65);
        const ctx: Ctx = { rng, lang, womenTarget, groupG: 'f', personF, gendered: false, insulting: false, charged: [] };
        let text: string;
        if (lang === 'en') {
          const group = rng.pick(womenTarget ? L.WOMEN_EN : L.OTHERS_EN);
          const name = rng.chance(0.2) ? rng.pick(L.HANDLES) : rng.pick(personF ? L.NAMES_F_EN : L.NAMES_M_EN);
          text = fillEn(tpl, ctx, group, name);
        } else {
          const group = rng.pick(womenTarget ? L.WOMEN_FR : L.OTHERS_FR);
          ctx.groupG = group.g;
          const name = rng.chance(0.2) ? rng.pick(L.HANDLES) : rng.pick(personF ? L.NAMES_F_FR : L.NAMES_M_FR);
          text = fillFr(tpl, ctx, group, name);
        }
        text = capitaliseSentences(text);
        if (fam.target === 'person') ctx.womenTarget = personF;
        const hostile = isHostile(fam.kind);
        let obf: string | undefined;
        if (rng.chance(hostile ? pObfH : pObfO)) {
          const r = obfuscateText(text, ctx.charged, rng);
          text = r.text;
          obf = r.how;
        }
        text = noise(text, lang, rng);
        if (seen.has(text)) continue;
        seen.add(text);
        out.push({
          text,
          lang,
          source: 'bouclier-gen',
          kind: fam.kind,
          officialSplit: splits[fi],
          splitKey: `gen:${tag}${lang}:${fi}`,
          labels: labelsFor(fam.kind, fam, ctx),
          ...(obf ? { obfuscation: obf } : {}),
          ...(fam.target !== 'none' ? { target: ctx.womenTarget ? ('women' as const) : ('other' as const) } : {}),
        });
      }
    });
  }
  return out;
}

export { HOSTILE_KINDS, NON_HOSTILE_KINDS };
