/**
 * What lockdown and media shielding do to one item, as pure functions of facts about it (tested in
 * tests/unit/protect-policy.test.ts; the DOM side is src/protect/dom.ts).
 */

export interface ItemFacts {
  kind: 'comment' | 'dm';
  /** Flagged by the model or her rules (state flagged or revealed). */
  flagged: boolean;
  /** On her trusted-accounts list. */
  trusted: boolean;
  /** Written by her (the author handle is one of her own identifiers). */
  self: boolean;
  /** Her lockdown is on for this item's thread (or DM inbox). */
  locked: boolean;
}

export interface MediaPrefs {
  blurDmRequestMedia: boolean;
  blurMediaInLockdown: boolean;
}

/** Lockdown hides every item whose author she does not trust (unknown authors included), never her own. */
export function hiddenByLockdown(f: ItemFacts): boolean {
  return f.locked && !f.trusted && !f.self;
}

export type MediaReason = 'flagged' | 'dm_request' | 'lockdown';

/**
 * Why the item's images/videos must be blurred (click to reveal, no autoplay), or null:
 * - inside a flagged item, always;
 * - in a DM from an account she does not trust (a message request), if `blurDmRequestMedia` (default on);
 * - in every reply of a locked-down thread, trusted or not, if `blurMediaInLockdown` (default on).
 */
export function mediaReason(f: ItemFacts, prefs: MediaPrefs): MediaReason | null {
  if (f.flagged) return 'flagged';
  if (f.kind === 'dm' && !f.trusted && !f.self && prefs.blurDmRequestMedia) return 'dm_request';
  if (f.locked && prefs.blurMediaInLockdown && !f.self) return 'lockdown';
  return null;
}
