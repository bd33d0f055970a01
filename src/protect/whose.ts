/**
 * Whose reply is it, and whose data does it publish? The two questions the page side asks of every item,
 * as pure functions (tested in tests/unit/protect-whose.test.ts; wired in src/protect/content.ts).
 *
 * A reply is hers only when its author is exactly one of the accounts she listed for that platform. Her
 * private identifiers (name, city, employer, children's names) never make a reply hers: an impersonator
 * called "m4rie_dup0nt" or "lucas" is someone else, and what they publish about her is doxxing.
 */
import { isOwnAccount } from '../store/accounts';
import { handleKey } from '../platforms/handle';
import { doxxingOfHer, findDoxxing, looksLikeHer, type CompiledIdentifiers, type DoxxSpan } from './doxxing';

/** What the scanner read of one item. */
export interface ItemAuthor {
  platform: string;
  author: string | null;
  displayName: string | null;
  text: string;
}

export interface WhoseContext {
  /** Her private identifiers (compileIdentifiers). */
  identifiers: CompiledIdentifiers;
  /** Her own accounts (compileAccounts). */
  accounts: ReadonlySet<string>;
  /** The author of the page's own post (src/platforms/main-post.ts), when known. */
  threadOwner?: string | null;
}

/** Written by her: from one of the accounts she listed for this platform, exactly. */
export function isHers(item: ItemAuthor, ctx: Pick<WhoseContext, 'accounts'>): boolean {
  return isOwnAccount(ctx.accounts, item.author, item.platform);
}

/**
 * The spans of personal data about her that this item publishes (none in her own replies). `found` is
 * findDoxxing's answer on the item's text with her identifiers, when the caller already has it.
 */
export function doxxingIn(item: ItemAuthor, ctx: WhoseContext, found?: DoxxSpan[]): DoxxSpan[] {
  if (isHers(item, ctx)) return [];
  const spans = found ?? findDoxxing(item.text, { own: ctx.identifiers });
  if (spans.length === 0) return spans;
  const owner = handleKey(ctx.threadOwner);
  return doxxingOfHer(item.text, spans, {
    byThreadOwner: owner !== null && handleKey(item.author) === owner,
    impersonating: looksLikeHer(item.author, ctx.identifiers) || looksLikeHer(item.displayName, ctx.identifiers),
  });
}
