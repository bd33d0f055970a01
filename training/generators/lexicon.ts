/**
 * Slot fillers for the counterfactual generator (EN + FR). Group lists are deliberately broad so that
 * every group word appears in hostile AND non-hostile rows at similar rates (identity swaps): the model
 * must learn what is said about a group, not that a group is mentioned.
 */
export type Gender = 'm' | 'f';

export interface GroupEn {
  id: string;
  pl: string; // "women"
  sg: string; // "a woman"
  noun: string; // "woman"
}
export interface GroupFr {
  id: string;
  pl: string; // "femmes" (bare plural)
  sg: string; // "une femme"
  noun: string; // "femme"
  g: Gender; // grammatical gender for agreement
}

export const WOMEN_EN: GroupEn[] = [
  { id: 'women', pl: 'women', sg: 'a woman', noun: 'woman' },
  { id: 'women', pl: 'girls', sg: 'a girl', noun: 'girl' },
  { id: 'women', pl: 'females', sg: 'a female', noun: 'female' },
  { id: 'women', pl: 'wives', sg: 'a wife', noun: 'wife' },
  { id: 'women', pl: 'female drivers', sg: 'a female driver', noun: 'female driver' },
  { id: 'women', pl: 'women in tech', sg: 'a woman in tech', noun: 'woman in tech' },
  { id: 'women', pl: 'feminists', sg: 'a feminist', noun: 'feminist' },
  { id: 'women', pl: 'mothers', sg: 'a mother', noun: 'mother' },
  { id: 'women', pl: 'female politicians', sg: 'a female politician', noun: 'female politician' },
];
export const OTHERS_EN: GroupEn[] = [
  { id: 'men', pl: 'men', sg: 'a man', noun: 'man' },
  { id: 'men', pl: 'guys', sg: 'a guy', noun: 'guy' },
  { id: 'immigrants', pl: 'immigrants', sg: 'an immigrant', noun: 'immigrant' },
  { id: 'immigrants', pl: 'refugees', sg: 'a refugee', noun: 'refugee' },
  { id: 'muslims', pl: 'Muslims', sg: 'a Muslim', noun: 'Muslim' },
  { id: 'jews', pl: 'Jews', sg: 'a Jew', noun: 'Jew' },
  { id: 'black', pl: 'Black people', sg: 'a Black person', noun: 'Black person' },
  { id: 'gay', pl: 'gay people', sg: 'a gay man', noun: 'gay man' },
  { id: 'gay', pl: 'lesbians', sg: 'a lesbian', noun: 'lesbian' },
  { id: 'trans', pl: 'trans people', sg: 'a trans person', noun: 'trans person' },
  { id: 'disabled', pl: 'disabled people', sg: 'a disabled person', noun: 'disabled person' },
  { id: 'asians', pl: 'Asians', sg: 'an Asian person', noun: 'Asian person' },
  { id: 'arabs', pl: 'Arabs', sg: 'an Arab', noun: 'Arab' },
];

export const WOMEN_FR: GroupFr[] = [
  { id: 'women', pl: 'femmes', sg: 'une femme', noun: 'femme', g: 'f' },
  { id: 'women', pl: 'filles', sg: 'une fille', noun: 'fille', g: 'f' },
  { id: 'women', pl: 'meufs', sg: 'une meuf', noun: 'meuf', g: 'f' },
  { id: 'women', pl: 'nanas', sg: 'une nana', noun: 'nana', g: 'f' },
  { id: 'women', pl: 'féministes', sg: 'une féministe', noun: 'féministe', g: 'f' },
  { id: 'women', pl: 'conductrices', sg: 'une conductrice', noun: 'conductrice', g: 'f' },
  { id: 'women', pl: 'mères', sg: 'une mère', noun: 'mère', g: 'f' },
  { id: 'women', pl: 'femmes politiques', sg: 'une femme politique', noun: 'femme politique', g: 'f' },
  { id: 'women', pl: 'ingénieures', sg: 'une ingénieure', noun: 'ingénieure', g: 'f' },
];
export const OTHERS_FR: GroupFr[] = [
  { id: 'men', pl: 'hommes', sg: 'un homme', noun: 'homme', g: 'm' },
  { id: 'men', pl: 'mecs', sg: 'un mec', noun: 'mec', g: 'm' },
  { id: 'immigrants', pl: 'immigrés', sg: 'un immigré', noun: 'immigré', g: 'm' },
  { id: 'immigrants', pl: 'migrants', sg: 'un migrant', noun: 'migrant', g: 'm' },
  { id: 'muslims', pl: 'musulmans', sg: 'un musulman', noun: 'musulman', g: 'm' },
  { id: 'jews', pl: 'juifs', sg: 'un juif', noun: 'juif', g: 'm' },
  { id: 'black', pl: 'Noirs', sg: 'un Noir', noun: 'Noir', g: 'm' },
  { id: 'gay', pl: 'homosexuels', sg: 'un homosexuel', noun: 'homosexuel', g: 'm' },
  { id: 'gay', pl: 'lesbiennes', sg: 'une lesbienne', noun: 'lesbienne', g: 'f' },
  { id: 'trans', pl: 'personnes trans', sg: 'une personne trans', noun: 'personne trans', g: 'f' },
  { id: 'disabled', pl: 'handicapés', sg: 'un handicapé', noun: 'handicapé', g: 'm' },
  { id: 'arabs', pl: 'Arabes', sg: 'un Arabe', noun: 'Arabe', g: 'm' },
  { id: 'roma', pl: 'Roms', sg: 'un Rom', noun: 'Rom', g: 'm' },
];

export const NAMES_F_EN = ['Sarah', 'Emily', 'Jess', 'Priya', 'Keisha', 'Maria', 'Hannah', 'Olivia', 'Amber', 'Chloe', 'Megan', 'Aisha', 'Laura', 'Rachel', 'Nicole', 'Zoe', 'Grace', 'Fatima', 'Mei', 'Sofia', 'Kate', 'Lucy', 'Jasmine', 'Tanya', 'Rebecca', 'Ashley', 'Nadia', 'Ellie', 'Brianna', 'Claire', 'Amy', 'Jade', 'Holly', 'Ruth', 'Yasmin', 'Leah', 'Monica', 'Ava', 'Isabel', 'Naomi'];
export const NAMES_M_EN = ['Tom', 'Jake', 'Ryan', 'Omar', 'Marcus', 'Daniel', 'Kevin', 'Luis', 'Ben', 'Chris', 'Sam', 'Adam', 'Josh', 'Ali', 'Ethan', 'Liam', 'Noah', 'Tyler', 'Jamal', 'Sean', 'Oscar', 'Nathan', 'Ravi', 'Peter', 'Dylan', 'Connor', 'Hugo', 'Mark', 'Aaron', 'Kyle'];
export const NAMES_F_FR = ['Léa', 'Camille', 'Inès', 'Manon', 'Fatou', 'Chloé', 'Sarah', 'Julie', 'Yasmine', 'Emma', 'Océane', 'Aurélie', 'Marine', 'Pauline', 'Clara', 'Lina', 'Nadia', 'Sophie', 'Amandine', 'Lucie', 'Mélanie', 'Aïcha', 'Justine', 'Margaux', 'Anaïs', 'Jade', 'Louise', 'Élodie', 'Charlotte', 'Salomé', 'Coralie', 'Laetitia', 'Nour', 'Zoé', 'Émilie', 'Maëlle', 'Agathe', 'Romane', 'Kenza', 'Hélène'];
export const NAMES_M_FR = ['Lucas', 'Karim', 'Hugo', 'Mehdi', 'Thomas', 'Nicolas', 'Julien', 'Moussa', 'Théo', 'Maxime', 'Antoine', 'Bilal', 'Romain', 'Kevin', 'Yanis', 'Baptiste', 'Mathis', 'Sofiane', 'Arthur', 'Quentin', 'Louis', 'Enzo', 'Adrien', 'Samir', 'Florian', 'Jérôme', 'Cédric', 'Rayan', 'Paul', 'Victor'];

// Negative adjectives (insulting when applied to people).
export const ADJ_NEG_EN = ['stupid', 'worthless', 'disgusting', 'useless', 'pathetic', 'dumb', 'brainless', 'filthy', 'lazy', 'hysterical', 'inferior', 'vile', 'dirty', 'retarded', 'idiotic'];
export const ADJ_POS_EN = ['brilliant', 'brave', 'talented', 'kind', 'inspiring', 'hardworking', 'funny', 'smart', 'strong', 'generous', 'creative', 'admirable'];
export const DEHUM_EN = ['vermin', 'animals', 'rats', 'parasites', 'cockroaches', 'trash', 'subhuman', 'a disease', 'objects', 'property', 'livestock', 'garbage', 'a plague'];
export const SLUR_W_EN = ['bitch', 'slut', 'whore', 'cunt', 'skank', 'hoe', 'thot', 'slag', 'tramp'];
export const INSULT_EN = ['idiot', 'moron', 'loser', 'clown', 'imbecile', 'dumbass', 'jerk', 'fool', 'dimwit'];
export const HARM_EN = ['beat', 'hurt', 'punch', 'stab', 'shoot', 'strangle', 'burn', 'kill', 'choke', 'slap', 'drown', 'break the legs of'];
export const SUFFER_EN = ['suffer', 'bleed', 'burn', 'scream in pain', 'beg for mercy', 'die slowly', 'be beaten', 'disappear for good'];
export const PROF_EN = ['fuck', 'shit', 'damn', 'fucking hell', 'holy shit', 'goddammit', 'bloody hell', 'ffs'];
export const ROLE_EN = ['the CEO', 'the new surgeon', 'the pilot', 'my boss', 'the mayor', 'the head coach', 'the lead engineer', 'the judge', 'the professor', 'the captain', 'the prime minister', 'our manager'];

// French adjectives: [m sg, f sg, m pl, f pl].
export type AdjFr = readonly [string, string, string, string];
const adj = (m: string, f?: string, mp?: string, fp?: string): AdjFr => {
  const fs = f ?? (m.endsWith('e') ? m : m + 'e');
  return [m, fs, mp ?? (/[sx]$/.test(m) ? m : m + 's'), fp ?? fs + 's'];
};
export const ADJ_NEG_FR: AdjFr[] = [
  adj('stupide'), adj('débile'), adj('inutile'), adj('pathétique'), adj('bête'), adj('sale'),
  adj('dégueulasse'), adj('incompétent'), adj('hystérique'), adj('inférieur'), adj('paresseux', 'paresseuse', 'paresseux', 'paresseuses'),
  adj('con', 'conne', 'cons', 'connes'), adj('idiot'), adj('minable'), adj('abruti'), adj('attardé'),
];
export const ADJ_POS_FR: AdjFr[] = [
  adj('brillant'), adj('courageux', 'courageuse', 'courageux', 'courageuses'), adj('talentueux', 'talentueuse', 'talentueux', 'talentueuses'),
  adj('gentil', 'gentille', 'gentils', 'gentilles'), adj('inspirant'), adj('drôle'), adj('intelligent'), adj('fort'),
  adj('généreux', 'généreuse', 'généreux', 'généreuses'), adj('créatif', 'créative', 'créatifs', 'créatives'), adj('admirable'),
];
export const DEHUM_FR = ['de la vermine', 'des animaux', 'des rats', 'des parasites', 'des cafards', 'des déchets', 'des sous-hommes', 'une maladie', 'des objets', 'du bétail', 'des ordures', 'une plaie'];
export const SLUR_W_FR = ['salope', 'pute', 'connasse', 'pétasse', 'grognasse', 'traînée', 'chienne', 'poufiasse', 'garce', 'catin'];
// Generic insults with [m, f] forms.
export const INSULT_FR: ReadonlyArray<readonly [string, string]> = [
  ['crétin', 'crétine'], ['abruti', 'abrutie'], ['imbécile', 'imbécile'], ['idiot', 'idiote'], ['débile', 'débile'],
  ['bouffon', 'bouffonne'], ['naze', 'naze'], ['guignol', 'guignol'], ['tocard', 'tocarde'],
];
export const HARM_FR = ['frapper', 'buter', 'tabasser', 'cogner', 'égorger', 'brûler', 'étrangler', 'défoncer', 'massacrer', 'crever', 'gifler', 'noyer'];
export const SUFFER_FR = ['souffrir', 'saigner', 'crever', 'brûler', 'hurler de douleur', 'supplier', 'pleurer', 'disparaître pour de bon'];
export const PROF_FR = ['putain', 'merde', 'bordel', 'putain de merde', 'fait chier', 'bordel de merde', 'punaise', 'ptn'];
export const ROLE_FR = ['la PDG', 'la nouvelle chirurgienne', 'la pilote', 'ma cheffe', 'la maire', "l'entraîneuse", "l'ingénieure en chef", 'la juge', 'la prof', 'la capitaine', 'la Première ministre', 'notre directrice'];

/** Online handles used instead of a first name in a share of person-directed rows (names alone must carry no label). */
export const HANDLES = ['@user', '@mimi_92', '@jdoe', '@la_vraie_lea', '@sunnyday', '@kiki75', '@notyourbabe', '@gamer_girl', '@marc_o', '@c_lemaire'];
