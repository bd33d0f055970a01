/**
 * Her own accounts: the one answer to "is this reply hers?". A (platform, handle) pair she entered in the
 * options page, compared EXACTLY with the author the platform's adapter reads (same cleaning, lower-case):
 * a look-alike ("m4rie_dup0nt", "marie_dupont2") or a name she listed as private ("Lucas") is someone
 * else. Kept with her protections in browser.storage.local (src/protect/settings.ts), never synced.
 */
import { cleanHandle, handleKey } from '../platforms/handle';

export interface OwnAccount {
  /** Adapter id (src/platforms/<id>.ts), e.g. "x", "reddit". */
  platform: string;
  /** As the platform shows it, without "@" or the profile URL around it, e.g. "Marie_Dupont". */
  handle: string;
}

export const MAX_ACCOUNTS = 100;
const PLATFORM_ID = /^[a-z0-9-]{1,40}$/;

/** Clean and de-duplicate accounts read from storage or a file; never throws. */
export function repairAccounts(raw: unknown): OwnAccount[] {
  if (!Array.isArray(raw)) return [];
  const out: OwnAccount[] = [];
  const seen = new Set<string>();
  for (const e of raw) {
    if (typeof e !== 'object' || e === null) continue;
    const r = e as Record<string, unknown>;
    if (typeof r.platform !== 'string' || !PLATFORM_ID.test(r.platform) || typeof r.handle !== 'string') continue;
    const handle = cleanHandle(r.handle.slice(0, 300));
    if (!handle) continue;
    const key = accountKey(r.platform, handle);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ platform: r.platform, handle });
    if (out.length >= MAX_ACCOUNTS) break;
  }
  return out;
}

function accountKey(platform: string, handle: string): string {
  return `${platform}\u0000${handleKey(handle) ?? ''}`;
}

/** Her accounts as a set of keys, for a check per reply. */
export function compileAccounts(accounts: readonly OwnAccount[]): ReadonlySet<string> {
  return new Set(accounts.map((a) => accountKey(a.platform, a.handle)));
}

/** Is this author, on this platform, one of her accounts? Exact match only. */
export function isOwnAccount(compiled: ReadonlySet<string>, author: string | null | undefined, platform: string): boolean {
  if (compiled.size === 0) return false; // asked for every item; most people list none
  const key = handleKey(author);
  return key !== null && compiled.has(`${platform}\u0000${key}`);
}
