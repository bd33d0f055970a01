/**
 * "The log changed": told by whoever writes it (the background for new items, pins and feedback from
 * pages; the review page for its own edits) to every other page of the extension that shows it, over a
 * BroadcastChannel of the extension's origin (content scripts, in the page's origin, never hear it).
 * This replaces polling: an open review page reads only the records named, or everything after a
 * bulk change (retention, delete everything).
 */
export const LOG_CHANNEL = 'bouclier-review-log';
/** More ids than this in one change: say "everything" and let the page read it all once. */
const MAX_IDS = 1_000;

export type LogChange = { ids: string[] } | { all: true };

let channel: BroadcastChannel | null = null;
const open = (): BroadcastChannel | null => {
  if (typeof BroadcastChannel === 'undefined') return null;
  channel ??= new BroadcastChannel(LOG_CHANNEL);
  return channel;
};

export function announceLogChange(change: LogChange): void {
  if ('ids' in change && change.ids.length === 0) return;
  const msg: LogChange = 'ids' in change && change.ids.length > MAX_IDS ? { all: true } : change;
  try {
    open()?.postMessage(msg);
  } catch {
    // No channel in this context (or it was closed): pages then show the change on their next load.
  }
}

function parseChange(v: unknown): LogChange | null {
  if (typeof v !== 'object' || v === null) return null;
  const c = v as Record<string, unknown>;
  if (c.all === true) return { all: true };
  return Array.isArray(c.ids) ? { ids: c.ids.filter((x): x is string => typeof x === 'string') } : null;
}

/**
 * Follow changes made by other contexts; returns a function that stops. It listens on the same channel
 * object this context announces on, which never hears its own messages: a page is not told of its edits.
 */
export function watchLogChanges(cb: (c: LogChange) => void): () => void {
  const ch = open();
  if (!ch) return () => undefined;
  const onMessage = (ev: MessageEvent) => {
    const c = parseChange(ev.data);
    if (c) cb(c);
  };
  ch.addEventListener('message', onMessage);
  return () => ch.removeEventListener('message', onMessage);
}
