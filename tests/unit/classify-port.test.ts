/**
 * The tab ↔ classifier-host port: answers reach the right request even out of order, a host that
 * goes away fails the waiting requests at once (so the content script falls back to the background
 * instead of waiting for a timeout), and the next request opens a fresh port.
 */
import { describe, expect, it, vi } from 'vitest';
import { createClassifyPortClient, serveClassifyPort, type PortLike } from '../../src/messaging/classify-port';

/** Two connected in-memory ports (messages delivered asynchronously, like the browser's). */
function portPair(): { a: PortLike; b: PortLike; drop: () => void } {
  const listeners = { a: [] as ((m: unknown) => void)[], b: [] as ((m: unknown) => void)[] };
  const gone = { a: [] as (() => void)[], b: [] as (() => void)[] };
  let open = true;
  const side = (me: 'a' | 'b', other: 'a' | 'b'): PortLike => ({
    postMessage(msg) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      const copy = JSON.parse(JSON.stringify(msg)) as unknown;
      setTimeout(() => listeners[other].forEach((l) => l(copy)), 0);
    },
    disconnect() {
      open = false;
      gone[other].forEach((l) => l());
    },
    onMessage: { addListener: (cb) => listeners[me].push(cb) },
    onDisconnect: { addListener: (cb) => gone[me].push(cb) },
  });
  return {
    a: side('a', 'b'),
    b: side('b', 'a'),
    drop: () => {
      open = false;
      gone.a.forEach((l) => l());
    },
  };
}

const thresholds = { relaxed: {}, balanced: {}, strict: {} } as never;

describe('classify port', () => {
  it('matches each answer to its request, even when the host answers out of order', async () => {
    const pair = portPair();
    const delays: Record<string, number> = { slow: 30, quick: 1 };
    serveClassifyPort(pair.b, async (texts) => {
      await new Promise((r) => setTimeout(r, delays[texts[0]!] ?? 0));
      return { scores: texts.map((t) => ({ misogyny: t.length }) as never), thresholds };
    });
    const client = createClassifyPortClient(() => pair.a);
    const [slow, quick] = await Promise.all([client.request(['slow']), client.request(['quick'])]);
    expect(slow).toMatchObject({ ok: true, scores: [{ misogyny: 4 }] });
    expect(quick).toMatchObject({ ok: true, scores: [{ misogyny: 5 }] });
    expect((slow as { id?: number }).id).toBeUndefined();
    expect(client.waiting()).toBe(0);
  });

  it('reports a host error as an answer, and a malformed request as one too', async () => {
    const pair = portPair();
    serveClassifyPort(pair.b, () => Promise.reject(new Error('The Bouclier model is missing from the extension package')));
    const client = createClassifyPortClient(() => pair.a);
    expect(await client.request(['x'])).toEqual({ ok: false, error: 'The Bouclier model is missing from the extension package' });
    const answers: unknown[] = [];
    pair.a.onMessage.addListener((m) => answers.push(m));
    pair.a.postMessage({ id: 99, texts: [42] });
    // Waited for, not slept on: a loaded machine may take longer than a few milliseconds to deliver it.
    await vi.waitFor(() => expect(answers).toContainEqual({ id: 99, ok: false, error: 'Malformed classify request' }));
  });

  it('sends texts as one string and gets every text back intact, odd ones included', async () => {
    const pair = portPair();
    const posted: unknown[] = [];
    const spy = { ...pair.a, postMessage: (m: unknown) => (posted.push(m), pair.a.postMessage(m)) };
    const seen: string[][] = [];
    serveClassifyPort(pair.b, async (texts) => (seen.push(texts), { scores: texts.map(() => ({}) as never), thresholds }));
    const client = createClassifyPortClient(() => spy);
    const odd = ['émoji 👩‍💻 ok', 'lone \ud800 surrogate', 'quote " and \\ backslash', '\u0000 nul'];
    expect(await client.request(odd)).toMatchObject({ ok: true });
    expect(seen).toEqual([odd]);
    expect(posted).toHaveLength(1);
    expect(Object.keys(posted[0] as object)).toEqual(['bouclier']);
  });

  it('fails waiting requests at once when the host goes away, and reconnects for the next one', async () => {
    const first = portPair();
    serveClassifyPort(first.b, () => new Promise(() => undefined)); // never answers, then disappears
    const second = portPair();
    serveClassifyPort(second.b, async (texts) => ({ scores: texts.map(() => ({}) as never), thresholds }));
    const ports = [first.a, second.a];
    let connects = 0;
    const client = createClassifyPortClient(() => ports[connects++]!);
    const lost = client.request(['a', 'b']);
    first.drop();
    await expect(lost).rejects.toThrow(/not connected/);
    expect(await client.request(['c'])).toMatchObject({ ok: true, scores: [{}] });
    expect(connects).toBe(2);
  });

  it('can open the port ahead of the first request, which then uses it', async () => {
    const pair = portPair();
    serveClassifyPort(pair.b, async (texts) => ({ scores: texts.map(() => ({}) as never), thresholds }));
    let connects = 0;
    const client = createClassifyPortClient(() => {
      connects++;
      return pair.a;
    });
    client.connect();
    expect(connects).toBe(1);
    expect(await client.request(['x'])).toMatchObject({ ok: true });
    expect(connects).toBe(1);
    // With no host at all, opening early is harmless: the request still rejects so the caller falls back.
    const lonely = createClassifyPortClient(() => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    lonely.connect();
    await expect(lonely.request(['x'])).rejects.toThrow(/Receiving end/);
  });

  it('rejects (so the caller can fall back) when no host listens at all', async () => {
    const client = createClassifyPortClient(() => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await expect(client.request(['x'])).rejects.toThrow(/Receiving end/);
  });
});
