/**
 * Which thread an item belongs to (lockdowns and pile-ons are per thread) and who wrote the page's own
 * post (a business answering under its own post is not doxxing itself). Both asked for every item, so
 * each is computed once per page URL or per platform.
 */
import { mainPostFinder } from '../platforms/main-post';
import { ADAPTERS } from '../platforms';
import { pageHref } from '../scanner/page-url';
import { threadKeyFor } from './raid';

/** The thread key of this page for comments or for DMs, parsed once per URL. */
export function createThreadKeys(): (kind: 'comment' | 'dm') => string {
  let keyedHref = '';
  const keyByKind = { comment: '', dm: '' };
  return (kind) => {
    const href = pageHref();
    if (href !== keyedHref) {
      keyedHref = href;
      keyByKind.comment = threadKeyFor(keyedHref, 'comment');
      keyByKind.dm = threadKeyFor(keyedHref, 'dm');
    }
    return keyByKind[kind];
  };
}

/** The author of the page's own post on this platform, if the page shows one. */
export function createThreadOwner(): (platform: string) => string | null {
  const mainPosts = new Map<string, () => { author: string | null } | null>();
  return (platform) => {
    let find = mainPosts.get(platform);
    if (!find) {
      find = mainPostFinder(ADAPTERS.filter((a) => a.id === platform));
      mainPosts.set(platform, find);
    }
    return find()?.author ?? null;
  };
}
