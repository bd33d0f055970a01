/**
 * A page cannot blind Bouclier with one poisoned comment, nor pre-set the shield's state:
 *  - a comment of tens of millions of characters, inserted in the same task as two abusive ones, must
 *    not hold their verdicts back (its text, whole, is over the browser's message size limit): both
 *    abusive comments end hidden, and the huge one, of which the classifier reads only the start, shows
 *    it could not be checked;
 *  - an abusive comment inserted with data-bouclier="revealed" already on it ends hidden.
 *
 * Run: npm run build && npx vitest run -c vitest.e2e.config.ts tests/e2e/poison.e2e.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type Harness } from './harness';

const page = (tid: string) =>
  `<!doctype html><html lang="fr"><body><shreddit-comment-tree id="tree">
<shreddit-comment thingid="${tid}" author="lea_b"><div slot="comment"><p>Merci pour ce fil, les chiffres sont édifiants.</p></div></shreddit-comment>
</shreddit-comment-tree></body></html>`;
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

let h: Harness;
beforeAll(async () => {
  h = await launchExtension();
});
afterAll(async () => {
  await h?.close();
});

describe('a poisoned page', () => {
  it('hides both abusive comments inserted with a huge one, which shows it could not be checked', async () => {
    const p = await h.openFixture('https://www.reddit.com/r/france/comments/1huge/un_fil/', page('t1_first'));
    await p.evaluate(() => {
      const add = (tid: string, text: string, outOfLayout = false) => {
        const el = document.createElement('shreddit-comment');
        el.setAttribute('thingid', tid);
        el.setAttribute('author', `author_${tid}`);
        const body = document.createElement('div');
        body.setAttribute('slot', 'comment');
        const para = document.createElement('p');
        para.textContent = text;
        // Laying out tens of millions of characters would only slow the page down; the scanner reads
        // textContent, which needs no layout.
        if (outOfLayout) para.style.display = 'none';
        body.append(para);
        el.append(body);
        document.getElementById('tree')!.append(el);
      };
      // All in one task: they are read together and leave in one batch. A harmless sentence, over and
      // over: tens of millions of characters, well over the browser's 64 MiB message limit.
      add('t1_abuse1', 'Ferme ta gueule sale pute, retourne à la cuisine.');
      add('t1_huge', 'Merci pour ce fil, les chiffres sont édifiants. '.repeat(1_500_000), true);
      add('t1_abuse2', 'Shut up you stupid bitch, nobody cares about your opinion.');
    });
    for (const tid of ['t1_abuse1', 't1_abuse2']) {
      const item = p.locator(`shreddit-comment[thingid="${tid}"]`);
      await expect.poll(() => item.getAttribute('data-bouclier'), { timeout: 30_000 }).toBe('flagged');
      await expect.poll(() => item.locator('[slot="comment"]').evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).toBe(TRANSPARENT);
    }
    const huge = p.locator('shreddit-comment[thingid="t1_huge"]');
    await expect.poll(() => huge.evaluate((el) => el.hasAttribute('data-bouclier-unchecked')), { timeout: 30_000 }).toBe(true);
    expect(await huge.getAttribute('data-bouclier')).toBe('pending');
    expect(await p.locator('shreddit-comment[thingid="t1_first"]').getAttribute('data-bouclier')).toBe('clean');
    await p.close();
    h.assertNoExternalRequests();
  });

  it('hides an abusive comment the page inserts already marked data-bouclier="revealed"', async () => {
    const p = await h.openFixture('https://www.reddit.com/r/france/comments/1preset/un_autre_fil/', page('t1_first'));
    await p.evaluate(() => {
      const el = document.createElement('shreddit-comment');
      el.setAttribute('thingid', 't1_preset');
      el.setAttribute('author', 'preset_author');
      el.setAttribute('data-bouclier', 'revealed');
      const body = document.createElement('div');
      body.setAttribute('slot', 'comment');
      body.textContent = 'Women like you are nothing but attention whores, nobody asked for your opinion.';
      el.append(body);
      document.getElementById('tree')!.append(el);
    });
    const item = p.locator('shreddit-comment[thingid="t1_preset"]');
    await expect.poll(() => item.getAttribute('data-bouclier'), { timeout: 30_000 }).toBe('flagged');
    await expect.poll(() => item.locator('[slot="comment"]').evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-fill-color'))).toBe(TRANSPARENT);
    await p.close();
    h.assertNoExternalRequests();
  });
});
