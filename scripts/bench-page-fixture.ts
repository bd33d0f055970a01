/**
 * The bench:page fixture: a 2,000-comment Reddit thread whose page inserts its comments itself (like a
 * SPA renders), stamping each insertion, then "scrolls in" 200 more. Shared by bench-page.ts and
 * ad-hoc profiling so both measure the same page.
 */
export const URL_ = 'https://www.reddit.com/r/france/comments/1bench/un_fil_tres_long/';
export const N_INITIAL = 2000;
export const N_SCROLL = 200;

const SAMPLES_EN = [
  'Great reporting, thank you for covering this.',
  'I disagree with your take on the budget, but the sourcing is solid.',
  'Shut up you stupid bitch, nobody cares about your opinion.',
  'Women like you should stay in the kitchen where you belong.',
  'The CEO of that company is a woman and she doubled its revenue.',
  'I hope someone finds out where you live and makes you pay.',
  'Can you share the link to the full report?',
  'This is the best thread I have read all week, thanks!',
];
const SAMPLES_FR = [
  'Merci pour cet article très documenté.',
  'Je ne suis pas d’accord mais l’argumentation est solide.',
  'Ferme ta gueule sale pute, retourne à la cuisine.',
  'T’es qu’une s4l0pe, on sait où tu habites.',
  'Ma sœur est ingénieure et elle a adoré votre reportage !',
  'Les femmes sont trop émotives pour faire de la politique.',
  'Quelqu’un a le lien vers l’étude complète ?',
  'Bon courage à toute la rédaction.',
];

/**
 * The page inserts its comments itself (like a SPA renders), stamping each insertion. `sampleFrames`: also record, in every frame, which on-screen comments were painted readable before their
 * verdict (page script of its own: bench-page.ts turns it on only in the run with the extension, so the
 * page's scripting without the extension, the reference of the extension's share, stays the page's alone).
 */
export function benchPage(sampleFrames = false): string {
  const all = [...SAMPLES_EN, ...SAMPLES_FR];
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bench</title>
<style>shreddit-comment{display:block;padding:4px 8px;border-left:2px solid #eee;margin:4px 0;font:14px sans-serif}</style></head>
<body><main><shreddit-comment-tree id="tree"></shreddit-comment-tree></main>
<script>
const samples = ${JSON.stringify(all)};
window.__inserted = new Map(); window.__verdict = new Map(); window.__done = false;
new MutationObserver((ms) => { const now = performance.now(); for (const m of ms) {
  const v = m.target.getAttribute('data-bouclier');
  if ((v === 'clean' || v === 'flagged') && !window.__verdict.has(m.target.id)) window.__verdict.set(m.target.id, now);
}}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-bouclier'] });
// What each frame painted: a ResizeObserver callback runs after the frame's animation callbacks, style
// and layout, just before paint (a sentinel changes width every frame to trigger it). There, every
// comment on screen without a verdict yet whose text is not withheld counts as painted readable.
window.__readable = new Map();
if (${sampleFrames}) {
const sentinel = document.createElement('div');
sentinel.style.cssText = 'position:fixed;left:0;top:0;height:1px;width:1px;visibility:hidden';
document.body.append(sentinel);
// Sampling stops once every comment on screen has its verdict (its layouts would count against the extension).
let sampling = true;
new ResizeObserver(() => {
  let waiting = 0, seen = 0;
  for (const el of document.querySelectorAll('shreddit-comment')) {
    if (el.getBoundingClientRect().top >= innerHeight) break;
    seen++;
    if (window.__verdict.has(el.id)) continue;
    waiting++;
    const text = el.querySelector('p');
    if (text && getComputedStyle(text).getPropertyValue('-webkit-text-fill-color') !== 'rgba(0, 0, 0, 0)') window.__readable.set(el.id, (window.__readable.get(el.id) || 0) + 1);
  }
  if (seen > 0 && waiting === 0) sampling = false;
}).observe(sentinel);
const flip = () => { sentinel.style.width = sentinel.style.width === '1px' ? '2px' : '1px'; if (sampling) requestAnimationFrame(flip); };
requestAnimationFrame(flip);
}
let n = 0;
function make(i) {
  const el = document.createElement('shreddit-comment');
  el.id = 'c' + i; el.setAttribute('author', 'user' + (i % 317)); el.setAttribute('permalink', '/r/france/comments/1bench/x/c' + i + '/');
  const meta = document.createElement('div'); meta.slot = 'commentMeta'; meta.textContent = 'u/user' + (i % 317);
  const body = document.createElement('div'); body.slot = 'comment';
  const p = document.createElement('p');
  // Vary texts so the verdict cache does not answer everything: sample + a counter phrase.
  p.textContent = samples[i % samples.length] + (i % 3 === 0 ? '' : ' (' + (i % 97) + ')');
  body.append(p); el.append(meta, body); return el;
}
function insert(count, perFrame, done) {
  const tree = document.getElementById('tree');
  const step = () => {
    const end = Math.min(n + perFrame, count);
    for (; n < end; n++) { const el = make(n); tree.append(el); window.__inserted.set(el.id, performance.now()); }
    if (n < count) requestAnimationFrame(step); else done();
  };
  requestAnimationFrame(step);
}
// Initial render (100 comments per frame), then "infinite scroll": 200 more, 20 per 100 ms.
insert(${N_INITIAL}, 100, () => setTimeout(() => {
  const more = () => { const target = Math.min(n + 20, ${N_INITIAL + N_SCROLL}); insert(target, 20, () => { if (n < ${N_INITIAL + N_SCROLL}) setTimeout(more, 100); else window.__done = true; }); };
  more();
}, 200));
</script></body></html>`;
}

