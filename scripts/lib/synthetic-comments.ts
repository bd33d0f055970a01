/**
 * Seeded synthetic comments for benchmarks: realistic LENGTHS (not content) — 40 % 3-12 words,
 * 40 % 15-40, 15 % 60-150, 5 % 300-600 — from a small embedded FR/EN vocabulary, with some emoji,
 * punctuation, mentions and links. Never used for training or evaluation.
 */
const VOCAB = (
  'the a and to of is it you that this for on with are be have not but what all was we they so just like ' +
  'people think really good know time would about one get more can make way because want see thanks great ' +
  'video post thread article point agree work women men she he her him team game music news today right ' +
  'le la les un une des et est pas que qui de du en pour sur avec dans ce cette mais ou donc tout très bien ' +
  'merci vraiment je tu il elle nous vous ils on fait faire dire voir comme plus moins aussi encore toujours ' +
  'jamais femme femmes homme hommes travail équipe match vidéo article idée avis accord journée soir demain ' +
  "c'est j'ai t'es qu'il n'est d'accord l'article aujourd'hui"
).split(' ');
const EXTRAS = ['!', '?', '...', '😂', '👏', '❤️', '🙄', '@someone', 'https://example.com/x', '#debate', 'lol', 'mdr', 'ptdr'];

/** mulberry32: tiny deterministic PRNG */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticComments(n: number, seed = 42): string[] {
  const r = rng(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    const len = u < 0.4 ? between(3, 12) : u < 0.8 ? between(15, 40) : u < 0.95 ? between(60, 150) : between(300, 600);
    const words: string[] = [];
    for (let w = 0; w < len; w++) {
      words.push(r() < 0.06 ? (EXTRAS[Math.floor(r() * EXTRAS.length)] as string) : (VOCAB[Math.floor(r() * VOCAB.length)] as string));
    }
    if (words[0]) words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
    out.push(words.join(' '));
  }
  return out;
}
