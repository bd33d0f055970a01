import { describe, expect, it } from 'vitest';
import { correctionFact, createMatcher, type Correction, type OverrideHit } from '../../../src/review/corrections';
import { withCorrection } from '../../../src/verdict/verdict';
import type { Decision } from '../../../src/verdict/decide';
import type { Settings } from '../../../src/store/settings';

const decisionFor = (hit: OverrideHit | null, model: Decision, s: Settings): Decision => withCorrection(correctionFact(hit), model, s);
import { ALLOW_JACCARD, BLOCK_JACCARD, featureSet, jaccard } from '../../../src/review/similarity';
import { DEFAULT_SETTINGS } from '../../../src/store/settings';

let n = 0;
function corr(verdict: 'allow' | 'block', text: string, over: Partial<Correction> = {}): Correction {
  return { id: `c${++n}`, verdict, text, platform: 'reddit', author: 'someone', trustAuthor: false, label: 'misogyny', entryId: null, createdAt: n, ...over };
}
const sim = (a: string, b: string) => jaccard(featureSet(a), featureSet(b));

describe('near-duplicate similarity (featurizer ids, Jaccard)', () => {
  it('obfuscated, re-cased, re-punctuated variants of a text are (near) identical', () => {
    expect(sim('Ferme ta gueule sale pute, retourne à la cuisine.', 'FERME TA GUEULE SALE PUT3, retourne a la cuisine')).toBe(1);
    expect(sim('Women like you are nothing but attention whores, nobody asked for your opinion.', 'women like u are nothing but attention wh0res nobody asked your opinion')).toBeGreaterThanOrEqual(ALLOW_JACCARD);
    expect(sim('Les femmes sont trop émotives pour faire de la politique, c\'est biologique.', 'Les femmes sont trop émotives pour faire de la politique c biologique')).toBeGreaterThanOrEqual(ALLOW_JACCARD);
  });
  it('a text sharing only an opening or a topic stays below the block threshold', () => {
    expect(sim('tu es une femme formidable', 'tu es une femme stupide et inutile')).toBeLessThan(BLOCK_JACCARD);
    expect(sim('I love this article, great reporting on women in tech', 'I hate this article, women in tech should go back to the kitchen')).toBeLessThan(BLOCK_JACCARD);
    expect(sim("Les femmes sont trop émotives pour faire de la politique, c'est biologique.", "Les hommes sont trop émotifs pour faire de la cuisine, c'est culturel.")).toBeLessThan(BLOCK_JACCARD);
  });
});

describe('corrections matcher', () => {
  it('"not abusive" lets the exact text and near-identical FR/EN variants through, not a different insult', () => {
    const m = createMatcher([
      corr('allow', 'Les femmes sont trop émotives pour faire de la politique, c\'est biologique.'),
      corr('allow', 'Great reporting, the data on the pay gap in tech was an eye opener for me.'),
    ]);
    expect(m.match("les femmes sont trop emotives pour faire de la politique c'est biologique", 'other', 'x')?.verdict).toBe('allow');
    expect(m.match('Les femmes sont trop émotives pour faire de la politique c biologique !!', 'other', 'reddit')?.verdict).toBe('allow');
    expect(m.match('GREAT reporting, the data on the pay gap in tech was an eye-opener for me!', null, 'reddit')?.verdict).toBe('allow');
    expect(m.match('Les femmes sont trop connes pour faire de la politique, retourne à la cuisine.', 'other', 'reddit')).toBeNull();
  });

  it('one swapped word is enough to block, not enough to allow (asymmetric thresholds)', () => {
    const text = 'Women like you are nothing but attention seekers, nobody asked for your opinion.';
    const variant = 'Women like you are nothing but attention whores, nobody asked for your opinion.';
    expect(createMatcher([corr('allow', text)]).match(variant, 'a', 'reddit')).toBeNull();
    expect(createMatcher([corr('block', text)]).match(variant, 'a', 'reddit')?.verdict).toBe('block');
  });

  it('"abusive, hide this" blocks leet / spaced / homoglyph variants of a missed text', () => {
    const m = createMatcher([corr('block', 'retourne faire la vaisselle ma belle, personne ne veut de toi ici', { label: 'sexual' })]);
    for (const v of ['R3TOURNE faire la v4isselle ma belle, personne ne veut de toi ici', 'retourne faire la vaisselle ma belle personne ne veut de toi ici !!!', 'retоurne faire la vaisselle ma belle, personne ne veut de toi ici 🙄']) {
      const hit = m.match(v, 'x', 'reddit');
      expect(hit?.verdict, v).toBe('block');
      expect(hit?.correction.label).toBe('sexual');
    }
    expect(m.match('ma belle vaisselle est propre', 'x', 'reddit')).toBeNull();
  });

  it('short texts only match exactly', () => {
    const m = createMatcher([corr('allow', 'quelle idiote')]);
    expect(m.match('Quelle IDIOTE !', null, 'x')?.verdict).toBe('allow');
    expect(m.match('quelle idiote tu fais', null, 'x')).toBeNull();
  });

  it('trusting an author allows everything she/he writes on that platform only; newest correction on a text wins', () => {
    const m = createMatcher([corr('allow', 'whatever', { author: 'Nina_K', trustAuthor: true }), corr('block', 'tu es nulle', { createdAt: 1 }), corr('allow', 'tu es nulle', { createdAt: 99 })]);
    expect(m.match('anything at all, even rude', 'nina_k', 'reddit')?.verdict).toBe('allow');
    expect(m.match('anything at all, even rude', 'nina_k', 'x')).toBeNull();
    expect(m.match('Tu es nulle', null, 'x')?.verdict).toBe('allow');
  });
});

describe('decisionFor: corrections on top of the model decision', () => {
  const s = DEFAULT_SETTINGS;
  it('allow → clean whatever the model said; block → flagged with her category and her action for it', () => {
    const model = { labels: ['insult' as const], action: 'blur' as const };
    expect(decisionFor({ verdict: 'allow', correction: corr('allow', 'x'), similarity: 1 }, model, s)).toEqual({ labels: [], action: null });
    const blocked = decisionFor({ verdict: 'block', correction: corr('block', 'x', { label: 'threat' }), similarity: 1 }, { labels: [], action: null }, { ...s, actions: { ...s.actions, threat: 'remove' } });
    expect(blocked).toEqual({ labels: ['threat'], action: 'collapse' }); // a threat is never removed
    expect(decisionFor(null, model, s)).toBe(model);
  });
  it('block still hides when she set that category to "don\'t hide"', () => {
    const d = decisionFor({ verdict: 'block', correction: corr('block', 'x'), similarity: 1 }, { labels: [], action: null }, { ...s, actions: { ...s.actions, misogyny: 'off' } });
    expect(d.action).toBe('blur');
  });
});
