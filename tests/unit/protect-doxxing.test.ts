import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileIdentifiers, findDoxxing, findGenericDoxxing, type DoxxKind } from '../../src/protect/doxxing.ts';

/** The original-text slices found, as "kind:slice". */
function found(text: string, own?: string[]): string[] {
  return findDoxxing(text, own ? { own } : {}).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
}

/** [text, kind, exact slice expected] */
type Positive = [string, DoxxKind, string];

const PHONES: Positive[] = [
  ['appelle-la au 06 12 34 56 78, elle répondra', 'phone', '06 12 34 56 78'],
  ['son num: 06.12.34.56.78', 'phone', '06.12.34.56.78'],
  ['07-12-34-56-78', 'phone', '07-12-34-56-78'],
  ['0612345678', 'phone', '0612345678'],
  ['fixe 01 42 68 53 00', 'phone', '01 42 68 53 00'],
  ['+33 6 12 34 56 78', 'phone', '+33 6 12 34 56 78'],
  ['+33612345678', 'phone', '+33612345678'],
  ['0033 6 12 34 56 78', 'phone', '0033 6 12 34 56 78'],
  ['+33 (0)6 12 34 56 78', 'phone', '+33 (0)6 12 34 56 78'],
  ['call her +44 20 7946 0958 lol', 'phone', '+44 20 7946 0958'],
  ['+1 202-555-0143', 'phone', '+1 202-555-0143'],
  ['+14155552671', 'phone', '+14155552671'],
  ['+32 470 12 34 56', 'phone', '+32 470 12 34 56'],
  ['her cell is (555) 123-4567', 'phone', '(555) 123-4567'],
  ['text 555-123-4567 and tell her', 'phone', '555-123-4567'],
];

const EMAILS: Positive[] = [
  ['écrivez-lui: marie.dupont@gmail.com !', 'email', 'marie.dupont@gmail.com'],
  ['j.doe+news@example.co.uk', 'email', 'j.doe+news@example.co.uk'],
  ['marie [at] gmail [dot] com', 'email', 'marie [at] gmail [dot] com'],
  ['marie(at)orange(point)fr', 'email', 'marie(at)orange(point)fr'],
  ['prenom.nom arobase gmail point com', 'email', 'prenom.nom arobase gmail point com'],
  ['marie {at} yahoo.fr', 'email', 'marie {at} yahoo.fr'],
  ['mail her: jane at gmail dot com', 'email', 'jane at gmail dot com'],
  ['jane @ hotmail.com', 'email', 'jane @ hotmail.com'],
];

const ADDRESSES: Positive[] = [
  ['elle habite 12 rue de la Paix, 75002 Paris et voilà', 'address', '12 rue de la Paix, 75002 Paris'],
  ['3 bis avenue Jean Jaurès', 'address', '3 bis avenue Jean Jaurès'],
  ['au 15 bd Voltaire', 'address', '15 bd Voltaire'],
  ['4 allée des Tilleuls 69003 Lyon', 'address', '4 allée des Tilleuls 69003 Lyon'],
  ['7 impasse du Moulin', 'address', '7 impasse du Moulin'],
  ['2 chemin des Vignes', 'address', '2 chemin des Vignes'],
  ['10 place de la République', 'address', '10 place de la République'],
  ['elle vit 12 rue victor hugo', 'address', '12 rue victor'],
  ["8 rue de l'Église", 'address', "8 rue de l'Église"],
  ['rue de la Paix, 75002 Paris', 'address', 'rue de la Paix, 75002 Paris'],
  ['221B Baker Street', 'address', '221B Baker Street'],
  ['1600 Pennsylvania Ave', 'address', '1600 Pennsylvania Ave'],
  ['42 Elm St, Apt 3B, Springfield, IL 62704', 'address', '42 Elm St, Apt 3B, Springfield, IL 62704'],
  ['she lives at 10 downing street lol', 'address', '10 downing street'],
  ['350 Fifth Avenue, Suite 300', 'address', '350 Fifth Avenue, Suite 300'],
  ['the Zillow info: 1233 SW 46 Ave Pompano Beach', 'address', '1233 SW 46 Ave'],
  ['she works at 20 W 34th Street', 'address', '20 W 34th Street'],
];

const PLATES: Positive[] = [
  ['sa voiture AB-123-CD est garée', 'plate', 'AB-123-CD'],
  ['plaque ab-123-cd', 'plate', 'ab-123-cd'],
  ['GH 456 KL', 'plate', 'GH 456 KL'],
  ['vieille plaque 1234 AB 75', 'plate', '1234 AB 75'],
  ['123 ABC 2A', 'plate', '123 ABC 2A'],
  ['her car is AB12 CDE', 'plate', 'AB12 CDE'],
];

describe('doxxing: French and English positives, spans on the original text', () => {
  for (const [text, kind, slice] of [...PHONES, ...EMAILS, ...ADDRESSES, ...PLATES]) {
    it(`${kind}: ${text}`, () => {
      expect(found(text)).toContain(`${kind}:${slice}`);
      for (const s of findDoxxing(text)) expect(s.label).toBe('doxxing');
    });
  }
});

const NEGATIVES: string[] = [
  // prices
  'ça coûte 12,50 €',
  'ça coûte 1 234,56 €',
  'price: $1,234.56',
  '€ 1.234.567,89 de budget',
  '12 345 678 euros de dette',
  // dates and times
  'le 12/03/2024',
  'le 12.03.2024 à 14h30',
  '2024-03-12',
  '2024-03-12T10:15:00Z',
  'rendez-vous à 12:30',
  'né en 1987, 2024 sera mieux',
  'du 01/01/2020 au 31/12/2020',
  // percentages, scores, quantities
  '45 % des femmes',
  'score final 3-1, puis 2-2',
  'victoire 21-19 21-17',
  '+10 000 000 abonnés',
  '+3 points',
  '12 345 vues',
  // ids that look like numbers
  'ISBN 978-2-07-036822-8',
  'ISBN 2-07-036822-X',
  'commande n° 0612345678',
  'order #555-123-4567',
  'numéro de suivi 0612345678',
  'IBAN FR76 3000 6000 0112 3456 7890 189',
  'version 1.2.3.4',
  'IP 192.168.1.1',
  // ordinary words that look like ways
  "j'ai 2 cours de maths demain",
  'il reste 3 place de libre',
  'I ran 5 miles down the road',
  'the 3 main streets are closed',
  '2 chemins possibles',
  '10 rues plus loin',
  // "at" that is not an e-mail
  'meet me at home dot com',
  'I am at work',
  'je suis chez moi',
  // plate look-alikes
  '16 GB 20 euros',
  'covid-19 en 2020',
  'RTX 4090 OC',
  'ab123cd',
  'AB123CD',
  'picking up another ASUS VG278HE monitor',
  '@TB12FAN that is what I thought',
  'enceinte sans fil WS01RSM',
  'a 31 year old bitch, 88 A 31',
  'Strong lift 5x5, 5 OHP 45 kg',
  // headline case and durations are not addresses
  'More Than 130 Homes and 170 Square Miles Burned Due to Wildfire',
  'November 6 IS CLOSE#VoteRed',
  'yesterday a 15 hour trip and 9 hour drive today',
  'she got 631K followers but drive a honda',
  // plain text
  "Merci pour cet article, c'est très juste.",
  'Thanks for the thread, great points.',
];

describe('doxxing: negatives stay clean', () => {
  for (const text of NEGATIVES) {
    it(`clean: ${text}`, () => {
      expect(found(text)).toEqual([]);
    });
  }
});

describe('doxxing: her own identifiers through normalize()', () => {
  const own = ['Marie Dupont', '@marie_dupont', 'rue des Lilas', 'Léa', 'Acme Studio'];
  const cases: [string, string][] = [
    ['lol marie dupont', 'marie dupont'],
    ["c'est m4rie dup0nt la meuf", 'm4rie dup0nt'],
    ['M a r i e  D u p o n t', 'M a r i e  D u p o n t'],
    ['D.u.p.o.n.t M.a.r.i.e', ''], // order matters: "dupont marie" is not her name as entered
    ['son pseudo ailleurs: marie_dupont', 'marie_dupont'],
    ['@marie_dupont tu racontes n importe quoi', ''], // a mention addresses her, it publishes nothing
    ['MARIE_DUPONT', 'MARIE_DUPONT'],
    ['elle habite r u e des L1las lol', 'r u e des L1las'],
    ['rue des lilas', 'rue des lilas'],
    ['sa fille Léa va à quelle école ?', 'Léa'],
    ['sa fille lea', 'lea'],
    ['elle bosse chez ACME studio', 'ACME studio'],
    ['Mаrie Dupont', 'Mаrie Dupont'], // Cyrillic а
  ];
  for (const [text, slice] of cases) {
    it(`${text} → ${slice || 'nothing'}`, () => {
      const spans = findDoxxing(text, { own }).filter((s) => s.kind === 'own_identifier');
      if (slice === '') expect(spans).toEqual([]);
      else expect(spans.map((s) => text.slice(s.start, s.end))).toContain(slice);
    });
  }

  it('matches whole words only ("Léa" is not in "Léandre", "Anne" is not in "Annecy")', () => {
    expect(findDoxxing('Léandre et Annecy', { own: ['Léa', 'Anne'] })).toEqual([]);
  });

  it('ignores identifiers too short to be meaningful', () => {
    expect(compileIdentifiers(['Jo', ' ', 'a.b']).keys).toEqual([]);
    expect(findDoxxing('Jo est là', { own: ['Jo'] })).toEqual([]);
  });

  it('finds every occurrence, each mapped to its own original offsets', () => {
    const text = 'Marie Dupont. Encore m a r i e dupont !';
    const spans = findDoxxing(text, { own: ['Marie Dupont'] });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Marie Dupont', 'm a r i e dupont']);
  });

  it('generic search never uses her identifiers', () => {
    expect(findGenericDoxxing('marie dupont')).toEqual([]);
  });
});

describe('doxxing: robustness', () => {
  it('is total on any string and returns spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const sp of findDoxxing(s, { own: ['Marie Dupont'] })) {
          expect(sp.start).toBeGreaterThanOrEqual(0);
          expect(sp.end).toBeLessThanOrEqual(s.length);
          expect(sp.end).toBeGreaterThan(sp.start);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds several kinds in one text, sorted by position', () => {
    const text = 'Marie Dupont, 12 rue de la Paix 75002 Paris, 06 12 34 56 78, marie@gmail.com, AB-123-CD';
    expect(findDoxxing(text, { own: ['Marie Dupont'] }).map((s) => s.kind)).toEqual(['own_identifier', 'address', 'phone', 'email', 'plate']);
  });

  it('is fast on a long comment', () => {
    const text = 'bla 12 rue 06 12 3 '.repeat(1000);
    const t0 = performance.now();
    findDoxxing(text, { own: ['Marie Dupont', 'rue des Lilas'] });
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
