/** Sharing the page's main thread: yielding between slices, and errors that must not stop a loop. */

/**
 * Yield to the page: a new task, so input and frames go first. A MessageChannel task, not
 * setTimeout(0), which browsers clamp to ≥ 4 ms once nested: the loop would then idle half the time.
 */
const yieldChannel = new MessageChannel();
const yielded: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yielded.shift()?.();

export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    yielded.push(resolve);
    yieldChannel.port2.postMessage(null);
  });

/** One odd item (or a bug) must not stop the loops that protect the rest of the page: report it in the console. */
export function reportLater(e: unknown): void {
  queueMicrotask(() => {
    throw e;
  });
}

/** `p`, or a rejection when it takes longer than `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The classifier did not answer in time')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
