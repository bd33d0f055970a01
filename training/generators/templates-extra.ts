/**
 * Additional template families (EN + FR, tag x4: in generate.ts), written for feat-3 training: more varied
 * harmless sentences about women (family life, health, work, sport, dating, news, feminism as a topic) next
 * to hostile ones that use the same everyday vocabulary, so that words like "wife", "girlfriend", "feminist",
 * "mère", "copine" carry no label by themselves. Same slot conventions as templates-en.ts / templates-fr.ts.
 *
 * Kept in their own lists with their own family split (generate.ts), so adding them does not move the
 * train/dev/test assignment of the families of templates-en.ts / templates-fr.ts. Written without looking at
 * tests/functional.
 */
import type { Family } from './types.ts';

export const FAMILIES_EN_EXTRA: Family[] = [
  // ---------- non-hostile ----------
  { kind: 'neutral_women', target: 'group', variants: ['My mum and her friends started a running club for {G} over fifty.', 'The local paper ran a piece on {G} who restore old furniture.', 'Registration for the {G} five-a-side league closes on Friday.'] },
  { kind: 'neutral_women', target: 'group', variants: ['Does anyone know a good doctor who specialises in health issues for {G}?', 'The pharmacy now hands out free period products, no questions asked.', 'New guidelines on heart disease in {G} were published by the health service.'] },
  { kind: 'neutral_women', target: 'person', variants: ['My wife {P} just finished night shifts at the hospital, she is asleep till noon.', '{P} and her girlfriend adopted a cat last week, his name is Biscuit.', 'Picking up {P} from the airport at six, her flight got delayed.'] },
  { kind: 'neutral_women', target: 'group', variants: ['In the nineteenth century {G} could not vote in most countries.', 'The census shows more {G} enrolled at university this year.', 'This thread lists books by {G} that were published in the sixties.'] },
  { kind: 'neutral_women', target: 'none', variants: ['She scored twice in the second half and the crowd went wild.', 'The women’s final starts at three, who are you supporting?', 'Her podcast about gardening has a new episode out today.'] },
  { kind: 'neutral_women', target: 'person', variants: ['{P} is presenting the quarterly numbers in the meeting at ten.', 'Can someone forward this to {P}? {she} is handling the invoices now.', '{P} was elected treasurer of the tenants association.'] },
  { kind: 'positive_women', target: 'person', variants: ['{P} you handled that interview like a pro, so impressed.', 'Watching {P} grow into this role has been amazing.', 'If you need advice on grants, ask {P}, {she} is brilliant at it.'] },
  { kind: 'positive_women', target: 'group', variants: ['Grateful for the {G} who mentored me when I was starting out.', 'The {G} in my family taught me everything about hard work.', 'Huge respect for {G} who juggle work, kids and studying.'] },
  { kind: 'positive_women', target: 'none', variants: ['My grandmother raised six kids alone and still found time to paint.', 'Women’s football has come so far, this season was incredible.', 'Her speech at the ceremony made half the room cry, in a good way.'] },
  { kind: 'counter_speech', target: 'group', variants: ['The comments under this video calling {G} {SLUR_G} are a disgrace, reported.', 'Telling {G} to go back to the kitchen is not banter, it is sexism.', 'Imagine thinking {G} owe you a smile. They do not.'] },
  { kind: 'counter_speech', target: 'person', variants: ['People sending {P} rape jokes should be banned, this is harassment.', 'So {P} wrote an article and got called a {SLUR_W}? Unbelievable.', 'The way some men talk to {P} in {her} replies is appalling.'] },
  { kind: 'counter_speech', target: 'none', variants: ['Sexual harassment is never a compliment, stop defending it.', 'If your joke needs a woman to be humiliated, it is not funny.', 'Victim blaming is why so many women never report assault.'] },
  { kind: 'testimony', target: 'none', variants: ['A man followed me home last night shouting that I was a {SLUR_W}.', 'At work a colleague keeps commenting on my body and I do not know who to tell.', 'I was fourteen the first time a grown man catcalled me.'] },
  { kind: 'testimony', target: 'none', variants: ['My boss told me women do not get promoted here. I have the email.', 'Got a DM today: “you would be pretty if you shut up”. Blocked.', 'An ex threatened to leak my photos. I reported him and it helped.'] },
  { kind: 'negated_hate', target: 'group', variants: ['{G} are not worse at science, the data says otherwise.', 'No one is saying {G} are {ADJ}, the article is about funding.', 'Being {G1} has nothing to do with being {ADJ}.'] },
  { kind: 'negated_hate', target: 'person', variants: ['{P} is not a {SLUR_W} for wearing a dress, grow up.', 'I would never call {P} {ADJ}, {she} is one of the smartest people here.', 'Nobody thinks {P} slept {her} way up, {she} earned it.'] },
  { kind: 'profanity_untargeted', target: 'none', variants: ['{PROF}, the girls’ match got cancelled because of the rain.', 'My sister’s flight got delayed three times, {PROF} airlines.', 'Holy shit, my daughter just took her first steps!'] },
  // ---------- hostile (same everyday vocabulary) ----------
  { kind: 'hostile_stereotype', target: 'group', variants: ['{G} should stick to cooking and leave football to men.', 'Nobody wants to watch {G} play sports, it is boring.', '{G} in charge of money is a recipe for disaster.'] },
  { kind: 'hostile_implicit', target: 'person', variants: ['Your husband must be so tired of listening to you, {P}.', '{P} got the job because {she} smiled at the right people.', 'Cute that {P} thinks {she} understands economics.'] },
  { kind: 'hostile_slur', target: 'person', variants: ['My ex {P} is a lying {SLUR} and everyone should know it.', '{P} is a {SLUR}, mate, everyone knows.', 'That {SLUR} {P} will never get my vote.'] },
  { kind: 'hostile_threat', target: 'person', variants: ['Keep writing those articles {P} and see what happens to you.', 'One day someone will shut {P} up for good.', '{P} should be careful walking home alone at night.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['{P} dresses like that because {she} wants attention from men.', 'Bet {P} got that promotion on {her} knees.', 'Rate {P} out of ten, I would give {her_o} a seven for the body.'] },
  { kind: 'hostile_question', target: 'group', variants: ['Why do {G} think anyone cares about their opinion?', 'Who gave {G} the right to vote anyway?', 'Do {G} ever do anything except complain?'] },
  { kind: 'hostile_dehumanising', target: 'group', variants: ['{G} are property, full stop.', '{G} are breeding machines and nothing more.', '{G1} is like a car, you trade it in when it gets old.'] },
];

export const FAMILIES_FR_EXTRA: Family[] = [
  // ---------- non-hostile ----------
  { kind: 'neutral_women', target: 'group', variants: ['Ma mère et ses copines ont monté un club de marche pour les {G} de plus de cinquante ans.', 'Le journal local a fait un article sur des {G} qui restaurent de vieux meubles.', 'Les inscriptions au tournoi de foot à cinq pour les {G} ferment vendredi.'] },
  { kind: 'neutral_women', target: 'group', variants: ['Quelqu’un connaît un bon médecin spécialisé dans la santé des {G} ?', 'La pharmacie distribue maintenant des protections périodiques gratuites.', 'De nouvelles recommandations sur les maladies cardiaques chez les {G} viennent de sortir.'] },
  { kind: 'neutral_women', target: 'person', variants: ['Ma femme {P} sort de garde à l’hôpital, elle dort jusqu’à midi.', '{P} et sa copine ont adopté un chat la semaine dernière.', 'Je récupère {P} à l’aéroport à six heures, son vol a du retard.'] },
  { kind: 'neutral_women', target: 'group', variants: ['Au XIXe siècle, les {G} ne pouvaient pas voter dans la plupart des pays.', 'Le recensement montre que de plus en plus de {G} sont inscrit{Ge}s à la fac.', 'Ce fil liste des livres écrits par des {G} dans les années soixante.'] },
  { kind: 'neutral_women', target: 'none', variants: ['Elle a marqué deux fois en deuxième mi-temps, le stade était en feu.', 'La finale féminine commence à quinze heures, vous êtes pour qui ?', 'Son podcast sur le jardinage a un nouvel épisode aujourd’hui.'] },
  { kind: 'neutral_women', target: 'person', variants: ['{P} présente les chiffres du trimestre à la réunion de dix heures.', 'Quelqu’un peut transférer ça à {P} ? C’est {il} qui gère les factures maintenant.', '{P} a été élu{e} au bureau de l’amicale des locataires.'] },
  { kind: 'positive_women', target: 'person', variants: ['{P} t’as géré cette interview comme une pro, bravo.', 'Voir {P} s’épanouir dans ce poste, c’est génial.', 'Pour les subventions, demandez à {P}, {il} est super fort{e} là-dessus.'] },
  { kind: 'positive_women', target: 'group', variants: ['Merci aux {G} qui m’ont accompagné quand j’ai commencé.', 'Les {G} de ma famille m’ont appris ce que travailler veut dire.', 'Énorme respect pour les {G} qui jonglent entre boulot, enfants et études.'] },
  { kind: 'positive_women', target: 'none', variants: ['Ma grand-mère a élevé six enfants seule et elle trouvait encore le temps de peindre.', 'Le foot féminin a tellement progressé, cette saison était incroyable.', 'Son discours à la cérémonie a ému toute la salle.'] },
  { kind: 'counter_speech', target: 'group', variants: ['Les commentaires sous cette vidéo qui traitent les {G} de {SLUR_G}, c’est une honte, signalé.', 'Dire aux {G} de retourner à la cuisine, c’est pas de l’humour, c’est du sexisme.', 'Non, les {G} ne vous doivent pas un sourire.'] },
  { kind: 'counter_speech', target: 'person', variants: ['Ceux qui envoient des blagues sur le viol à {P} devraient être bannis.', 'Donc {P} écrit un article et se fait traiter de {SLUR_W} ? Incroyable.', 'La façon dont certains mecs parlent à {P} dans ses réponses est lamentable.'] },
  { kind: 'counter_speech', target: 'none', variants: ['Le harcèlement sexuel n’est jamais un compliment, arrêtez de le défendre.', 'Si ta blague a besoin d’humilier une femme, elle n’est pas drôle.', 'Culpabiliser les victimes, c’est pour ça que tant de femmes ne portent jamais plainte.'] },
  { kind: 'testimony', target: 'none', variants: ['Un type m’a suivie jusqu’à chez moi hier soir en me criant que j’étais une {SLUR_W}.', 'Au boulot un collègue commente sans arrêt mon corps et je sais pas à qui en parler.', 'J’avais quatorze ans la première fois qu’un adulte m’a sifflée dans la rue.'] },
  { kind: 'testimony', target: 'none', variants: ['Mon chef m’a dit que les femmes ne sont pas promues ici. J’ai gardé le mail.', 'Reçu un DM aujourd’hui : « t’serais jolie si tu te taisais ». Bloqué.', 'Mon ex a menacé de diffuser mes photos. J’ai porté plainte et ça a marché.'] },
  { kind: 'negated_hate', target: 'group', variants: ['Les {G} ne sont pas moins doué{Ge}s en sciences, les chiffres disent le contraire.', 'Personne ne dit que les {G} sont {ADJ}, l’article parle de financement.', 'Être {G1} n’a rien à voir avec le fait d’être {ADJ1}.'] },
  { kind: 'negated_hate', target: 'person', variants: ['{P} n’est pas une {SLUR_W} parce qu’{il} porte une robe, grandis un peu.', 'Jamais je dirais que {P} est {ADJ1}, c’est une des personnes les plus brillantes ici.', 'Personne ne pense que {P} a couché pour avoir ce poste, {il} l’a mérité.'] },
  { kind: 'profanity_untargeted', target: 'none', variants: ['{PROF}, le match des filles est annulé à cause de la pluie.', 'Le vol de ma sœur a été retardé trois fois, {PROF}.', 'Putain, ma fille vient de faire ses premiers pas !'] },
  // ---------- hostile (same everyday vocabulary) ----------
  { kind: 'hostile_stereotype', target: 'group', variants: ['Les {G} devraient rester aux fourneaux et laisser le foot aux hommes.', 'Personne n’a envie de regarder des {G} faire du sport, c’est chiant.', 'Confier l’argent aux {G}, c’est courir à la catastrophe.'] },
  { kind: 'hostile_implicit', target: 'person', variants: ['Ton mari doit être épuisé de t’écouter, {P}.', '{P} a eu le poste parce qu{lelision} a souri aux bonnes personnes.', 'Mignon de voir {P} croire qu{lelision} comprend l’économie.'] },
  { kind: 'hostile_slur', target: 'person', variants: ['Mon ex {P}, c’est vraiment un{e} {SLUR} et tout le monde devrait le savoir.', '{P} ? Quel{e} {SLUR}, tout le monde le sait.', '{P} n’aura jamais ma voix, quel{e} {SLUR}.'] },
  { kind: 'hostile_threat', target: 'person', variants: ['Continue d’écrire tes articles {P} et tu vas voir ce qui va t’arriver.', 'Un jour quelqu’un va faire taire {P} pour de bon.', '{P} ferait bien de faire attention en rentrant seul{e} le soir.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['{P} s’habille comme ça parce qu{lelision} veut que les mecs la regardent.', 'Je parie que {P} a eu sa promotion à genoux.', 'Note {P} sur dix, moi je lui mets sept pour le corps.'] },
  { kind: 'hostile_question', target: 'group', variants: ['Pourquoi les {G} croient que leur avis intéresse quelqu’un ?', 'Qui a eu l’idée de donner le droit de vote aux {G} ?', 'Est-ce que les {G} savent faire autre chose que se plaindre ?'] },
  { kind: 'hostile_dehumanising', target: 'group', variants: ['Les {G} sont une propriété, point.', 'Les {G} sont des machines à faire des gosses, rien de plus.', '{G1}, c’est comme une voiture : quand c’est vieux, on change.'] },
];
