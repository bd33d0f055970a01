/**
 * The background's one message listener: requests from our own extension's contexts only (content
 * scripts and pages; no web page can reach it, there is no externally_connectable), validated
 * (parseBackgroundRequest) and handed to the one handler registered for their type, with the sender,
 * so each handler says whom it answers. Features register their handlers (entrypoints/background.ts).
 */
import { browser } from 'wxt/browser';
import { isPacked, pack, unpack } from './wire';
import { parseBackgroundRequest, type BackgroundReplies, type BackgroundRequestOf, type BackgroundRequestType } from './background-protocol';

/** What a handler may know of the sender (a subset of runtime.MessageSender, so tests can make one). */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; index: number; windowId?: number };
}

/**
 * The reply, a promise of it, or undefined: no answer (nothing to say, or a sender this request is not
 * taken from).
 */
export type BackgroundHandler<T extends BackgroundRequestType> = (
  request: BackgroundRequestOf<T>,
  sender: Sender,
) => BackgroundReplies[T] | Promise<BackgroundReplies[T]> | undefined;
export type BackgroundHandlers = { [T in BackgroundRequestType]?: BackgroundHandler<T> };

/** One of the extension's own pages (popup, options, review): a content script's URL is its web page's. */
export function fromExtensionPage(sender: Sender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/' as never));
}

/** Our content script in a web page (any frame, unless `topFrame`). */
export function fromWebPage(sender: Sender, topFrame = false): boolean {
  return !!sender.tab && /^https?:\/\//.test(sender.url ?? '') && (!topFrame || sender.frameId === 0);
}

export function createBackgroundRouter() {
  const handlers: BackgroundHandlers = {};

  function handle<T extends BackgroundRequestType>(request: BackgroundRequestOf<T>, sender: Sender) {
    const h = handlers[request.type] as BackgroundHandler<T> | undefined;
    return h?.(request, sender);
  }

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Only our own extension's contexts (content scripts carry sender.id too).
    if (sender.id !== browser.runtime.id) return false;
    const request = parseBackgroundRequest(unpack(raw));
    if (!request) return false;
    const reply = handle(request, sender);
    if (reply === undefined) return false;
    // Answered in the form it was asked in (wire.ts).
    const answer = isPacked(raw) ? (r: unknown) => sendResponse(pack(r)) : sendResponse;
    if (!(reply instanceof Promise)) {
      answer(reply);
      return false;
    }
    reply.then(answer, (e: unknown) => answer({ ok: false, error: String(e) }));
    return true;
  });

  return {
    /** Answer `type` with `handler` (one handler per type: a second registration is a wiring error). */
    on<T extends BackgroundRequestType>(type: T, handler: BackgroundHandler<T>): void {
      if (handlers[type]) throw new Error(`two handlers for ${type}`);
      (handlers as Record<string, unknown>)[type] = handler;
    },
  };
}

export type BackgroundRouter = ReturnType<typeof createBackgroundRouter>;
