/**
 * Content script: the kernel (src/kernel/kernel.ts: one scanner, one verdict path, one shield, one
 * message router) with the features that register on it. Runs at document_start so items are seen as
 * soon as they are inserted, before she reads them.
 */
import { startReady } from '@/src/scanner/start-clock'; // first: its clock starts before the other modules run
import { SUPPORTED_HOST_PERMISSIONS } from '@/src/platforms/hosts';
import { createKernel } from '@/src/kernel/kernel';
import { createItemActions, itemMenuFeature } from '@/src/features/item-actions';
import { reviewFeature } from '@/src/features/review';
import { protectFeature } from '@/src/features/protect';

export default defineContentScript({
  matches: SUPPORTED_HOST_PERMISSIONS,
  runAt: 'document_start',
  allFrames: false,
  async main() {
    // Injected again by the popup on a site she just enabled: run once per page.
    const flags = globalThis as { __bouclierRunning?: boolean };
    if (flags.__bouclierRunning) return;
    flags.__bouclierRunning = true;

    // Reading and classifying start at once; nothing is shown before her settings and every feature are in.
    const kernel = createKernel(location.hostname);
    await kernel.loadSettings();

    // Each label's menu: not abuse, trust or mute the author, keep as evidence.
    const actions = createItemActions();
    kernel.use(itemMenuFeature(kernel, actions));
    // Every hidden item logged for review; her context-menu choices (abusive, keep as evidence).
    kernel.use(reviewFeature(kernel, (item) => actions.keep(item)));
    // Doxxing, lockdown, media shielding, threat evidence, pile-ons.
    kernel.use(await protectFeature(kernel, actions.keep));

    await kernel.go();
    startReady();
  },
});
