/**
 * What Bouclier knows about one platform's markup. Adapters are mostly data: ordered selector
 * lists (first match wins) so that when a site changes its markup, fixing it means editing one
 * small file. Prefer stable markers (data-testid, custom elements, attributes, aria roles) over
 * hashed class names.
 */
export type ItemKind = 'comment' | 'dm';

export interface ItemRule {
  /** Which kind of item this rule finds. */
  kind: ItemKind;
  /** Selectors for the item container (the element that gets `data-bouclier`). */
  item: string[];
  /** Selectors, relative to the item, for the element(s) holding the message text. First that matches wins. */
  text: string[];
  /** Selectors for the author handle, relative to the item. */
  author?: string[];
  /**
   * Attribute on the item or on the matched author element holding the handle
   * (e.g. shreddit-comment[author]); when absent the element's text/href is used.
   */
  authorAttr?: string;
  /**
   * Selectors, relative to the item, for the author's display name (the shown name, e.g. "Camille
   * Durand", next to the handle @camille_dlt); read as text. Kept with abuse as evidence.
   */
  displayName?: string[];
  /** Selectors for a link to the item's permalink, relative to the item. */
  permalink?: string[];
  /** Attribute on the item holding the permalink (e.g. shreddit-comment[permalink]). */
  permalinkAttr?: string;
  /** Restrict the rule to URL paths matching this regexp source (e.g. DMs only under /messages). */
  path?: string;
  /** Items that are the page's own post (not a reply to her) may be skipped with this selector. */
  exclude?: string[];
}

/**
 * How to find the conversation's main post (the page's own post, e.g. the tweet of an X status page or
 * the submission of a Reddit thread) from the page URL: the first `item` whose permalink carries the
 * same post id as the page. Its author is the thread's owner (a page answering under its own post
 * publishes its own contact details, not hers), and the generic fallback never scans it.
 */
export interface MainPostRule {
  /** Regexp source with one capture group, the post id, matched on the page path and on the permalink. */
  path: string;
  /** Candidate containers, in document order. */
  item: string[];
  /** Attribute on the candidate holding its permalink. */
  permalinkAttr?: string;
  /** Selectors, relative to the candidate, for links to its permalink (every match is tried). */
  permalink?: string[];
  /** As in ItemRule: attribute on the candidate (or on the author element) holding the handle. */
  authorAttr?: string;
  /** Selectors, relative to the candidate, for its author's handle (first match). */
  author?: string[];
}

/**
 * Where the post an item answers shows on the page (evidence of context, read by src/review/item-evidence.ts).
 * Only where the markup says it: a nested reply inside its comment, a comment under the page's own post.
 */
export interface ParentRule {
  /**
   * 'enclosing': inside the item's nearest ancestor matching `within` (a reply nested in its comment, or
   * the thread element grouping a comment and its replies); 'main': the page's own post (`mainPost`),
   * for items that come after it; 'page': an element of the page (the video of a watch page).
   */
  from: 'enclosing' | 'main' | 'page';
  /** For 'enclosing': the ancestor, nearest first (searched from the item's parent element). */
  within?: string[];
  /**
   * The post element: for 'enclosing', relative to that ancestor (`:scope` = the ancestor itself); for
   * 'main', what the main post must match for this recipe; for 'page', selectors in the document.
   */
  post: string[];
  /** As in ItemRule, relative to the post: its author (attribute on the post first), permalink, text. */
  author?: string[];
  authorAttr?: string;
  permalink?: string[];
  permalinkAttr?: string;
  text?: string[];
  /** Attribute on the post holding its text (e.g. shreddit-post[post-title]), tried before `text`. */
  textAttr?: string;
}

export interface ContextRule {
  /** The post it answers, recipes tried in order (first that finds a post wins). */
  parent?: ParentRule[];
  /**
   * Selectors, relative to the item, for links naming the account it answers ("Replying to @handle").
   * A link counts only when its text is "@" + the handle of its href (never the author's name link or a
   * mention inside the text, which the selectors exclude). Without one, the target is the parent's author.
   */
  target?: string[];
}

export interface PlatformAdapter {
  /** Stable id used in settings, logs and tests (e.g. "reddit"). */
  id: string;
  /** Human name shown in the UI. */
  name: string;
  /** Hostnames this adapter serves (exact or `*.domain`). Mastodon is detected by markup instead. */
  hosts: string[];
  /** Optional DOM test for platforms on arbitrary domains (Mastodon instances). */
  detect?: string;
  /** Item rules, tried in order. */
  rules: ItemRule[];
  /** Elements whose shadow roots must be searched (platforms built on web components). */
  shadowHosts?: string[];
  /** Where conversation lives on the page, for the generic fallback when no rule matches. */
  conversationRoot?: string[];
  /** The page's own post, where the platform shows one (see MainPostRule). */
  mainPost?: MainPostRule[];
  /** The post a comment answers and the account it is aimed at, where the markup shows them. */
  context?: ContextRule;
}
