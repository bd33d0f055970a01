/**
 * The page's URL, read cheaply. Asking `location` from a content script costs more than reading a
 * comment's attribute, and a 2,000-comment thread asked it several times per comment (permalinks,
 * thread keys, review log). It cannot change inside one callback of ours (no page script runs until it
 * returns, and we never navigate), so it is read once per callback (busy.ts passMemo); outside our
 * callbacks (tests) each call reads it.
 */
import { passMemo } from './busy';

const originNow = passMemo<0, string>();
const hrefNow = passMemo<0, string>();
const pathNow = passMemo<0, string>();

export function pageOrigin(): string {
  return originNow.get(0, () => location.origin);
}

export function pageHref(): string {
  return hrefNow.get(0, () => location.href);
}

export function pagePath(): string {
  return pathNow.get(0, () => location.pathname);
}
