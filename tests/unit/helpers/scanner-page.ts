import type { ClassifyResult } from '../../../src/scanner/scanner';
import { LABELS, type Scores } from '../../../src/classifier/labels';
import type { PlatformAdapter } from '../../../src/platforms/types';

/** One comment rule: `article.c` items, their `p` text, the author in `data-author`. */
export const adapter: PlatformAdapter = {
  id: 'test',
  name: 'Test',
  hosts: ['localhost'],
  rules: [{ kind: 'comment', item: ['article.c'], text: [':scope > p'], authorAttr: 'data-author' }],
};

const level = Object.fromEntries(LABELS.map((l) => [l, 0.5])) as Scores;
export const thresholds: ClassifyResult['thresholds'] = { relaxed: level, balanced: level, strict: level };
/** A text containing "bad" scores 0.9 on every label, any other 0.1. */
export const score = (text: string): Scores => Object.fromEntries(LABELS.map((l) => [l, text.includes('bad') ? 0.9 : 0.1])) as Scores;

/** A comment of the test adapter's markup (`article.c` with an author and one paragraph of text). */
export function comment(i: number, text = `comment number ${i}`): HTMLElement {
  const el = document.createElement('article');
  el.className = 'c';
  el.setAttribute('data-author', `user${i}`);
  const p = document.createElement('p');
  p.textContent = text;
  el.append(p);
  return el;
}

/** Waits until `cond` holds, polling; fails after `ms` (a busy machine is slow, never wrong). */
export async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
