/**
 * What her label's menu does for one hidden item, each applied at once in every open tab (through
 * her stored lists and corrections, which every tab follows) and each undoable from the confirmation:
 *   Not abuse          an allow correction + her feedback on the record (review-not-abuse)
 *   Trust this account / Mute this account   her account lists
 *   Keep as evidence   the record pinned: exempt from retention and deletion (review-pin)
 * Rate-limited like every in-page control that changes what she keeps.
 */
import type { TrackedItem } from '../scanner/item';
import type { MenuEntry } from '../shield/item-menu';
import { showToast } from '../shield/toast';
import { createRateLimiter } from '../shield/trusted';
import { verdictOf } from '../shield/render';
import { listsStore, withAccount } from '../store/lists';
import { entryFor, sendNotAbuse, sendPin } from '../review/client';
import { captureRect, itemEvidence } from '../review/item-evidence';
import type { ReviewActionReply } from '../review/messages';
import { t } from '../ui/i18n';
import { options as renderOptions } from '../shield/render';
import type { Feature, Kernel } from '../kernel/kernel';

/** Menu actions per second from one page (her clicks are trusted; a flood that looks like hers is not). */
const ACTIONS_PER_SECOND = 3;

export function createItemActions() {
  const limit = createRateLimiter(ACTIONS_PER_SECOND, 1000);

  const entry = (item: TrackedItem) => {
    const shown = verdictOf(item.el);
    return entryFor(item, shown?.labels ?? [], shown?.action ?? 'blur', 'model', itemEvidence(item));
  };
  const ok = (reply: ReviewActionReply): void => {
    if (!reply.ok) throw new Error(reply.error);
  };

  async function setListed(item: TrackedItem, kind: 'trustedAccounts' | 'mutedAccounts', listed: boolean): Promise<void> {
    const author = item.author;
    if (!author) return;
    await listsStore.getState().update((prev) => withAccount(prev, kind, author, item.platform, listed));
  }

  /** `run` resolves to the confirmation she reads (`done` unless it says more). */
  function act(done: string, run: () => Promise<string | void>, undo: () => Promise<void>): void {
    if (!limit.take()) return showToast(t('toast_too_fast'));
    run().then(
      (said) => showToast(said || done, undo),
      () => showToast(t('toast_failed')),
    );
  }

  /**
   * Keep an item as evidence (the label's menu, the threat's own button, the context menu): pinned with
   * a picture of it in its context when the browser allows one (src/review/capture.ts), confirmed,
   * undoable.
   */
  function keep(item: TrackedItem, then?: () => void): void {
    act(
      t('toast_kept'),
      async () => {
        const reply = await sendPin(entry(item), true, captureRect(item.el));
        ok(reply);
        then?.();
        return reply.ok && reply.screenshot === false ? t('toast_kept_no_picture') : t('toast_kept');
      },
      async () => ok(await sendPin(entry(item), false)),
    );
  }

  /** The menu for an item: trust and mute only when the page names its author. */
  function menuFor(item: TrackedItem): MenuEntry[] {
    const who = item.author ? `@${item.author.replace(/^@+/, '')}` : '';
    const entries: MenuEntry[] = [
      {
        id: 'not-abuse',
        label: t('menu_not_abuse'),
        run: () =>
          act(
            t('toast_not_abuse'),
            async () => ok(await sendNotAbuse(entry(item))),
            async () => ok(await sendNotAbuse(entry(item), { undo: true })),
          ),
      },
    ];
    if (item.author) {
      entries.push(
        {
          id: 'trust',
          label: t('menu_trust'),
          run: () => act(t('toast_trusted', [who]), () => setListed(item, 'trustedAccounts', true), () => setListed(item, 'trustedAccounts', false)),
        },
        {
          id: 'mute',
          label: t('menu_mute'),
          run: () => act(t('toast_muted', [who]), () => setListed(item, 'mutedAccounts', true), () => setListed(item, 'mutedAccounts', false)),
        },
      );
    }
    entries.push({ id: 'keep', label: t('menu_keep'), run: () => keep(item) });
    return entries;
  }

  return { menuFor, keep };
}

/** The label menu as a kernel feature: each label the shield builds gets the menu for its item. */
export function itemMenuFeature(kernel: Kernel, actions: ReturnType<typeof createItemActions>): Feature {
  renderOptions.menuFor = (target) => {
    const item = kernel.item(target.el);
    return item ? actions.menuFor(item) : [];
  };
  return {};
}
