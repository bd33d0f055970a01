/**
 * What the background asks the offscreen document (Chrome's classifier host), and its answers. Classify
 * requests never come this way: they go over a classify port (classify-port.ts), from the background
 * too. Only the background sends these (pages' and content scripts' messages carry no `target`).
 */
import { browser } from 'wxt/browser';
import { HOST_FORGET } from '../classifier/host';
import type { HostStatusReply } from './background-protocol';

export type OffscreenRequest = { target: 'offscreen'; type: 'host-status' } | { target: 'offscreen'; type: typeof HOST_FORGET };

export type OffscreenRequestType = OffscreenRequest['type'];

export interface OffscreenReplies {
  'host-status': HostStatusReply;
  [HOST_FORGET]: { ok: true };
}

export function parseOffscreenRequest(raw: unknown): OffscreenRequest | null {
  if (typeof raw !== 'object' || raw === null || Reflect.get(raw, 'target') !== 'offscreen') return null;
  const type: unknown = Reflect.get(raw, 'type');
  return type === 'host-status' || type === HOST_FORGET ? { target: 'offscreen', type } : null;
}

/** Ask the offscreen document; null when it does not answer (not created, closed, failing). */
export async function askOffscreen<T extends OffscreenRequestType>(type: T): Promise<OffscreenReplies[T] | null> {
  const request: OffscreenRequest = { target: 'offscreen', type };
  const reply: unknown = await browser.runtime.sendMessage(request).catch(() => null);
  // The answer comes from our own offscreen document's router, whose handlers are typed by OffscreenReplies.
  return (reply ?? null) as OffscreenReplies[T] | null;
}
