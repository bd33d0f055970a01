/**
 * Whose reply is it, and whose data does it publish (src/protect/whose.ts, src/store/accounts.ts, and
 * doxxingOfHer in src/protect/doxxing.ts): her own accounts are an explicit list compared exactly, her
 * private identifiers never exempt anyone, and a business's own contact details are not doxxing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileIdentifiers, doxxingOfHer, findDoxxing, looksLikeHer } from '../../src/protect/doxxing.ts';
import { doxxingIn, isHers, type ItemAuthor, type WhoseContext } from '../../src/protect/whose.ts';
import { compileAccounts, isOwnAccount, repairAccounts } from '../../src/store/accounts.ts';
import { DEFAULT_PROTECT, migrateProtect } from '../../src/protect/settings.ts';
import { exportSettings, ImportError, parseSettingsFile } from '../../src/store/transfer.ts';
import { DEFAULT_SETTINGS } from '../../src/store/settings.ts';
import { DEFAULT_LISTS } from '../../src/store/lists.ts';

const identifiers = compileIdentifiers(['Marie Dupont', 'rue des Lilas', 'Lucas', 'Acme Studio']);
const accounts = compileAccounts(
  repairAccounts([
    { platform: 'reddit', handle: 'marie_dupont' },
    { platform: 'x', handle: 'https://x.com/Marie_Dupont_Officiel' },
  ]),
);
const ctx: WhoseContext = { identifiers, accounts, threadOwner: null };
const reply = (author: string | null, text: string, platform = 'reddit', displayName: string | null = null): ItemAuthor => ({ platform, author, displayName, text });
const kinds = (item: ItemAuthor, c: WhoseContext = ctx): string[] => doxxingIn(item, c).map((s) => s.kind);

const HER_ADDRESS = 'Passez me voir au 12 rue des Lilas, 75011 Paris, je suis toujours là.';

describe('her own accounts: an explicit list, compared exactly', () => {
  it('her listed account is her, whatever the case, "@" or profile URL', () => {
    for (const a of ['marie_dupont', 'Marie_Dupont', '@marie_dupont']) expect(isHers(reply(a, 'x'), ctx)).toBe(true);
    expect(isHers(reply('marie_dupont_officiel', 'x', 'x'), ctx)).toBe(true); // entered as https://x.com/Marie_Dupont_Officiel
    // Her own reply naming her street is not doxxing her.
    expect(kinds(reply('marie_dupont', HER_ADDRESS))).toEqual([]);
  });

  it('is per platform: the same handle elsewhere is someone else', () => {
    expect(isHers(reply('marie_dupont', 'x', 'youtube'), ctx)).toBe(false);
    expect(isHers(reply('marie_dupont', 'x', 'x'), ctx)).toBe(false);
  });

  it('impersonators posting her address are not her, and it is doxxing', () => {
    for (const author of ['m4rie_dup0nt', 'lucas', '@Marie_Dupont2', 'marie.dupont', 'MARIE_DUPONT_', 'acme_studio']) {
      const item = reply(author, HER_ADDRESS);
      expect(isHers(item, ctx), author).toBe(false);
      expect(kinds(item), author).toEqual(expect.arrayContaining(['address', 'own_identifier']));
    }
  });

  it('an impersonator giving "my address" (not one she entered) is still doxxing: their own is hers', () => {
    const text = 'Mon adresse : 12 rue de la Paix, 75002 Paris. Passez quand vous voulez.';
    expect(kinds(reply('m4rie_dup0nt', text))).toEqual(['address']);
    expect(kinds(reply('fan_account', text, 'reddit', 'Marie Dupont'))).toEqual(['address']); // her name shown
    expect(kinds(reply('boulangerie_martin', text))).toEqual([]); // anyone else's "my address" is their own
  });

  it('with no account listed nobody is her, even an author named exactly like her', () => {
    const none: WhoseContext = { identifiers, accounts: compileAccounts([]) };
    expect(isHers(reply('marie_dupont', HER_ADDRESS), none)).toBe(false);
    expect(kinds(reply('marie_dupont', HER_ADDRESS), none)).toContain('address');
  });

  it('repairs what she typed or imported: cleaned handles, known-shape platforms, no duplicates', () => {
    expect(
      repairAccounts([
        { platform: 'x', handle: ' @Marie_Dupont ' },
        { platform: 'x', handle: 'https://x.com/marie_dupont/' },
        { platform: 'reddit', handle: 'https://www.reddit.com/user/marie_dupont/' },
        { platform: 'youtube', handle: 'https://www.youtube.com/@MarieD?si=abc' },
        { platform: 'X!', handle: 'marie' },
        { platform: 'x', handle: '   ' },
        { platform: 'x' },
        'marie',
        null,
      ]),
    ).toEqual([
      { platform: 'x', handle: 'Marie_Dupont' },
      { platform: 'reddit', handle: 'marie_dupont' },
      { platform: 'youtube', handle: 'MarieD' },
    ]);
    expect(isOwnAccount(compileAccounts([{ platform: 'x', handle: 'Marie_Dupont' }]), 'https://x.com/marie_dupont', 'x')).toBe(true);
    expect(isOwnAccount(compileAccounts([{ platform: 'x', handle: 'Marie_Dupont' }]), null, 'x')).toBe(false);
  });

  it('migrates nothing: identifiers without accounts stay without accounts', () => {
    expect(DEFAULT_PROTECT.ownAccounts).toEqual([]);
    const p = migrateProtect({ ownIdentifiers: ['Marie Dupont', '@marie_dupont'] });
    expect(p.ownIdentifiers).toEqual(['Marie Dupont', '@marie_dupont']);
    expect(p.ownAccounts).toEqual([]);
    expect(migrateProtect({ ownAccounts: [{ platform: 'x', handle: '@Marie' }] }).ownAccounts).toEqual([{ platform: 'x', handle: 'Marie' }]);
    expect(migrateProtect({ ownAccounts: 'marie' }).ownAccounts).toEqual([]);
  });
});

describe('her accounts in the settings file', () => {
  const mine = [
    { platform: 'x', handle: 'Marie_Dupont' },
    { platform: 'reddit', handle: 'marie_dupont' },
  ];

  it('round-trip through export and import', () => {
    const text = exportSettings(DEFAULT_SETTINGS, DEFAULT_LISTS, mine, new Date(0));
    const back = parseSettingsFile(text);
    expect(back.accounts).toEqual(mine);
    expect(back.settings).toEqual(DEFAULT_SETTINGS);
    expect(back.lists).toEqual(DEFAULT_LISTS);
  });

  it('a file written before accounts existed leaves hers alone (null), a damaged list is refused', () => {
    const old = JSON.parse(exportSettings(DEFAULT_SETTINGS, DEFAULT_LISTS)) as Record<string, unknown>;
    delete old.accounts;
    expect(parseSettingsFile(JSON.stringify(old)).accounts).toBeNull();
    expect(() => parseSettingsFile(JSON.stringify({ ...old, accounts: 'marie_dupont' }))).toThrow(ImportError);
    // Entries are repaired like the stored ones.
    expect(parseSettingsFile(JSON.stringify({ ...old, accounts: [{ platform: 'x', handle: '@Marie' }, { platform: 'x', handle: 'marie' }, 42] })).accounts).toEqual([
      { platform: 'x', handle: 'Marie' },
    ]);
  });

  it('never carries her private identifiers', () => {
    expect(exportSettings(DEFAULT_SETTINGS, DEFAULT_LISTS, mine)).not.toMatch(/ownIdentifiers/);
  });
});

describe('doxxing is about her, not a business giving its own contact details', () => {
  const BUSINESS: string[] = [
    'Bonjour ! Pour vos commandes, appelez-nous au 01 23 45 67 89 ou passez à la boutique.',
    'Call us on 01 23 45 67 89',
    'Call us on +44 20 7946 0958 for a quote.',
    'notre adresse : 12 rue Victor Hugo, 69002 Lyon',
    'Merci ! Notre adresse : 8 avenue Jean Jaurès, 69007 Lyon, on vous attend.',
    'WhatsApp us on +44 20 7946 0958',
    'Contactez-nous au 04 78 12 34 56 ou sur contact@boulangerie-martin.fr',
    "We're located at 221B Baker Street, come and say hi!",
    'Pour toute réservation : 01 42 68 53 00',
  ];
  for (const text of BUSINESS) {
    it(`not doxxing: ${text}`, () => {
      expect(findDoxxing(text).length).toBeGreaterThan(0); // the detectors still see the data…
      expect(kinds(reply('boulangerie_martin', text))).toEqual([]); // …but it is the author's own
    });
  }

  const ABOUT_HER: string[] = [
    'voici son adresse : 12 rue de la Paix, 75002 Paris',
    'Voici son numéro : 06 12 34 56 78, faites-vous plaisir',
    'we know where you live: 12 Elm Street',
    'elle habite 12 rue de la Paix, 75002 Paris',
    'her address is 42 Elm St, Springfield, IL 62704',
    'appelle-la au 06 12 34 56 78, elle répondra',
    'je sais où tu habites, 4 allée des Tilleuls 69003 Lyon',
    'call her: (555) 123-4567',
  ];
  for (const text of ABOUT_HER) {
    it(`doxxing: ${text}`, () => {
      expect(kinds(reply('troll_42', text)).length).toBeGreaterThan(0);
      // A harasser cannot launder it with a business's words, nor as the thread's owner.
      expect(kinds(reply('troll_42', `Appelez-nous ! ${text}`, 'reddit'), { ...ctx, threadOwner: 'troll_42' }).length).toBeGreaterThan(0);
    });
  }

  it('a page answering under its own post gives its own contact details', () => {
    const text = 'Venez nous voir au 8 avenue Jean Jaurès, 69007 Lyon !';
    const owner: WhoseContext = { ...ctx, threadOwner: 'Cafe_Lumiere' };
    expect(kinds(reply('cafe_lumiere', 'Au 8 avenue Jean Jaurès, 69007 Lyon.'), owner)).toEqual([]);
    expect(kinds(reply('cafe_lumiere', text), owner)).toEqual([]);
    // Anyone else dropping an address without a word of explanation: still doxxing, as before.
    expect(kinds(reply('passant', 'Au 8 avenue Jean Jaurès, 69007 Lyon.'), owner)).toEqual(['address']);
  });

  it('one of her identifiers nearby makes it about her, whoever writes it', () => {
    const text = 'Notre boutique est au 12 rue des Lilas, appelez-nous !';
    expect(kinds(reply('boulangerie_martin', text))).toEqual(expect.arrayContaining(['address', 'own_identifier']));
    expect(kinds(reply('boulangerie_martin', 'Merci Marie Dupont ! Appelez-nous au 01 23 45 67 89'))).toEqual(['own_identifier', 'phone']);
  });

  it('unexplained personal data stays doxxing (the detectors\' contract is unchanged)', () => {
    for (const text of ['06 12 34 56 78', '12 rue de la Paix, 75002 Paris', 'marie.dupont@gmail.com', 'AB-123-CD']) {
      expect(doxxingOfHer(text, findDoxxing(text)).length, text).toBe(1);
    }
  });

  it('looks like her: folds to one of her identifiers, or holds a long one', () => {
    for (const n of ['m4rie_dup0nt', '@Marie_Dupont2', 'lucas', 'M a r i e Dupont']) expect(looksLikeHer(n, identifiers), n).toBe(true);
    for (const n of ['marie', 'boulangerie_martin', 'lu', null, '']) expect(looksLikeHer(n, identifiers), String(n)).toBe(false);
  });
});

describe('whose: robustness', () => {
  it('is total and only ever keeps spans it was given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 30 }), fc.boolean(), (text, author, owner) => {
        const found = findDoxxing(text, { own: identifiers });
        const kept = doxxingIn(reply(author, text), { ...ctx, threadOwner: owner ? author : null }, found);
        for (const s of kept) expect(found).toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});
