/**
 * Which adapter rules apply to the page now: by path (SPA navigation), by markup for platforms on
 * arbitrary domains (Mastodon), and the generic fallback once no adapter item appeared.
 */
import type { ItemRule, PlatformAdapter } from '../platforms/types';
import { FALLBACK_RULE, fallbackSkips } from './fallback';
import { mainPostFinder } from '../platforms/main-post';

export interface Rule {
  rule: ItemRule;
  platform: string;
  selector: string;
  /** rule.path compiled once (rules are re-checked at every scan slice, for SPA navigation). */
  pathRe?: RegExp;
  /** For platforms on arbitrary domains (Mastodon): the rule applies only when this marker is in the page. */
  detect?: string;
  /** Elements this rule must not take although they match (the fallback: the page's own post). */
  skip?(el: Element): boolean;
}

export function createRuleSet(adapters: PlatformAdapter[]) {
  const rules: Rule[] = [];
  for (const a of adapters) {
    for (const rule of a.rules) rules.push({
        rule,
        platform: a.id,
        selector: rule.item.join(','),
        pathRe: rule.path ? new RegExp(rule.path) : undefined,
        detect: a.detect,
      });
  }
  let usingFallback = false;
  /**
   * The rules for this page now. Asked at every reading slice and mutation callback (hundreds during a
   * burst), so the answer is kept until the path changes (SPA navigation), the fallback starts, or a
   * platform recognised by its markup (Mastodon) shows it: once seen, that markup is taken as there.
   */
  let activeMemo: { path: string; fallback: boolean; rules: Rule[] } | null = null;
  const detected = new Set<string>();
  const mainPost = mainPostFinder(adapters);
  const fallbackRule: Rule = {
    rule: FALLBACK_RULE,
    platform: 'fallback',
    selector: FALLBACK_RULE.item.join(','),
    skip: (el) => fallbackSkips(el, mainPost()?.el ?? null),
  };
  function active(): Rule[] {
    const path = location.pathname;
    if (activeMemo && activeMemo.path === path && activeMemo.fallback === usingFallback) return activeMemo.rules;
    let pendingDetection = false;
    const now = rules.filter((r) => {
      if (r.pathRe && !r.pathRe.test(path)) return false;
      if (!r.detect || detected.has(r.detect)) return true;
      if (document.querySelector(r.detect) === null) {
        pendingDetection = true;
        return false;
      }
      detected.add(r.detect);
      return true;
    });
    if (usingFallback) now.push(fallbackRule);
    // A page whose platform markup has not shown yet is asked again next time.
    activeMemo = pendingDetection ? null : { path, fallback: usingFallback, rules: now };
    return now;
  }
  return {
    active,
    useFallback(): void {
      usingFallback = true;
    },
    usingFallback: (): boolean => usingFallback,
  };
}

export type RuleSet = ReturnType<typeof createRuleSet>;

/**
 * The item (matching `selector`) that `el` belongs to: its nearest ancestor, looking through shadow
 * roots to their hosts (a Reddit chat event keeps its text in its own shadow root).
 */
export function ownerItem(el: Element, selector: string): HTMLElement | null {
  let at: Element | null = el;
  while (at) {
    const owner = at.closest<HTMLElement>(selector);
    if (owner) return owner;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}
