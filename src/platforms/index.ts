import type { PlatformAdapter } from './types';
import { bluesky } from './bluesky';
import { facebook } from './facebook';
import { instagram } from './instagram';
import { linkedin } from './linkedin';
import { mastodon } from './mastodon';
import { reddit } from './reddit';
import { threads } from './threads';
import { tiktok } from './tiktok';
import { twitch } from './twitch';
import { x } from './x';
import { youtube } from './youtube';

/** Every platform adapter, one file each. The scanner tries those whose hosts match the page. */
export const ADAPTERS: PlatformAdapter[] = [
  x,
  reddit,
  youtube,
  instagram,
  facebook,
  tiktok,
  bluesky,
  mastodon,
  twitch,
  linkedin,
  threads,
];

/** Adapters for a hostname (exact host or `*.domain` patterns). */
export function adaptersForHost(hostname: string): PlatformAdapter[] {
  return ADAPTERS.filter((a) =>
    a.hosts.some((h) => (h.startsWith('*.') ? hostname === h.slice(2) || hostname.endsWith(h.slice(1)) : hostname === h)),
  );
}

/** Adapters detected by markup (platforms on arbitrary domains, i.e. Mastodon instances). */
export function adaptersDetectedIn(doc: Document): PlatformAdapter[] {
  return ADAPTERS.filter((a) => a.detect !== undefined && doc.querySelector(a.detect) !== null);
}
