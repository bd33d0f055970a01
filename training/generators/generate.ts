/**
 * Counterfactual data generator (source `bouclier-gen`). Fills template families (templates-en/fr.ts)
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
import * as L from './lexicon.ts';
import { obfuscateText } from './obfuscate.ts';
import { Rng, seedOf } from './rng.ts';
import { FAMILIES_EN } from './templates-en.ts';
import { FAMILIES_FR } from './templates-fr.ts';
import { FAMILIES_EN_EXTRA, FAMILIES_FR_EXTRA } from './templates-extra.ts';
import { FAMILIES_EN_R5, FAMILIES_FR_R5 } from './templates-r5.ts';
import { FAMILIES_EN_R8, FAMILIES_FR_R8 } from './templates-r8.ts';
import { HOSTILE_KINDS, NON_HOSTILE_KINDS, isHostile, type Family, type Kind } from './types.ts';

export interface GenerateOptions {
  seed?: number;
  /** Rows attempted per family (duplicates are dropped, so families with few slots give fewer). */
  perFamily?: number;
  /** Share of hostile / non-hostile rows that get an obfuscation transform. */
  obfuscateHostile?: number;
  obfuscateOther?: number;
  /** Also generate the sexual-threat / sexual-harassment families (templates-r8.ts, tag x8:). Off by default. */
  r8?: boolean;
}

const WOMEN_SHARE = 0.4; // same share in hostile and non-hostile rows: group words carry no label signal

interface Ctx {
  rng: Rng;
  lang: Lang;
  womenTarget: boolean; // the {G}/{P} target is women / a woman
  groupG: L.Gender; // FR grammatical gender of the group
  personF: boolean;
  gendered: boolean; // a gendered slur was used against the target
  insulting: boolean; // an insulting slot was filled
  charged: string[]; // filled words worth obfuscating
}

function fillEn(tpl: string, ctx: Ctx, group: L.GroupEn, name: string): string {
  const { rng } = ctx;
  return tpl.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'G': return group.pl;
      case 'G1': return group.sg;
      case 'Gn': return group.noun;
      case 'they_sg': return ctx.womenTarget ? 'she' : 'they';
      case 'P': return name;
      case 'she': return ctx.personF ? 'she' : 'he';
      case 'her': return ctx.personF ? 'her' : 'his';
      case 'her_o': return ctx.personF ? 'her' : 'him';
      case 'ADJ': { ctx.insulting = true; const w = rng.pick(L.ADJ_NEG_EN); ctx.charged.push(w); return w; }
      case 'ADJ_POS': return rng.pick(L.ADJ_POS_EN);
      case 'DEHUM': { ctx.insulting = true; const w = rng.pick(L.DEHUM_EN); ctx.charged.push(w); return w; }
      case 'SLUR': {
        ctx.insulting = true;
        const gendered = ctx.personF && rng.chance(0.6);
        if (gendered) ctx.gendered = true;
        const w = gendered ? rng.pick(L.SLUR_W_EN) : rng.pick(L.INSULT_EN);
        ctx.charged.push(w);
        return w;
      }
      case 'SLUR_G': {
        ctx.insulting = true;
        const w = ctx.womenTarget ? rng.pick(['bitches', 'sluts', 'whores', 'cunts', 'hoes', 'skanks']) : rng.pick(['idiots', 'morons', 'losers', 'scum', 'degenerates', 'savages']);
        ctx.charged.push(w);
        return w;
      }
      // a gendered slur: in a hostile row it would make the abuse of a woman misogyny (only testimony,
      // counter-speech and negated-hate families use it)
      case 'SLUR_W': { ctx.gendered = true; const w = rng.pick(L.SLUR_W_EN); ctx.charged.push(w); return w; }
      case 'INSULT': { ctx.insulting = true; const w = rng.pick(L.INSULT_EN); ctx.charged.push(w); return w; }
      case 'HARM': { const w = rng.pick(L.HARM_EN); ctx.charged.push(w); return w; }
      case 'SUFFER': return rng.pick(L.SUFFER_EN);
      case 'PROF': { const w = rng.pick(L.PROF_EN); ctx.charged.push(w); return w; }
      case 'ROLE': return rng.pick(L.ROLE_EN);
      case 'ROLE_BARE': return rng.pick(L.ROLE_EN).replace(/^(the|my|our) /, '');
      default: throw new Error(`unknown EN slot {${slot}} in "${tpl}"`);
    }
  });
}

function fillFr(tpl: string, ctx: Ctx, group: L.GroupFr, name: string): string {
  const { rng } = ctx;
  const f = group.g === 'f';
  const pf = ctx.personF;
  const out = tpl.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'G': return group.pl;
      case 'G1': case 'G1_bare': return group.sg;
      case 'Gn': return group.noun;
      case 'Ge': return f ? 'e' : '';
      case 'Gv': return f ? 've' : 'f';
      case 'Gsg_e': return f ? 'e' : '';
      case 'P': return name;
      case 'il': case 'il_bas': return pf ? 'elle' : 'il';
      case 'lelision': return pf ? '’elle' : '’il';
      case 'lui_faire': return 'le lui faire';
      case 'e': return pf ? 'e' : '';
      case 'ADJ': { ctx.insulting = true; const a = rng.pick(L.ADJ_NEG_FR); const w = f ? a[3] : a[2]; ctx.charged.push(w); return w; }
      case 'ADJ1': { ctx.insulting = true; const a = rng.pick(L.ADJ_NEG_FR); const w = (tpl.includes('{P}') ? pf : f) ? a[1] : a[0]; ctx.charged.push(w); return w; }
      case 'ADJ_POS': { const a = rng.pick(L.ADJ_POS_FR); return f ? a[3] : a[2]; }
      case 'ADJ_POS1': { const a = rng.pick(L.ADJ_POS_FR); return pf ? a[1] : a[0]; }
      case 'DEHUM': { ctx.insulting = true; const w = rng.pick(L.DEHUM_FR); ctx.charged.push(w.split(' ').pop()!); return w; }
      case 'SLUR': {
        ctx.insulting = true;
        const gendered = pf && rng.chance(0.6);
        if (gendered) ctx.gendered = true;
        const ins = rng.pick(L.INSULT_FR);
        const w = gendered ? rng.pick(L.SLUR_W_FR) : pf ? ins[1] : ins[0];
        ctx.charged.push(w);
        return w;
      }
      case 'SLUR_G': {
        ctx.insulting = true;
        const w = ctx.womenTarget ? rng.pick(['salopes', 'putes', 'connasses', 'pétasses', 'traînées', 'chiennes']) : rng.pick(['abrutis', 'cons', 'déchets', 'sauvages', 'tocards', 'dégénérés']);
        ctx.charged.push(w);
        return w;
      }
      case 'SLUR_W': { ctx.gendered = true; const w = rng.pick(L.SLUR_W_FR); ctx.charged.push(w); return w; }
      case 'HARM': { const w = rng.pick(L.HARM_FR); ctx.charged.push(w); return w; }
      case 'SUFFER': return rng.pick(L.SUFFER_FR);
      case 'PROF': { const w = rng.pick(L.PROF_FR); ctx.charged.push(w); return w; }
      case 'ROLE': return rng.pick(L.ROLE_FR);
      default: throw new Error(`unknown FR slot {${slot}} in "${tpl}"`);
    }
  });
  return agreeFr(out, group.g, tpl.includes('{G}') || tpl.includes('{G1}') || tpl.includes('{Gn}'));
}

/** Gender agreement of the few plural words written in the masculine/feminine in FR templates. */
function agreeFr(text: string, g: L.Gender, hasGroup: boolean): string {
  if (!hasGroup) return text;
  if (g === 'f') {
    return text
      .replace(/\bils\b/g, 'elles').replace(/\bIls\b/g, 'Elles')
      .replace(/\btous\b/g, 'toutes').replace(/\bTous\b/g, 'Toutes')
      .replace(/\bLe prochain\b/g, 'La prochaine').replace(/\bje vais le\b/g, 'je vais la')
      .replace(/menteurs et des manipulateurs/g, 'menteuses et des manipulatrices')
      .replace(/paresseux et pas fiables/g, 'paresseuses et pas fiables')
      .replace(/\bles méritent\b/g, 'le méritent');
  }
  return text.replace(/\btoutes\b/g, 'tous').replace(/\bToutes\b/g, 'Tous').replace(/\bémotives\b/g, 'émotifs');
}

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

/** Family → split: within each (lang, kind), families sorted by a stable hash; ≈10 % test, ≈10 % dev. */
function familySplits(families: Family[], lang: Lang, tag = ''): Split[] {
  const splits: Split[] = new Array<Split>(families.length).fill('train');
  const byKind = new Map<string, number[]>();
  // The templates-extra.ts set (x4:) has one or two families per kind: it is split as one pool (else every
  // single-family kind would go wholly to test). The templates-r5.ts set (x5:) is split as two pools, hostile
  // and non-hostile, so that each of train/dev/test gets both.
  families.forEach((f, i) => {
    // The templates-r8.ts set (x8:) is split as three pools per language (sexual threats, sexual harassment,
    // harmless), so each held-out hostile family has at least two training families of its sort.
    const key: string =
      tag === 'x4:' ? 'pool'
      : tag === 'x8:' ? (isHostile(f.kind) ? `${f.kind}${f.sexual ? '+sexual' : ''}` : 'other')
      : tag ? (isHostile(f.kind) ? 'hostile' : 'other') : f.kind;
    byKind.set(key, [...(byKind.get(key) ?? []), i]);
  });
  for (const [kind, idx] of byKind) {
    const sorted = [...idx].sort((a, b) => seedOf(`${tag}${lang}:${kind}:${a}`) - seedOf(`${tag}${lang}:${kind}:${b}`));
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
  // The families of templates-extra.ts, templates-r5.ts and templates-r8.ts get their own family split and
  // seeds, so the families listed before them keep their split and rows.
  const sets: [Lang, Family[], string][] = [
    ['en', FAMILIES_EN, ''],
    ['fr', FAMILIES_FR, ''],
    ['en', FAMILIES_EN_EXTRA, 'x4:'],
    ['fr', FAMILIES_FR_EXTRA, 'x4:'],
    ['en', FAMILIES_EN_R5, 'x5:'],
    ['fr', FAMILIES_FR_R5, 'x5:'],
    // templates-r8.ts (opt-in): appended last, so the rows of the other families are unchanged with or without it.
    ...(opts.r8 ? ([['en', FAMILIES_EN_R8, 'x8:'], ['fr', FAMILIES_FR_R8, 'x8:']] as [Lang, Family[], string][]) : []),
  ];
  for (const [lang, families, tag] of sets) {
    const splits = familySplits(families, lang, tag);
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
