/**
 * Is the personal data found about her? A phone number, e-mail, address or plate is doxxing unless the
 * text gives it as the author's own (a business's "call us", a page answering under its own post) with
 * nothing tying it to her or to another person. Pure: no DOM, no storage.
 */
import type { DoxxSpan } from './doxxing-kinds';

/** Word edges that know accented letters (`\b` does not: "école" has none before its "é"). */
const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
/** Her contact details and whereabouts, as harassers name them (FR, EN). */
const FR_CONTACT_NOUN =
  "adresse|adr|domicile|coordonn[ée]es|num(?:[ée]ro)?|t[ée]l(?:[ée]phone)?|portable|mobile|06|07|mail|e-?mail|courriel|whatsapp|insta|snap|maison|appart(?:ement)?|immeuble|rue|quartier|boulot|taf|travail|bureau|[ée]cole|cr[èe]che|coll[èe]ge|lyc[ée]e|voiture|bagnole|plaque|parents|famille|gosses?|enfants?|mari";
const EN_CONTACT_NOUN =
  'address|addy|number|phone|cell|mobile|email|e-mail|whatsapp|house|home|place|flat|apartment|apt|street|neighbou?rhood|workplace|work|office|job|school|kids?|children|car|plate|parents|family|husband';
/**
 * Words that aim the personal data next to them at a person: a possessive on contact data ("son adresse",
 * "her number": French "son/sa" is his or hers, both are exposure), where someone lives, "we know where
 * you live", "appelle-la", "call her". Second person only in its threatening forms ("ton adresse", "où tu
 * habites"), never "votre adresse", which a shop asking for a delivery address writes.
 */
const ABOUT_SOMEONE_SRC = [
  `${B}(?:son|sa|ses|leurs?|ton|ta|tes)\\s+(?:(?:vraie?s?|nouvelle?s?|propres?|petite?s?)\\s+)?(?:${FR_CONTACT_NOUN})${E}`,
  `${B}(?:elle|il)\\s+(?:habite|vit|loge|dort|bosse|travaille|cr[èe]che|est\\s+domicili[ée]e?)${E}`,
  `${B}o[uù]\\s+(?:tu|elle|il)\\s+(?:habites?|vis|vit|loges?|dors?|bosses?|travailles?)${E}`,
  `${B}tu\\s+(?:habites?|vis|loges?)\\s+(?:au|aux|à|a|rue|dans|chez|ici|là|la|pr[èe]s)${E}`,
  `${B}(?:je|j['’]|on|nous)\\s*(?:sais|sait|savons|connais|conna[iî]t|connaissons|a|ai|avons|trouv[ée])\\s+(?:o[uù]|ton|ta|tes|son|sa|ses)${E}`,
  `${B}chez\\s+(?:elle|toi)${E}`,
  `${B}(?:appel(?:le|lez|ez)|contact(?:e|ez)|[ée]cri(?:s|vez)|harc[èe]l(?:e|ez)|spamm?(?:e|ez)|trouv(?:e|ez)|retrouv(?:e|ez)|rend(?:s|ez))[-\\s]+(?:la|lui)${E}`,
  `${B}(?:her|his|their)\\s+(?:(?:real|new|home|own|current|work|private|personal)\\s+)?(?:${EN_CONTACT_NOUN})${E}`,
  `${B}(?:she|he)(?:\\s+|['’]s\\s+)(?:lives|stays|sleeps|works|living|staying|is\\s+living|is\\s+staying)${E}`,
  `${B}(?:we|i|they)\\s+know\\s+where\\s+(?:you|u|she|he)${E}`,
  `${B}where\\s+(?:you|u|she|he)\\s+(?:live|lives|sleep|sleeps|work|works|stay|stays)${E}`,
  `${B}(?:your|ur)\\s+(?:home\\s+)?(?:address|addy|house|place|number|phone|cell|car|kids?|children|school|workplace)\\s*(?:is${E}|:|=)`,
  `${B}(?:have|got|found|know)\\s+(?:your|ur)\\s+(?:home\\s+)?(?:${EN_CONTACT_NOUN})${E}`,
  `${B}(?:call|text|email|e-mail|message|find|visit|harass|spam|dm)\\s+(?:her|him)${E}`,
  `${B}pay\\s+(?:her|him|you|u)\\s+a\\s+visit${E}`,
  `${B}dox+(?:x|ed|é|e|ing|er)?${E}`,
];
/**
 * Words that give the contact details as the author's own: a shop or a page answering ("appelez-nous",
 * "notre adresse", "call us on", "WhatsApp us", "we're located at", "pour vos commandes").
 */
const OWN_CONTACT_SRC = [
  `${B}(?:appel(?:ez|er|le)|contact(?:ez|er|e)|joign(?:ez)|joindre|[ée]cri(?:vez|re|s)|rejoign(?:ez)|retrouv(?:ez)|rendez)[-\\s]+(?:nous|moi)${E}`,
  `${B}(?:nous|me)\\s+(?:contacter|joindre|appeler|[ée]crire|retrouver|trouver|rendre\\s+visite)${E}`,
  `${B}(?:notre|nos|mon|ma|mes)\\s+(?:nouvelle?s?\\s+|nouveaux?\\s+)?(?:adresse|num(?:[ée]ro)?|t[ée]l(?:[ée]phone)?|standard|boutique|magasin|agence|cabinet|bureaux?|atelier|restaurant|resto|salon|local|locaux|showroom|si[èe]ge|coordonn[ée]es|service\\s+client|horaires|ligne|whatsapp|mail|e-?mail|courriel|site)${E}`,
  `${B}nous\\s+sommes\\s+(?:situ[ée]s|au|aux|à|ouverts?)${E}`,
  `${B}situ[ée]e?s?\\s+(?:au|aux|à)${E}`,
  `${B}(?:service\\s+client|r[ée]servations?|horaires\\s+d['’]ouverture)${E}`,
  `${B}pour\\s+(?:vos|toute|toutes|tout|les|une)\\s+(?:commandes?|r[ée]servations?|devis|renseignements?|questions?|demandes?|rendez-vous|rdv)${E}`,
  `${B}(?:call|text|contact|reach|email|e-mail|message|whatsapp|dm|visit|find|ring|phone)\\s+(?:us|me)${E}`,
  `${B}(?:our|my)\\s+(?:(?:new|main|head)\\s+)?(?:address|number|phone|hotline|office|offices|shop|store|showroom|location|line|whatsapp|email|e-mail|website|clinic|studio|branch|hq|customer\\s+service)${E}`,
  `${B}we(?:['’]re|\\s+are)\\s+(?:located|based|open|at)${E}`,
  `${B}located\\s+at${E}`,
  `${B}(?:opening\\s+hours|customer\\s+(?:service|support)|bookings?|reservations?)${E}`,
  `${B}for\\s+(?:orders|enquiries|inquiries|bookings|reservations|appointments|quotes)${E}`,
];

let patterns: { aboutSomeone: RegExp; ownContact: RegExp } | undefined;

/** Built on the first span to judge (most pages have none), not when the module loads. */
function re(): { aboutSomeone: RegExp; ownContact: RegExp } {
  return (patterns ??= {
    aboutSomeone: new RegExp(ABOUT_SOMEONE_SRC.join('|'), 'iu'),
    ownContact: new RegExp(OWN_CONTACT_SRC.join('|'), 'iu'),
  });
}

/** How far around a span (characters) the words that say whose data it is are looked for. */
const CONTEXT_CHARS = 200;

export interface AboutHerContext {
  /** The author is the thread's own author: a page answering under its own post gives its own details. */
  byThreadOwner?: boolean;
  /**
   * The author's handle or shown name looks like one of her identifiers without being her account: an
   * impersonator's "my address" is hers.
   */
  impersonating?: boolean;
}

/**
 * Of the spans found (findDoxxing), those that publish personal data about her: her identifiers always;
 * a phone number, e-mail, address or plate unless the text gives it as the author's own (a business's
 * "call us", a page answering under its own post) with nothing tying it to her or to another person
 * (one of her identifiers in the text, "son adresse", "elle habite", "we know where you live"). Data given
 * with no explanation either way stays doxxing: that is how an address is dropped under her posts.
 */
export function doxxingOfHer(text: string, spans: readonly DoxxSpan[], ctx: AboutHerContext = {}): DoxxSpan[] {
  if (spans.length === 0) return [];
  if (ctx.impersonating || spans.some((s) => s.kind === 'own_identifier')) return [...spans];
  const { aboutSomeone, ownContact } = re();
  return spans.filter((s) => {
    const around = text.slice(Math.max(0, s.start - CONTEXT_CHARS), s.end + CONTEXT_CHARS);
    if (aboutSomeone.test(around)) return true;
    return !(ctx.byThreadOwner || ownContact.test(around));
  });
}
