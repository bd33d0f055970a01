/**
 * Template families (EN + FR): sexual threats and implicit sexual harassment, next to harmless sentences that
 * share their vocabulary. Without them each language has ONE family marking a threat as sexual ("I hope you
 * get raped, {P}."), so when it is held out no training row pairs a threat with sexual violence. Here:
 * - hostile, `hostile_threat` + `sexual: true` (threat 1, sexual 1, misogyny 1 — always aimed at a woman or at
 *   women): wishes, "someone should …", conditional threats, menacing questions, threats at women as a group;
 * - hostile, `hostile_sexual` (sexual 1, misogyny 1, threat 0): unwanted sexual demands and remarks in DMs and at
 *   work, objectification, stalking-flavoured sexual attention;
 * - harmless (every label 0): testimony of having received such messages, news/court reporting about a named
 *   person, counter-speech condemning the threats, negated victim-blaming, medical, legal/news and fiction uses
 *   of "rape", "assault", "breast", "intercourse", "viol", "agression", "seins", etc.
 * Same slot conventions as training/generators/templates-en.ts / templates-fr.ts. Own lists with their own family
 * split (R8_SETS: tag x8:, pools: sexual threats / sexual harassment / harmless), so that each held-out family has
 * at least two training families of its sort and the other families keep their split and rows. Tried and not
 * kept (the model card's training history): `npx tsx training/lab/build-dataset-lab.ts --r8-families` adds
 * them. Written without looking at tests/functional.
 */
import type { FamilySet } from '../generators/generate.ts';
import { isHostile, type Family } from '../generators/types.ts';

export const FAMILIES_EN_R8: Family[] = [
  // ---------- hostile: sexual threats ----------
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['I hope someone rapes you one day, {P}.', 'Hope a man holds you down and uses you, {P}, you have it coming.', 'I pray you get forced into bed by someone who won’t take no, {P}.', 'Wish someone would force themselves on you, {P}, maybe then you’d shut up.'] },
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['Somebody needs to pin {P} down and show {her_o} what {she} is for.', 'Someone ought to drag {P} into an alley and have their way with {her_o}.', 'A girl like {P} needs to be taken by force to learn some respect.', 'Someone should corner {P} after work and make {her_o} do what {she} is told.'] },
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['Keep posting, {P}, and I will come to your flat and fuck you until you beg.', 'Block me again {P} and I will find you, and you won’t get to say no.', 'One more word, {P}, and I will have you on your knees whether you want it or not.', 'Say no to me again {P} and see what I do when I catch you alone.'] },
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['Do you know what happens to girls like you when nobody is around, {P}?', 'How loud would you scream if I got you alone in a room, {P}?', 'What if someone followed you home and just took what they wanted, {P}?', 'Ever wondered what it feels like to be held down and forced, {P}?'] },
  { kind: 'hostile_threat', target: 'group', sexual: true, variants: ['{G} who talk back like that deserve to be raped.', 'Those {G} need to be held down and fucked until they learn their place.', '{G} who report us should be the next ones assaulted.', 'Every one of those {G} marching today should get dragged off and raped.'] },
  // ---------- hostile: implicit sexual harassment ----------
  { kind: 'hostile_sexual', target: 'person', variants: ['Hey {P}, why won’t you send me a pic of you in bed?', '{P}, I paid for your drinks so you owe me a night.', 'You can’t post a photo like that and not expect me to ask for more, {P}.', 'Come on {P}, one picture without the top, nobody will know.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['{P}, that skirt is giving me ideas, come see me in my office later.', 'Smile more {P}, and bend over slower next time.', 'Couldn’t focus on your slides, {P}, not with that blouse.', 'With lips like those, {P}, you should be doing something other than talking.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['{P} is a body with a mouth attached.', 'Forget {her} research, just look at {P}’s chest.', 'Nobody follows {P} for the opinions, it’s for the thighs.', '{P} is basically free porn with a blue tick.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['Saw you at the gym, {P}, those leggings were for me, right?', 'I know where you run in the mornings, {P}, wear the short ones tomorrow.', 'Why are you ignoring me {P}, I only asked what colour your underwear is.', '{P} you looked so good asleep on the train, I took a few pics.'] },
  // ---------- harmless, same vocabulary ----------
  { kind: 'testimony', target: 'none', variants: ['A stranger messaged me that I deserved to be raped. I reported the account and it was suspended.', 'After my talk a man wrote that someone should hold me down. The screenshots are with the police now.', 'Got a DM asking for pictures of me in bed. Blocked, screenshotted, reported.', 'My colleague kept commenting on my skirt, HR has finally opened an investigation.', 'He said if I blocked him he would find me. I changed my route home and told my friends.'] },
  { kind: 'neutral_women', target: 'person', variants: ['{P} has filed a complaint after receiving rape threats online.', '{P} told the court that the man had sent {her_o} sexual messages for months.', 'Police are investigating threats of sexual violence sent to {P} after the debate.', '{P} spoke on the radio about the harassment {she} faced after {her} election.'] },
  { kind: 'counter_speech', target: 'person', variants: ['{P}, nobody gets to tell you that you deserve to be raped. We reported him.', 'Standing with {P}: sending someone rape threats over a tweet is disgusting.', '{P}, those DMs asking for pics were vile, block and report them.', 'If anyone threatens {P} with assault again, it goes straight to the police.'] },
  { kind: 'counter_speech', target: 'group', variants: ['Telling {G} they deserve to be raped is not free speech, it is a threat.', 'Threatening {G} with sexual violence for their opinions should get you banned.', 'Stop asking {G} for nudes in their DMs, it is harassment.', 'Commenting on the bodies of {G} at work is harassment, not a compliment.'] },
  { kind: 'negated_hate', target: 'none', variants: ['No one deserves to be assaulted, whatever they were wearing.', 'Nobody is asking for it by walking home at night.', 'A short skirt is never an invitation.', 'Being drunk does not mean someone consented to sex.'] },
  { kind: 'neutral_women', target: 'none', variants: ['Survivors of sexual assault can get emergency contraception at any pharmacy.', 'The clinic offers free breast exams and cervical screening on Saturdays.', 'Painful intercourse after childbirth is common and treatable, ask your midwife.', 'The nurse explained how the forensic rape kit is collected and stored.'] },
  { kind: 'neutral_women', target: 'none', variants: ['The jury found the man guilty of rape after a two-week trial.', 'The new law defines consent as a clear and freely given yes.', 'Reports of sexual harassment on public transport rose by 12 % last year.', 'The court heard that the defendant sent threatening sexual messages to his ex.'] },
  { kind: 'neutral_women', target: 'none', variants: ['The novel deals with the aftermath of a rape with real care.', 'Content note: this thread discusses sexual violence and stalking.', 'The film’s assault scene is hard to watch but never gratuitous.', 'Our sex education class covers consent, contraception and online safety.'] },
];

export const FAMILIES_FR_R8: Family[] = [
  // ---------- hostile : menaces sexuelles ----------
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['J’espère qu’un jour quelqu’un te violera, {P}.', 'J’espère qu’un mec te plaquera au sol et se servira de toi, {P}, tu l’as cherché.', 'Je prie pour que tu tombes sur un type qui accepte pas les refus, {P}.', 'Vivement que quelqu’un te force, {P}, peut-être que tu la fermeras.'] },
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['Quelqu’un devrait plaquer {P} au sol et lui montrer à quoi elle sert.', 'Faudrait qu’un mec traîne {P} dans une ruelle et fasse ce qu’il veut d’elle.', 'Une fille comme {P}, faut la prendre de force pour qu’elle apprenne le respect.', 'Quelqu’un devrait coincer {P} à la sortie du boulot et lui faire faire ce qu’on lui dit.'] },
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['Continue de poster, {P}, et je viens chez toi te baiser jusqu’à ce que tu supplies.', 'Bloque-moi encore {P} et je te retrouve, et là tu pourras pas dire non.', 'Encore un mot, {P}, et je te mets à genoux que tu le veuilles ou non.', 'Dis-moi encore non {P} et tu verras ce que je fais quand je te choppe seule.'] },
  { kind: 'hostile_threat', target: 'person', sexual: true, variants: ['Tu sais ce qui arrive aux filles comme toi quand y a personne, {P} ?', 'Tu crierais fort si je te coinçais seule dans une pièce, {P} ?', 'Et si quelqu’un te suivait jusque chez toi et prenait ce qu’il veut, {P} ?', 'T’as jamais eu envie de savoir ce que ça fait d’être forcée, {P} ?'] },
  { kind: 'hostile_threat', target: 'group', sexual: true, variants: ['Les {G} qui répondent comme ça mériteraient de se faire violer.', 'Ces {G}, faudrait les plaquer au sol et les baiser jusqu’à ce qu’elles comprennent.', 'Les {G} qui portent plainte contre nous seront les prochaines agressées.', 'Toutes ces {G} qui manifestent aujourd’hui, faudrait les violer une par une.'] },
  // ---------- hostile : harcèlement sexuel implicite ----------
  { kind: 'hostile_sexual', target: 'person', variants: ['Hé {P}, pourquoi tu veux pas m’envoyer une photo de toi au lit ?', '{P}, je t’ai payé tes verres donc tu me dois une nuit.', 'Tu peux pas poster une photo comme ça et pas t’attendre à ce qu’on en demande plus, {P}.', 'Allez {P}, une photo sans le haut, personne saura.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['{P}, ta jupe me donne des idées, passe dans mon bureau tout à l’heure.', 'Souris un peu plus {P}, et penche-toi moins vite la prochaine fois.', 'J’ai rien suivi de ta présentation {P}, pas avec ce chemisier.', 'Avec une bouche pareille, {P}, tu devrais faire autre chose que parler.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['{P}, c’est un corps avec une bouche, c’est tout.', 'Oubliez ses recherches, regardez plutôt la poitrine de {P}.', 'Personne suit {P} pour ses opinions, c’est pour ses cuisses.', '{P} c’est du porno gratuit avec une coche bleue.'] },
  { kind: 'hostile_sexual', target: 'person', variants: ['Je t’ai vue à la salle {P}, ce legging c’était pour moi hein ?', 'Je sais où tu cours le matin {P}, mets le short demain.', 'Pourquoi tu m’ignores {P}, j’ai juste demandé la couleur de ta culotte.', '{P} t’étais trop belle endormie dans le train, j’ai pris quelques photos.'] },
  // ---------- harmless, même vocabulaire ----------
  { kind: 'testimony', target: 'none', variants: ['Un inconnu m’a écrit que je méritais d’être violée. J’ai signalé le compte, il a été suspendu.', 'Après ma conférence un homme a écrit qu’on devrait me plaquer au sol. Les captures sont chez les gendarmes.', 'Reçu un DM qui me demandait des photos de moi au lit. Bloqué, capturé, signalé.', 'Mon collègue commentait sans arrêt ma jupe, les RH ont enfin ouvert une enquête.', 'Il m’a dit que si je le bloquais il me retrouverait. J’ai changé de trajet et prévenu mes amies.'] },
  { kind: 'neutral_women', target: 'person', variants: ['{P} a porté plainte après avoir reçu des menaces de viol en ligne.', '{P} a raconté au tribunal que l’homme lui envoyait des messages sexuels depuis des mois.', 'La police enquête sur les menaces de violences sexuelles reçues par {P} après le débat.', '{P} a parlé à la radio du harcèlement subi après son élection.'] },
  { kind: 'counter_speech', target: 'person', variants: ['{P}, personne n’a le droit de te dire que tu mérites d’être violé{e}. On l’a signalé.', 'Soutien à {P} : envoyer des menaces de viol pour un tweet, c’est ignoble.', '{P}, ces DM qui réclamaient des photos étaient immondes, bloque et signale.', 'Si quelqu’un menace encore {P} d’agression, ça part direct à la police.'] },
  { kind: 'counter_speech', target: 'group', variants: ['Dire aux {G} qu’ils méritent d’être violé{Ge}s, ce n’est pas la liberté d’expression, c’est une menace.', 'Menacer les {G} de violences sexuelles pour leurs opinions, ça devrait valoir un bannissement.', 'Arrêtez de réclamer des nudes aux {G} en DM, c’est du harcèlement.', 'Commenter le corps des {G} au travail, c’est du harcèlement, pas un compliment.'] },
  { kind: 'negated_hate', target: 'none', variants: ['Personne ne mérite d’être agressé, peu importe sa tenue.', 'Rentrer seule la nuit, ce n’est pas « l’avoir cherché ».', 'Une jupe courte n’est jamais une invitation.', 'Être ivre ne veut pas dire consentir à un rapport sexuel.'] },
  { kind: 'neutral_women', target: 'none', variants: ['Les victimes d’agression sexuelle peuvent obtenir la contraception d’urgence en pharmacie.', 'Le centre de santé propose un examen des seins et un frottis gratuits le samedi.', 'Les rapports douloureux après l’accouchement sont fréquents et se soignent, parlez-en à votre sage-femme.', 'L’infirmière a expliqué comment les prélèvements sont faits après un viol.'] },
  { kind: 'neutral_women', target: 'none', variants: ['La cour d’assises a condamné l’homme pour viol après deux semaines de procès.', 'La nouvelle loi définit le consentement comme un oui libre et explicite.', 'Les signalements de harcèlement sexuel dans les transports ont augmenté de 12 % l’an dernier.', 'Le tribunal a entendu que le prévenu envoyait des messages sexuels menaçants à son ex.'] },
  { kind: 'neutral_women', target: 'none', variants: ['Le roman traite des suites d’un viol avec beaucoup de délicatesse.', 'Avertissement : ce fil parle de violences sexuelles et de harcèlement.', 'La scène d’agression du film est dure à regarder mais jamais gratuite.', 'Le cours d’éducation sexuelle parle de consentement, de contraception et de sécurité en ligne.'] },
];

/** The two sets, split in three pools per language: sexual threats, sexual harassment, harmless. */
export const R8_SETS: readonly FamilySet[] = (
  [
    ['en', FAMILIES_EN_R8],
    ['fr', FAMILIES_FR_R8],
  ] as const
).map(([lang, families]) => ({
  lang,
  families,
  tag: 'x8:',
  pool: (f: Family) => (isHostile(f.kind) ? `${f.kind}${f.sexual ? '+sexual' : ''}` : 'other'),
}));
