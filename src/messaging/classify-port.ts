/**
 * Classify requests over one long-lived port per tab, straight to the classifier host (Chrome: the
 * offscreen document; Firefox: the background page).
 *
 * Why a port: `runtime.sendMessage` opens and closes a channel per message and is delivered to every
 * extension context with an onMessage listener — in Chrome that includes the background service
 * worker, woken for every batch of a busy thread. A port is opened once and only the host listens
 * for it. When no host is listening (not started yet, restarted, crashed), the port disconnects and
 * the caller falls back to asking the background, which starts the host and relays the request over
 * a port of its own: the host answers classify requests this way only.
 */
import type { ClassifyResponse, ErrorResponse } from './messages';
import { parseRequest } from './messages';
import { isPacked, pack, unpack } from './wire';

export const CLASSIFY_PORT = 'bouclier-classify';

export interface PortLike {
  postMessage(msg: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (msg: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

type Answer = ClassifyResponse | ErrorResponse;

/** Content side: `request(texts)` rejects when the port is (or gets) disconnected, so the caller can fall back. */
export function createClassifyPortClient(connect: () => PortLike) {
  let port: PortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();

  function open(): PortLike {
    const p = connect();
    p.onMessage.addListener((raw) => {
      const msg = unpack(raw) as ({ id?: unknown } & Record<string, unknown>) | undefined;
      if (typeof msg?.id !== 'number') return;
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      const { id: _id, ...answer } = msg;
      waiter.resolve(answer as unknown as Answer);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      const waiting = [...pending.values()];
      pending.clear();
      for (const w of waiting) w.reject(new Error('The classifier host is not connected'));
    });
    return p;
  }

  return {
    request(texts: string[]): Promise<Answer> {
      return new Promise<Answer>((resolve, reject) => {
        try {
          port ??= open();
          const id = nextId++;
          pending.set(id, { resolve, reject });
          port.postMessage(pack({ id, type: 'classify', texts }));
        } catch (e) {
          port = null;
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    /** Open the port now (at page start), so the first batch does not also wait for the connection. */
    connect(): void {
      try {
        port ??= open();
      } catch {
        // No host yet: the first request tries again and falls back to the background.
      }
    },
    /** Requests waiting for an answer (tests, diagnostics). */
    waiting: (): number => pending.size,
  };
}

/**
 * The host's answer to one classify request: a malformed request or a failing model is an error
 * answer, never a throw.
 */
export async function answerClassify(
  texts: unknown,
  classify: (texts: string[]) => Promise<Omit<ClassifyResponse, 'ok'>>,
): Promise<Answer> {
  const req = parseRequest({ type: 'classify', texts });
  if (req?.type !== 'classify') return { ok: false, error: 'Malformed classify request' };
  try {
    return { ok: true, ...(await classify(req.texts)) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Host side: answer classify requests arriving on a port, each with its id. */
export function serveClassifyPort(port: PortLike, classify: (texts: string[]) => Promise<Omit<ClassifyResponse, 'ok'>>): void {
  port.onMessage.addListener((raw) => {
    // Answered in the form it was asked in (wire.ts).
    const packed = isPacked(raw);
    const msg = unpack(raw);
    if (typeof msg !== 'object' || msg === null) return;
    const id: unknown = Reflect.get(msg, 'id');
    if (typeof id !== 'number') return;
    void answerClassify(Reflect.get(msg, 'texts'), classify).then((answer) => {
      try {
        port.postMessage(packed ? pack({ id, ...answer }) : { id, ...answer });
      } catch {
        // The tab went away meanwhile: nobody to answer.
      }
    });
  });
}
