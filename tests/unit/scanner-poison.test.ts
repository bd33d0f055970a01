// @vitest-environment jsdom
/**
 * One poisoned comment must not blind a tab (src/scanner/batcher.ts, triage.ts), and the page must not
 * be able to pre-set the shield's state (src/shield/guard.ts: written):
 *  - a huge text leaves the content script cut at the limit the host applies on arrival, one constant
 *    for both, and cutting there changes no score of ordinary text;
 *  - a batch the host (or the browser's messaging) refuses because of one text is split until that text
 *    is found: every other comment gets its verdict, that one "could not be checked", and the number
 *    of requests grows with log2 of the batch, never a loop;
 *  - a host that is down is told from a poisoned batch: nothing is given up, everything is retried;
 *  - a comment inserted with data-bouclier="revealed" (or any value) already on it is still hidden, and
 *    so is an image inserted with data-bouclier-media="revealed".
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createScanner, MAX_BATCH, type ClassifyResult, type TrackedItem } from '../../src/scanner/scanner';
import { MAX_TEXT_CHARS, parseRequest } from '../../src/messaging/messages';
import { FEATURIZER, featureTokens } from '../../src/classifier/featurize';
import { markPending, markUnchecked, renderDecision, setRevealed, verdictOf } from '../../src/shield/render';
import { startShieldGuard } from '../../src/shield/guard';
import { shieldMedia } from '../../src/protect/dom';
import { useEnglishMessages } from './helpers/english-messages';
import { adapter, comment, score, thresholds, until } from './helpers/scanner-page.ts';

beforeAll(() => useEnglishMessages());
afterEach(() => {
  document.body.innerHTML = '';
});

const answer = (texts: string[]): Promise<ClassifyResult> => new Promise((resolve) => setTimeout(() => resolve({ scores: texts.map(score), thresholds }), 2));



/** A scanner whose onScored / onPending record what each item ended as. */
function watch(classify: (texts: string[]) => Promise<ClassifyResult>, errors: string[] = []) {
  const scored = new Map<string, TrackedItem>();
  const unchecked = new Map<string, TrackedItem>();
  const scanner = createScanner({
    adapters: [adapter],
    classify,
    onScored: (item) => scored.set(item.text, item),
    onPending: (item) => {
      if (item.unchecked) unchecked.set(item.text, item);
    },
    onHostError: (m) => errors.push(m),
    fallbackAfterMs: 60_000,
  });
  scanner.start();
  return { scored, unchecked, scanner };
}

describe('texts are capped before they leave the content script', () => {
  it('sends a 10-million-character comment cut at MAX_TEXT_CHARS, the very cut the host makes', async () => {
    const calls: string[][] = [];
    const { scored, unchecked } = watch((texts) => {
      calls.push(texts);
      return answer(texts);
    });
    const huge = 'x'.repeat(10_000_000);
    const hugeAbuse = `you are bad ${huge}`;
    document.body.append(comment(1, huge), comment(2, hugeAbuse), comment(3, 'a short one'));
    await until(() => scored.size === 3);

    const sent = calls.flat();
    expect(sent).toHaveLength(3);
    expect(Math.max(...sent.map((t) => t.length))).toBe(MAX_TEXT_CHARS);
    // The host's own cut on arrival (parseRequest, run by the offscreen document and the background).
    const hostCut = parseRequest({ type: 'classify', texts: [huge, hugeAbuse] });
    expect(hostCut?.type === 'classify' && hostCut.texts).toEqual([sent[0], sent[1]]);
    // Only their start was read: scored, and marked so that only a hiding verdict stands (content.ts).
    expect(scored.get(huge)).toMatchObject({ unchecked: true, scores: score('x') });
    expect(scored.get(hugeAbuse)).toMatchObject({ unchecked: true, scores: score('bad') });
    expect(scored.get('a short one')?.unchecked).toBeUndefined();
    expect(unchecked.size).toBe(0);
  });

  it('cuts where ordinary text already has more tokens than the classifier scores (no score changes)', () => {
    const sentences = [
      "I don't agree with your take on the budget, but the sourcing is solid.",
      'Merci pour cet article très documenté, bon courage à toute la rédaction 👏',
      'Quelqu’un a le lien vers l’étude complète ? https://example.org/etude?id=42',
      'Ma sœur est ingénieure, elle a adoré votre reportage !!! 😂😂',
    ];
    let long = '';
    for (let i = 0; long.length < MAX_TEXT_CHARS * 1.2; i++) long += `${sentences[i % sentences.length]!} `;
    const scoredTokens = FEATURIZER.T_MAX * FEATURIZER.MAX_CHUNKS;
    expect(featureTokens(long.slice(0, MAX_TEXT_CHARS))).toHaveLength(scoredTokens);
    expect(featureTokens(long.slice(0, MAX_TEXT_CHARS))).toEqual(featureTokens(long));
  });
});

describe('a batch failing because of one text', () => {
  it.each([
    ['an error answer', 'reject'],
    ['a send that throws (message over the size limit)', 'throw'],
  ] as const)('is split until that text is found, after %s; all others are judged', async (_, mode) => {
    const POISON = 'poisoned comment';
    const calls: string[][] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const errors: string[] = [];
    const { scored, unchecked } = watch((texts) => {
      calls.push(texts);
      if (texts.includes(POISON)) {
        if (mode === 'throw') throw new Error('Message length exceeded maximum allowed length.');
        return Promise.reject(new Error('Malformed classify request'));
      }
      // The first request is held, so the next batch leaves full (MAX_BATCH texts, one of them poisoned).
      return calls.length === 1 ? held.then(() => answer(texts)) : answer(texts);
    }, errors);
    document.body.append(comment(0, 'the first comment'));
    await until(() => calls.length === 1);
    const frag = document.createDocumentFragment();
    for (let i = 1; i <= MAX_BATCH; i++) frag.append(comment(i, i === 77 ? POISON : i % 5 === 0 ? `bad comment ${i}` : `comment ${i}`));
    document.body.append(frag);
    await until(() => calls.length === 2);
    expect(calls[1]).toHaveLength(MAX_BATCH);
    release();

    await until(() => scored.size + unchecked.size === MAX_BATCH + 1);
    expect(scored.size).toBe(MAX_BATCH);
    expect([...unchecked.keys()]).toEqual([POISON]);
    expect(unchecked.get(POISON)!.scores).toBeNull();
    expect(scored.get('bad comment 5')!.scores!.insult).toBeCloseTo(0.9);
    expect(errors).toEqual([]); // the host was up all along: no "model unavailable"

    await new Promise((r) => setTimeout(r, 2000)); // longer than a retry: nothing is left looping
    const requests = calls.slice(1).filter((t) => t.length > 0);
    const probes = calls.filter((t) => t.length === 0);
    const levels = Math.log2(MAX_BATCH);
    // One request per halving carries the poison, plus one more try of it alone.
    expect(requests.filter((t) => t.includes(POISON)).length).toBeLessThanOrEqual(levels + 2);
    expect(requests.length).toBeLessThanOrEqual(2 * levels + 3);
    expect(probes.length).toBeLessThanOrEqual(levels + 2);
    // Never the same request over and over.
    const seen = new Map<string, number>();
    for (const t of requests) seen.set(t.join('\n'), (seen.get(t.join('\n')) ?? 0) + 1);
    expect(Math.max(...seen.values())).toBeLessThanOrEqual(2);
  });

  it('gives nothing up while the host itself is down, and judges everything once it is back', async () => {
    let down = true;
    const calls: string[][] = [];
    const errors: string[] = [];
    const { scored, unchecked } = watch(async (texts) => {
      calls.push(texts);
      if (down) throw new Error('The Bouclier model is missing from the extension package');
      return answer(texts);
    }, errors);
    for (let i = 0; i < 10; i++) document.body.append(comment(i, `comment ${i}`));
    await until(() => errors.length >= 2, 8000); // two retry cycles
    expect(unchecked.size).toBe(0);
    expect(scored.size).toBe(0);
    expect(errors[0]).toMatch(/missing/);
    // Not split in a flood: each cycle retries what failed and asks the host once.
    expect(calls.length).toBeLessThanOrEqual(2 * (errors.length + 1));
    down = false;
    await until(() => scored.size === 10, 8000);
    expect(unchecked.size).toBe(0);
  });
});

describe('the shield never trusts a state the page set', () => {
  beforeAll(() => startShieldGuard());

  it.each(['revealed', 'clean', 'flagged', 'pending', 'anything'])('hides a flagged comment inserted with data-bouclier="%s"', async (preset) => {
    const scanner = createScanner({
      adapters: [adapter],
      classify: answer,
      onScored: (item) => renderDecision(item, item.scores!.insult > 0.5 ? { labels: ['insult'], action: 'blur' } : { labels: [], action: null }),
      onPending: (item) => markPending(item, false),
      fallbackAfterMs: 60_000,
    });
    scanner.start();
    const el = comment(1, 'you are bad');
    el.setAttribute('data-bouclier', preset);
    el.setAttribute('data-bouclier-action', 'remove');
    document.body.append(el);
    const text = el.querySelector('p')!;
    await until(() => text.getAttribute('data-bouclier-hide') === 'blur');
    expect(el.getAttribute('data-bouclier')).toBe('flagged');
    expect(verdictOf(el)?.action).toBe('blur');
    expect(el.hasAttribute('data-bouclier-hide')).toBe(false); // the page's "remove" is not ours: the item stays
    expect(text.getAttribute('aria-hidden')).toBe('true');
  });

  it('renders a decision over a page-set "revealed" as flagged, and its own reveal as revealed', () => {
    const el = comment(1, 'you are bad');
    el.setAttribute('data-bouclier', 'revealed');
    document.body.append(el);
    const item = { el, textEls: [el.querySelector('p')!] };
    renderDecision(item, { labels: ['insult'], action: 'collapse' });
    expect(el.getAttribute('data-bouclier')).toBe('flagged');
    expect(item.textEls[0]!.getAttribute('data-bouclier-hide')).toBe('collapse');
    // Her own reveal ("show all") is ours, and holds across a re-render.
    setRevealed(item, true);
    renderDecision(item, { labels: ['insult'], action: 'collapse' });
    expect(el.getAttribute('data-bouclier')).toBe('revealed');
    expect(item.textEls[0]!.hasAttribute('data-bouclier-hide')).toBe(false);
  });

  it('blurs an image the page inserts already marked data-bouclier-media="revealed" in a flagged comment', () => {
    const el = comment(1, 'you are bad');
    const img = document.createElement('img');
    img.setAttribute('data-bouclier-media', 'revealed');
    el.append(img);
    document.body.append(el);
    const item = { el, textEls: [el.querySelector('p')!] };
    renderDecision(item, { labels: ['insult'], action: 'blur' });
    shieldMedia(el, 'flagged', () => 'blurred image');
    expect(img.getAttribute('data-bouclier-media')).toBe('blurred');
    expect(img.getAttribute('data-bouclier-hide')).toBe('blur');
  });

  it('marks an item that could not be checked, withheld when asked, and clears the mark on a verdict', () => {
    const el = comment(1, 'some text');
    document.body.append(el);
    const item = { el, textEls: [el.querySelector('p')!] };
    markUnchecked(item, true);
    expect(el.getAttribute('data-bouclier')).toBe('pending');
    expect(el.hasAttribute('data-bouclier-unchecked')).toBe(true);
    expect(item.textEls[0]!.getAttribute('data-bouclier-hide')).toBe('unchecked');
    markUnchecked(item, false);
    expect(item.textEls[0]!.hasAttribute('data-bouclier-hide')).toBe(false);
    renderDecision(item, { labels: [], action: null });
    expect(el.getAttribute('data-bouclier')).toBe('clean');
    expect(el.hasAttribute('data-bouclier-unchecked')).toBe(false);
  });
});
