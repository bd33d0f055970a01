/**
 * The content script's one message listener: requests from the extension's own pages and background
 * (never from web pages, which cannot reach it), validated (parseTabRequest) and handed to the one
 * handler registered for their type. Features register their handlers (src/kernel/kernel.ts `use`, src/features/).
 */
import { browser } from 'wxt/browser';
import { parseTabRequest, type RequestOf, type TabReplies, type TabRequestType } from '../messaging/tab-protocol';

export type TabHandler<T extends TabRequestType> = (request: RequestOf<T>) => TabReplies[T] | Promise<TabReplies[T]>;
export type TabHandlers = { [T in TabRequestType]?: TabHandler<T> };

export function createTabRouter() {
  const handlers: TabHandlers = {};

  function handle<T extends TabRequestType>(request: RequestOf<T>): TabReplies[T] | Promise<TabReplies[T]> | undefined {
    const h = handlers[request.type] as TabHandler<T> | undefined;
    return h?.(request);
  }

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Our extension's pages and background only. Web pages cannot message a content script at all, and
    // content scripts cannot message each other; a sender URL, when given, must be one of ours.
    if (sender.id !== browser.runtime.id || (sender.url !== undefined && !sender.url.startsWith(browser.runtime.getURL('/' as never)))) return false;
    const request = parseTabRequest(raw);
    if (!request) return false;
    const reply = handle(request);
    if (reply === undefined) return false;
    if (!(reply instanceof Promise)) {
      sendResponse(reply);
      return false;
    }
    reply.then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: String(e) }));
    return true;
  });

  return {
    /** Answer `type` with `handler` (one handler per type: a second registration is a wiring error). */
    on<T extends TabRequestType>(type: T, handler: TabHandler<T>): void {
      if (handlers[type]) throw new Error(`two handlers for ${type}`);
      (handlers as Record<string, unknown>)[type] = handler;
    },
    /** Register several at once (a feature's handlers). */
    onAll(more: TabHandlers): void {
      for (const [type, handler] of Object.entries(more)) if (handler) this.on(type as TabRequestType, handler as TabHandler<TabRequestType>);
    },
  };
}

export type TabRouter = ReturnType<typeof createTabRouter>;
