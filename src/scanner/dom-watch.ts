/**
 * The one DOM watcher of the content script: a single MutationObserver over the document and every open
 * shadow root the adapters name (nested at any depth). It notes what changed (`dirty`) for the scanner
 * and hands every batch of mutations to the other listeners (media added to an item, src/protect), so
 * the page's changes are observed once, not once per feature.
 */
import { timed } from './busy';
import { reportLater } from './tasks';
import { isUiHost } from '../shield/ui-host';

export type MutationListener = (mutations: MutationRecord[]) => void;

export interface DomWatchOptions {
  /** Adapters' shadow hosts (Reddit chat: rs-app, rs-room, …): their open roots are watched too. */
  shadowHosts: string[];
  /** Something changed (dirty is not empty): called in the mutation callback itself. */
  onMutations(): void;
  /** Shadow roots were opened (their content is dirty): read them soon. */
  onRoots(): void;
  /** The page removed nodes (items may have left it): called first, before any other callback of ours. */
  onRemoved?(): void;
}

export function createDomWatch(o: DomWatchOptions) {
  /** Nodes changed since they were last read: added subtrees, re-rendered text, opened shadow roots. */
  const dirty = new Set<Node>();
  const observed = new WeakSet<Node>();
  const listeners: MutationListener[] = [];
  const hostSelector = [...new Set(o.shadowHosts)].join(',');

  function observe(root: Node): void {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  const observer = new MutationObserver((mutations) => {
    timed('observer', () => {
      const newHosts: Element[] = [];
      // A thread appends its comments to one container: whether it lies in our UI is asked once per
      // target, and only when the change holds something of the page's (not for our own label put in).
      let lastTarget: Node | null = null;
      let inOurUi = false;
      const inUi = (target: Node): boolean => {
        if (target !== lastTarget) {
          lastTarget = target;
          inOurUi = !!(target as Element).closest?.('[data-bouclier-ui]');
        }
        return inOurUi;
      };
      for (const m of mutations) {
        if (m.type === 'characterData') {
          if (m.target.parentElement) dirty.add(m.target.parentElement);
          continue;
        }
        if (m.removedNodes.length > 0) o.onRemoved?.();
        let structural = false;
        const added = m.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const n = added[i]!;
          if (isUiHost(n)) continue;
          if (!structural && inUi(m.target)) break;
          dirty.add(n);
          structural = true;
          if (hostSelector && n.nodeType === Node.ELEMENT_NODE) newHosts.push(n as Element);
        }
        // Text nodes replaced inside an item (framework re-render): re-read the item.
        if (!structural && m.removedNodes.length > 0 && !inUi(m.target)) dirty.add(m.target);
      }
      if (newHosts.length > 0) openShadowRoots(newHosts);
      if (dirty.size > 0) o.onMutations();
    });
    // Outside the scanner's time: each listener counts its own (busy.ts counts nested calls once).
    for (const listen of listeners) {
      try {
        listen(mutations);
      } catch (e) {
        reportLater(e);
      }
    }
  });

  /**
   * Hosts found without a shadow root yet (it is attached when the host's element is defined): looked at
   * again periodically. Hosts added later are seen by the observer, in the document or in a root we watch.
   */
  const rootless = new Set<Element>();
  /** Each root found is observed and marked dirty, then searched for further hosts. */
  function openShadowRoots(from: (Document | ShadowRoot | Element)[]): void {
    const queue = [...from];
    for (let i = 0; i < queue.length; i++) {
      const scope = queue[i]!;
      const self = scope instanceof Element && scope.matches(hostSelector);
      // Most added nodes hold no host: one look, without building a list for each.
      if (!self && !scope.querySelector(hostSelector)) continue;
      const hosts = self ? [scope, ...scope.querySelectorAll(hostSelector)] : scope.querySelectorAll(hostSelector);
      for (const host of hosts) {
        const root = host.shadowRoot;
        if (!root) {
          rootless.add(host);
          continue;
        }
        rootless.delete(host);
        if (observed.has(root)) continue;
        observe(root);
        dirty.add(root);
        queue.push(root);
      }
    }
    if (dirty.size > 0) o.onRoots();
  }
  /** Periodic pass over the hosts still without a root (those removed from the page are forgotten). */
  function rootsAttached(): void {
    const now: Element[] = [];
    for (const host of rootless) {
      if (!host.isConnected) rootless.delete(host);
      else if (host.shadowRoot) now.push(host);
    }
    if (now.length > 0) openShadowRoots(now);
  }

  return {
    dirty,
    /** Watch one more root (an item whose text lives in its own shadow root). */
    observe,
    start(): void {
      observe(document);
      dirty.add(document);
      if (hostSelector) {
        openShadowRoots([document]);
        setInterval(() => rootless.size > 0 && timed('shadow roots', rootsAttached), 1000);
      }
    },
    /** Also hand every batch of mutations to `listen` (after the scanner has taken what it needs). */
    listen(listen: MutationListener): void {
      listeners.push(listen);
    },
  };
}

export type DomWatch = ReturnType<typeof createDomWatch>;
