/**
 * The content script's own start, for bench:page (read back through busyStats()). Imported first by
 * entrypoints/content.ts: ES modules run in import order, so this one runs before every other module's
 * top-level code and its clock starts with the script (the browser's parse and compile of the bundle
 * come before it and are not counted).
 *
 *  - start: from here to the end of the script's synchronous run, i.e. every module's top-level code and
 *    main() up to its first `await` — what holds the page at `document_start`;
 *  - ready: from here to the end of main() (her settings and lists loaded, everything wired), wall clock:
 *    it includes waiting for storage and the page's own tasks in between.
 */
import { noteStart } from './busy';

const evaluatedAt = performance.now();
let startMs = NaN;

// Queued first, so it runs first once the script's synchronous run is over (main() waiting for storage).
queueMicrotask(() => {
  startMs = performance.now() - evaluatedAt;
  noteStart({ startMs, readyMs: NaN });
});

/** main() is done: everything is wired. */
export function startReady(): void {
  noteStart({ startMs, readyMs: performance.now() - evaluatedAt });
}
