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
