/**
 * Protections, content-script side (wired into entrypoints/content.ts with two hooks):
 *   - `ruleLabels(item)`: 'doxxing' when personal data about her is found (threshold-free: a span =
 *     flagged), generic patterns + her own identifiers, minus a business's or a page's own contact
 *     details (src/protect/whose.ts); works without the model. A reply is hers only when its author is
 *     one of the accounts she listed (exact handle): her identifiers never exempt anyone;
 *   - `after(item)`: called after each render; reads the item's state (what the shield wrote) and
 *     applies lockdown, media shielding, the threat evidence action, and feeds the raid detector.
 *
 * Simulated time for tests: the raid detector places each flagged item at its posted time when the
 * page shows one (`<time datetime>` inside the item, or created-timestamp), see src/protect/raid.ts.
 */
import type { TrackedItem } from '../scanner/item';
import type { ProtectStatus } from '../messaging/tab-protocol';
import { askBackground } from '../messaging/background-protocol';
import type { MutationListener } from '../scanner/dom-watch';
import { createRaidBanner } from './banner';
import { compileIdentifiers, type CompiledIdentifiers } from './doxxing';
import { createDoxxingLookup } from './doxxing-items';
import { isHers } from './whose';
import { compileAccounts } from '../store/accounts';
import { createThreadKeys } from './thread';
import { ensureThreatAction, installMediaListeners, itemPostedAt, MEDIA, PROTECT_CSS, setLockdownHidden, shieldMedia } from './dom';
import { itemOf, startShieldGuard, written } from '../shield/guard';
import { verdictOf, withShield } from '../shield/render';
import { addShadowCss } from '../shield/shadow-css';
import { isUiHost } from '../shield/ui-host';
import { saveRaidEvent } from './events';
import { hiddenByLockdown, mediaReason } from './policy';
import { createRaidDetector, type FlaggedObservation, type RaidEvent } from './raid';
import { protectStore, startProtectSync } from './settings';
import { t } from '../ui/i18n';
import { atPassEnd, timed } from '../scanner/busy';
import { createRateLimiter } from '../shield/trusted';

export interface ProtectHooks {
  items(): TrackedItem[];
  /** Every batch of the page's mutations, from the scanner's one DOM watcher. */
  listen(listener: MutationListener): void;
  /** Is this author on her trusted-accounts list? */
  isTrusted(author: string | null, platform: string): boolean;
  /** Is protection active on this page right now (master switch, pause, site)? */
  active(): boolean;
  /** Re-decide every item (her identifiers changed, so doxxing labels may change). */
  reapply(): void;
  /** Keep an item as evidence (pinned, confirmed to her), then run `then`. */
  keep(item: TrackedItem, then: () => void): void;
}

export interface Protect {
  ruleLabels(item: TrackedItem): 'doxxing'[];
  after(item: TrackedItem): void;
  /** What the popup shows about this tab ('protect-status'); with `lockdown`, her choice applied first. */
  status(lockdown?: boolean): ProtectStatus;
}

/** Lock / lift writes from the in-page banner allowed per second. */
const BANNER_WRITES_PER_SECOND = 3;
/** At most one "keep as evidence" per item, and one help tab, per this long. */
export const EVIDENCE_EVERY_MS = 5000;

/**
 * What a screen reader says on blurred media: the same words whatever the reason (hidden reply, an
 * account she does not trust, lockdown), since the page can read it.
 */
const mediaLabel = (): string => t('protect_media_blurred');

export async function installProtect(hooks: ProtectHooks): Promise<Protect> {
  await startProtectSync();
  const style = document.createElement('style');
  style.id = 'bouclier-protect-style';
  style.textContent = PROTECT_CSS;
  addShadowCss(PROTECT_CSS);
  (document.head ?? document.documentElement).append(style);
  installMediaListeners();
  startShieldGuard();

  let compiled: CompiledIdentifiers = compileIdentifiers(protectStore.getState().value.ownIdentifiers);
  let lastIds = protectStore.getState().value.ownIdentifiers;
  let lastAccounts = protectStore.getState().value.ownAccounts;
  let accounts = compileAccounts(lastAccounts);
  let spansOf = createDoxxingLookup(compiled, accounts);
  const ids = new WeakMap<Element, string>();
  /** Item of each element we rendered (for media added later). */
  const byEl = new WeakMap<Element, TrackedItem>();
  let nextId = 0;

  const threadKey = createThreadKeys();
  const isLocked = (key: string) => key in protectStore.getState().value.lockdowns;
  const anyLocked = (): boolean => {
    for (const _ in protectStore.getState().value.lockdowns) return true;
    return false;
  };

  // ---- raid ----------------------------------------------------------------------------------
  const detectedAt = new Map<string, number>();
  const pileOn: FlaggedObservation[] = [];
  const detector = createRaidDetector({
    config: () => protectStore.getState().value.raid,
    onRaid: (e, phase) => {
      if (phase === 'start') {
        detectedAt.set(e.id, Date.now());
        banner.resetDismissed();
      }
      persist(e);
      refreshBanner();
    },
  });

  // A burst of 500 replies is written a few times, not 500: the latest state of each event every 500 ms.
  const pending = new Map<string, RaidEvent>();
  let persistTimer: ReturnType<typeof setTimeout> | null = null;
  function persist(e: RaidEvent): void {
    pending.set(e.id, e);
    persistTimer ??= setTimeout(() => timed('raid log', () => {
      persistTimer = null;
      for (const ev of pending.values()) {
        const lockedAt = protectStore.getState().value.lockdowns[ev.threadKey] ?? null;
        void saveRaidEvent((prev) => ({
          ...ev,
          platform: hooks.items()[0]?.platform ?? location.hostname,
          pageUrl: location.href.split('#')[0]!,
          lockedAt: prev?.lockedAt ?? lockedAt,
          detectedAt: prev?.detectedAt ?? detectedAt.get(ev.id) ?? Date.now(),
        }));
      }
      pending.clear();
    }), 500);
  }

  function setLockdown(key: string, on: boolean): void {
    void protectStore
      .getState()
      .update((prev) => {
        const lockdowns = { ...prev.lockdowns };
        if (on) lockdowns[key] = Date.now();
        else delete lockdowns[key];
        return { ...prev, lockdowns };
      })
      .then(() => refreshBanner(true));
    const burst = detector.burst(key);
    if (on && burst) void saveRaidEvent((prev) => ({ ...(prev ?? { ...burst, platform: '', pageUrl: location.href, detectedAt: Date.now(), lockedAt: null }), lockedAt: Date.now() }));
  }

  // Lock and lift from the in-page banner write her settings: a few a second at most, whatever clicks.
  const bannerWrites = createRateLimiter(BANNER_WRITES_PER_SECOND, 1000);
  const banner = createRaidBanner({
    lockdown: () => {
      if (bannerWrites.take()) setLockdown(currentKey(), true);
    },
    lift: () => {
      if (bannerWrites.take()) setLockdown(currentKey(), false);
    },
    dismiss: () => undefined,
  });

  /** The thread this page is about: its DM inbox when it only shows DMs, else the page's thread. */
  function currentKey(): string {
    const items = hooks.items();
    const dmOnly = items.length > 0 && items.every((i) => i.kind === 'dm');
    return threadKey(dmOnly ? 'dm' : 'comment');
  }

  let bannerTimer: ReturnType<typeof setTimeout> | null = null;
  // Shown within 50 ms; while a pile-on keeps arriving, its counts are updated once a second (each
  // update re-lays out the banner, and hundreds of replies a minute would update it constantly).
  function refreshBanner(immediate = false): void {
    // Her own action (locking or lifting) shows at once, not at the next once-a-second update.
    if (immediate && bannerTimer) {
      clearTimeout(bannerTimer);
      bannerTimer = null;
    }
    bannerTimer ??= setTimeout(() => timed('banner', () => {
      bannerTimer = null;
      const key = currentKey();
      const burst = detector.burst(key);
      const locked = isLocked(key);
      const hidden = locked ? hooks.items().filter((i) => written(i.el, 'data-bouclier-lockdown') === 'hidden').length : 0;
      banner.render({
        raid: burst ? { count: burst.count, accounts: burst.accounts.length, startedAt: burst.startedAt } : null,
        locked,
        hiddenByLockdown: hidden,
      });
    }), immediate ? 0 : banner.element()?.isConnected ? 1000 : 50);
  }

  // ---- per item --------------------------------------------------------------------------------
  function itemId(item: TrackedItem): string {
    if (item.permalink) return item.permalink;
    let id = ids.get(item.el);
    if (!id) {
      id = `item-${nextId++}`;
      ids.set(item.el, id);
    }
    return id;
  }

  /** Written by her: its author is exactly one of the accounts she listed for this platform. */
  const isSelf = (item: TrackedItem): boolean => isHers(item, { accounts });

  /** Keeping the same item again within a few seconds adds nothing: it is in her log already. */
  const evidenceWrites = createRateLimiter(1, EVIDENCE_EVERY_MS);
  /** One help tab per few seconds from this page (the background limits it per tab as well). */
  const helpTabs = createRateLimiter(1, EVIDENCE_EVERY_MS);
  function captureAndHelp(item: TrackedItem): void {
    if (!evidenceWrites.take(itemId(item))) return;
    // Pinned (kept until she unpins it), confirmed on the page, then the reporting help.
    hooks.keep(item, () => {
      if (helpTabs.take()) void askBackground({ type: 'protect-open-help' });
    });
  }

  function after(item: TrackedItem): void {
    const el = item.el;
    byEl.set(el, item);
    const state = written(el, 'data-bouclier');
    const flagged = state === 'flagged' || state === 'revealed';
    const labels: readonly string[] = flagged ? (verdictOf(el)?.labels ?? []) : [];
    const on = hooks.active();
    // Which thread it is matters to a hidden item (pile-ons) and when she locked any thread down; for
    // the rest (most items) the page's URL is not even read.
    const key = (flagged && on) || anyLocked() ? threadKey(item.kind) : '';
    const locked = on && key !== '' && isLocked(key);
    // Most items are neither hidden nor in a locked thread nor a DM: whose they are changes nothing then.
    const quiet = !flagged && !locked && item.kind !== 'dm';
    const trusted = !quiet && hooks.isTrusted(item.author, item.platform);
    const facts = { kind: item.kind, flagged, trusted, self: !quiet && isSelf(item), locked };

    setLockdownHidden(el, item.textEls, hiddenByLockdown(facts));
    shieldMedia(el, on ? mediaReason(facts, protectStore.getState().value) : null, mediaLabel);

    // Threats and published personal data: keep it as evidence and get reporting help, in one click.
    if (flagged && (labels.includes('threat') || labels.includes('doxxing'))) {
      withShield(item, (shield) => ensureThreatAction(shield, t('protect_threat_evidence'), () => captureAndHelp(item)));
    }

    // A frame's flagged replies reach the detector together: the banner and the log hear once per frame.
    if (flagged && on && pileOn.push({ threadKey: key, itemId: itemId(item), author: item.author, at: itemPostedAt(el) }) === 1) {
      atPassEnd(() => detector.recordAll(pileOn.splice(0)));
    }
    refreshBanner();
  }

  protectStore.subscribe((s) => {
    if (s.value.ownIdentifiers !== lastIds || s.value.ownAccounts !== lastAccounts) {
      lastIds = s.value.ownIdentifiers;
      lastAccounts = s.value.ownAccounts;
      compiled = compileIdentifiers(lastIds);
      accounts = compileAccounts(lastAccounts);
      spansOf = createDoxxingLookup(compiled, accounts);
      hooks.reapply(); // renders every item again, which calls after()
      return;
    }
    for (const item of hooks.items()) after(item);
  });

  // Media added to an item after its verdict (lazy loading, re-render) gets the item's media policy at once:
  // the scanner does not re-render an item whose text did not change.
  hooks.listen((mutations) => timed('media watch', () => {
    const touched = new Set<TrackedItem>();
    for (const m of mutations) {
      // By index: a NodeList's iterator costs more than the look itself, for every comment of a thread.
      const added = m.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const n = added[i];
        // Our own labels hold no media of the page.
        if (!(n instanceof Element) || isUiHost(n) || !(n.matches(MEDIA) || n.querySelector(MEDIA))) continue;
        const owner = itemOf(n);
        const it = owner ? byEl.get(owner) : undefined;
        if (it) touched.add(it);
      }
    }
    for (const it of touched) after(it);
  }));

  /** The popup's view of this tab's thread; `lockdown` sets it first (her choice in the popup). */
  function status(lockdown?: boolean): ProtectStatus {
    const key = currentKey();
    if (lockdown !== undefined) setLockdown(key, lockdown);
    const burst = detector.burst(key);
    return {
      threadKey: key,
      locked: lockdown ?? isLocked(key),
      raid: burst ? { count: burst.count, accounts: burst.accounts.length, startedAt: burst.startedAt } : null,
    };
  }

  // A thread she locked down earlier stays locked when she comes back.
  refreshBanner();

  return {
    ruleLabels(item) {
      // Her own replies (from one of her listed accounts) never count as doxxing her.
      if (!hooks.active() || isSelf(item)) return [];
      return spansOf(item).length > 0 ? ['doxxing'] : [];
    },
    after,
    status,
  };
}
