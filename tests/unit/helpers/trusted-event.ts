/**
 * jsdom marks every event a script dispatches as untrusted (isTrusted false), as browsers do, and has
 * no public way to send a trusted one. Her own clicks and keys are simulated through jsdom's internal
 * dispatch, which keeps the flag: tests of "page script cannot, she can".
 */
type Impl = { isTrusted: boolean; _dispatch(e: Impl): boolean };

function implOf(wrapper: object): Impl {
  const sym = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === 'impl');
  if (!sym) throw new Error('not a jsdom object');
  return (wrapper as Record<symbol, Impl>)[sym]!;
}

/** Dispatch `event` on `target` as the browser would for a real user action (isTrusted true). */
export function dispatchTrusted(target: EventTarget, event: Event): boolean {
  const e = implOf(event);
  e.isTrusted = true;
  return implOf(target)._dispatch(e);
}

export const trustedClick = (target: EventTarget, init: MouseEventInit = {}): boolean =>
  dispatchTrusted(target, new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ...init }));
