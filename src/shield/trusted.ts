/**
 * The page Bouclier runs in may be written by the people attacking her. Its scripts can reach our
 * buttons (open shadow roots) and call `.click()` or dispatch events on them: only events the browser
 * marks as trusted (her mouse, keyboard or assistive tech) may act. And what opens tabs or changes her
 * settings is rate-limited, so even a flood that looks like hers cannot open tab after tab.
 */

/** Listen for her own clicks only (Enter/Space on a focused button are trusted clicks too). */
export function onTrustedClick(el: EventTarget, handler: (e: MouseEvent) => void): void {
  onTrustedClickIn(el, () => handler);
}

/**
 * onTrustedClick for several controls of one container with one listener (a thread has hundreds of
 * labels): `handlerFor` names the action of the control clicked, or null for anything else, which is
 * left alone.
 */
export function onTrustedClickIn(container: EventTarget, handlerFor: (target: EventTarget | null) => ((e: MouseEvent) => void) | null): void {
  container.addEventListener('click', (e) => {
    const handler = handlerFor(e.target);
    if (!handler) return;
    // Stopped either way: a synthetic click on our control must not reach the platform's handlers as a click on the comment.
    e.preventDefault();
    e.stopPropagation();
    if (e.isTrusted) handler(e as MouseEvent);
  });
}

export interface RateLimiter {
  /** True (and counted) when one more action under `key` is allowed now. */
  take(key?: string | number): boolean;
}

/** At most `max` actions per `windowMs` for each key (sliding window). */
export function createRateLimiter(max: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const recent = new Map<string | number, number[]>();
  return {
    take(key = '') {
      const t = now();
      const kept = (recent.get(key) ?? []).filter((at) => t - at < windowMs);
      if (kept.length >= max) {
        recent.set(key, kept);
        return false;
      }
      kept.push(t);
      recent.set(key, kept);
      // Forget keys that have gone quiet (closed tabs), so the map does not grow for ever.
      if (recent.size > 256) for (const [k, v] of recent) if (v.every((at) => t - at >= windowMs)) recent.delete(k);
      return true;
    },
  };
}
