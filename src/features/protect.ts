/**
 * Protections as a kernel feature (src/protect/content.ts does the work): doxxing is a fact of the
 * verdict; after each verdict, lockdown, media shielding, the threat's evidence button and the pile-on
 * detector; the popup's lockdown panel asks this tab through the router.
 */
import type { TrackedItem } from '../scanner/item';
import { installProtect } from '../protect/content';
import type { Feature, Kernel } from '../kernel/kernel';

export async function protectFeature(kernel: Kernel, keep: (item: TrackedItem, then: () => void) => void): Promise<Feature> {
  const protect = await installProtect({
    items: kernel.items,
    listen: kernel.listen,
    isTrusted: kernel.isTrusted,
    active: kernel.active,
    reapply: kernel.reapply,
    keep,
  });
  return {
    facts: (item) => ({ doxxing: protect.ruleLabels(item).length > 0 }),
    onItem: (item) => protect.after(item),
    handlers: {
      'protect-status': () => protect.status(),
      'protect-lockdown': ({ on }) => protect.status(on),
    },
  };
}
