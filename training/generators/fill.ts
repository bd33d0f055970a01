/**
 * Filling one template variant: each {SLOT} gets a group, a name, a pronoun or a word from the lexicon, chosen
 * with the family's random stream, and the context records what was filled (a gendered slur, an insulting
 * word, the charged words worth obfuscating) so that generate.ts can label the row. French agreement of the
 * few words the templates write in one gender is fixed here too.
 */
import type { Lang } from '../datasets/types.ts';
import * as L from './lexicon.ts';
import type { Rng } from './rng.ts';

export interface Ctx {
  rng: Rng;
  lang: Lang;
  womenTarget: boolean; // the {G}/{P} target is women / a woman
  groupG: L.Gender; // FR grammatical gender of the group
  personF: boolean;
  gendered: boolean; // a gendered slur was used against the target
  insulting: boolean; // an insulting slot was filled
  charged: string[]; // filled words worth obfuscating
}

export function fillEn(tpl: string, ctx: Ctx, group: L.GroupEn, name: string): string {
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

export function fillFr(tpl: string, ctx: Ctx, group: L.GroupFr, name: string): string {
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
