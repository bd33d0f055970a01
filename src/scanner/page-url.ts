/**
 * The page's URL, read cheaply. Asking `location` from a content script builds a new string each time,
 * and a 2,000-comment thread asked it several times per comment (permalinks, thread keys, review log).
 *  - the origin cannot change during a document's life: read once (per Location object: tests swap it);
 *  - the href changes with SPA navigation, but never inside one task: read once per task.
 */
let originOf: Location | null = null;
let origin = '';

export function pageOrigin(): string {
  if (originOf !== location) {
    originOf = location;
    origin = location.origin;
  }
  return origin;
}

let href: string | null = null;

export function pageHref(): string {
  if (href === null) {
    href = location.href;
    // Forget it when this task (and its microtasks) ends: the next task may run after a navigation.
    queueMicrotask(() => {
      href = null;
    });
  }
  return href;
}
