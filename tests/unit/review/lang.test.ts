import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/review/lang';

describe('FR/EN language detection', () => {
  it.each([
    ['Ferme ta gueule sale pute, retourne à la cuisine.', 'fr'],
    ["T'es qu'une s4l0pe, on sait où tu habites, fais gaffe à toi.", 'fr'],
    ['Les femmes sont trop émotives pour faire de la politique', 'fr'],
    ['jsp mais t ki toi pr parler comme ça', 'fr'],
    ['Women like you are nothing but attention whores, nobody asked for your opinion.', 'en'],
    ['Someone should rape this bitch to teach her a lesson.', 'en'],
    ['shut up and get back to the kitchen', 'en'],
    ['Great reporting. The data on the pay gap in tech was eye-opening.', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
  it('says "und" when there is no evidence', () => {
    expect(detectLanguage('🤡🤡🤡')).toBe('und');
    expect(detectLanguage('lol 2024')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });
});
