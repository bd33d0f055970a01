// @vitest-environment jsdom
/**
 * The generic fallback (src/scanner/fallback.ts) starts when no adapter item appeared after a while. On
 * an X status page with no reply yet, the only text in the conversation area is the page's own post: it
 * must never be read as a reply (it is hers, or the page's, not a reply to her), while other text of the
 * conversation area still is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanner, type ClassifyResult, type TrackedItem } from '../../src/scanner/scanner';
import { x } from '../../src/platforms/x';
import { LABELS, type Scores } from '../../src/classifier/labels';

const level = Object.fromEntries(LABELS.map((l) => [l, 0.5])) as Scores;
const low = Object.fromEntries(LABELS.map((l) => [l, 0.1])) as Scores;
const classify = (texts: string[]): Promise<ClassifyResult> =>
  Promise.resolve({ scores: texts.map(() => low), thresholds: { relaxed: level, balanced: level, strict: level } });

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The X fixture's status page with every reply taken out, plus a line of text under the post. */
function statusPageWithoutReplies(): void {
  const html = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/platforms/x.html'), 'utf8');
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<template[\s\S]*?<\/template>|<script[\s\S]*?<\/script>/g, '');
  document.body.innerHTML = body;
  for (const reply of document.querySelectorAll('[data-expect]')) reply.closest('[data-testid="cellInnerDiv"]')!.remove();
  const note = document.createElement('div');
  note.setAttribute('dir', 'auto');
  note.textContent = 'Be the first to reply to this post.';
  document.querySelector('[aria-label="Timeline: Conversation"] > div')!.append(note);
}

afterEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

describe('generic fallback', () => {
  it("never reads the page's own post on an X status page with no reply", async () => {
    history.replaceState(null, '', '/camille_dlt/status/1861923456789012345');
    statusPageWithoutReplies();
    const post = document.querySelector('[data-fixture="post"]')!;
    expect(post.matches('article[data-testid="tweet"]')).toBe(true);

    const seen: TrackedItem[] = [];
    const scanner = createScanner({ adapters: [x], classify, onPending: () => undefined, onScored: (i) => seen.push(i), fallbackAfterMs: 50 });
    scanner.start();
    await until(() => seen.some((i) => i.text === 'Be the first to reply to this post.'));
    expect(scanner.degraded()).toBe(true); // the fallback did start…
    await new Promise((r) => setTimeout(r, 100));
    // …and took nothing in (or around) the post.
    expect(seen.filter((i) => post.contains(i.el) || i.el.contains(post)).map((i) => i.text)).toEqual([]);
    expect([...post.querySelectorAll('[data-bouclier]')]).toEqual([]);
    expect(post.hasAttribute('data-bouclier')).toBe(false);
  });

  it('reads the same text when it is not the post of this page (another status URL)', async () => {
    history.replaceState(null, '', '/camille_dlt/status/42');
    statusPageWithoutReplies();
    const post = document.querySelector('[data-fixture="post"]')!;
    const seen: TrackedItem[] = [];
    const scanner = createScanner({ adapters: [x], classify, onPending: () => undefined, onScored: (i) => seen.push(i), fallbackAfterMs: 50 });
    scanner.start();
    await until(() => seen.some((i) => post.contains(i.el)));
  });
});
