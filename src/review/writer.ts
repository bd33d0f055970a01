/**
 * Background side of the log: batches entries from all tabs and writes them to IndexedDB. Nothing
 * is dropped silently: when a write fails (quota exceeded, database broken or deleted under us),
 * entries stay queued in memory and in storage.session (survives the service worker sleeping),
 * the status (error + unsaved count) is published for the popup and the review page, and the write
 * is retried with back-off. Only if the in-memory queue is full (MAX_UNSAVED) are new entries
 * refused, and then they are counted in `dropped`, which the user sees too.
 */
import type { EntryInput, ReviewStatus } from './types';

export const FLUSH_DELAY_MS = 250;
export const MAX_BATCH_WRITE = 500;
export const MAX_UNSAVED = 20_000;
const MAX_RETRY_MS = 60_000;

export interface WriterDeps {
  write(batch: EntryInput[]): Promise<void>;
  /** Keep unsaved entries somewhere that outlives this worker (storage.session); best effort. */
  persistUnsaved(entries: EntryInput[]): Promise<void>;
  publishStatus(status: ReviewStatus): void;
  flushDelayMs?: number;
}

export function createLogWriter(deps: WriterDeps) {
  const queue: EntryInput[] = [];
  let dropped = 0;
  let lastError: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = 1000;
  let flushing: Promise<void> | null = null;

  const status = (): ReviewStatus => ({ error: lastError, unsaved: queue.length, dropped, at: Date.now() });

  function schedule(delay: number): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  async function flushOnce(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH_WRITE);
      try {
        await deps.write(batch);
      } catch (e) {
        lastError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        await deps.persistUnsaved(queue).catch(() => undefined);
        deps.publishStatus(status());
        schedule(retryMs);
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
        return;
      }
      queue.splice(0, batch.length);
      retryMs = 1000;
      const hadError = lastError !== null;
      lastError = null;
      if (hadError || queue.length === 0) {
        await deps.persistUnsaved(queue).catch(() => undefined);
        deps.publishStatus(status());
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushOnce().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return {
    add(entries: EntryInput[]): void {
      const room = MAX_UNSAVED - queue.length;
      if (entries.length > room) {
        dropped += entries.length - Math.max(0, room);
        deps.publishStatus(status());
      }
      queue.push(...entries.slice(0, Math.max(0, room)));
      if (lastError !== null) {
        // Storage is failing: keep the count she sees live and the queue safe now, not at the next retry.
        void deps.persistUnsaved(queue).catch(() => undefined);
        deps.publishStatus(status());
      }
      schedule(deps.flushDelayMs ?? FLUSH_DELAY_MS);
    },
    /** Write everything queued now (tests, shutdown). */
    flush,
    /** Retry right away (e.g. after she freed space or deleted the log). */
    retryNow(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      return flush();
    },
    /**
     * Forget everything queued and the failure state (erase-everything): waits for a write already
     * under way, so nothing reaches the log after this resolves unless it is added again.
     */
    async discard(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      queue.length = 0;
      dropped = 0;
      lastError = null;
      retryMs = 1000;
      await flushing?.catch(() => undefined);
    },
    status,
    pending: (): number => queue.length,
  };
}

export type LogWriter = ReturnType<typeof createLogWriter>;
