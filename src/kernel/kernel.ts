/**
 * The content script's kernel. One page, one of each:
 *
 *   DOM ──▶ scanner (src/scanner: one watcher, reader, batcher ──port──▶ classifier host)
 *              │ items, scores
 *              ▼
 *           verdict (src/verdict: her rules, features' facts, model, corrections → action, reason)
 *              │
 *              ▼
 *           shield (src/shield/render: marks, closed-root labels)  ──▶ features' onItem
 *                                                                      (protect, review log, …)
 *   extension pages / background ──▶ tab router ──▶ features' handlers (stats, lockdown, mark-abusive)
 *
 * Features register what they add ({facts, onItem, handlers}); the kernel owns reading, deciding and
 * rendering. Nothing is rendered before her settings, lists, corrections and protections are loaded.
 */
import { browser } from 'wxt/browser';
import { ADAPTERS, adaptersForHost } from '../platforms';
import { createScanner, type ClassifyResult } from '../scanner/scanner';
import { normalizedText, type TrackedItem } from '../scanner/item';
import { busyStats, timed } from '../scanner/busy';
import type { MutationListener } from '../scanner/dom-watch';
import { verdict, type ItemFacts, type Verdict } from '../verdict/verdict';
import { renderDecision, setRevealed, deferredShieldsBuilt, options as renderOptions } from '../shield/render';
import { startShieldGuard } from '../shield/guard';
import { createMutedMatcher, type MutedMatcher } from '../shield/muted-words';
import { correctionFact, overrideHit, startCorrectionsSync } from '../review/corrections';
import { startProtectSync } from '../protect/settings';
import { isActiveOn, settingsStore, startSettingsSync } from '../store/settings';
import { accountListed, listsStore, startListsSync } from '../store/lists';
import type { ClassifyResponse, ErrorResponse } from '../messaging/messages';
import { askBackground } from '../messaging/background-protocol';
import { CLASSIFY_PORT, createClassifyPortClient, type PortLike } from '../messaging/classify-port';
import type { LevelThresholds } from '../classifier/labels';
import { createTabRouter, type TabHandlers } from './tab-router';
import { installPageCss } from './page-css';
import { createWithholding } from './withholding';
import { createPageStats } from './page-stats';
import { loadUiStrings } from '../ui/ui-strings';

export interface Feature {
  /** What this feature knows about an item that the verdict needs; asked only when it can matter. */
  facts?(item: TrackedItem): Partial<Pick<ItemFacts, 'doxxing'>>;
  /** After each verdict is rendered. */
  onItem?(item: TrackedItem, verdict: Verdict): void;
  /** Tab messages this feature answers. */
  handlers?: TabHandlers;
}

/** The port, its answers read in a callback counted with the rest of the answer's work (busy.ts). */
function timedAnswers(port: PortLike): PortLike {
  return {
    postMessage: (msg) => port.postMessage(msg),
    disconnect: () => port.disconnect(),
    onMessage: { addListener: (cb) => port.onMessage.addListener((msg) => timed('answer', () => cb(msg))) },
    onDisconnect: port.onDisconnect,
  };
}

export function createKernel(host: string) {
  // This tab's port to the classifier host, opened in the next task (once the page is no longer held
  // at document_start) or by the first request if that comes sooner: the first batch should not also
  // wait for the connection, and the page should not wait for it either.
  const hostPort = createClassifyPortClient(() => timedAnswers(browser.runtime.connect({ name: CLASSIFY_PORT })));
  setTimeout(() => timed('port', () => hostPort.connect()), 0);
  const css = installPageCss();
  // Platforms on arbitrary domains (Mastodon instances she enabled) are recognised by their markup.
  const hostAdapters = adaptersForHost(host);
  const adapters = hostAdapters.length > 0 ? hostAdapters : ADAPTERS.filter((a) => a.detect);
  const features: Feature[] = [];
  const router = createTabRouter();
  let setUp = false;
  renderOptions.deferShields = true; // labels far from the screen are built when she nears them

  /**
   * Straight to the classifier host over this tab's port; when nobody answers it (host not started yet,
   * or restarting), through the background, which starts it.
   */
  async function classify(texts: string[]): Promise<ClassifyResult> {
    let res: ClassifyResponse | ErrorResponse | null = await hostPort.request(texts).catch(() => null);
    res ??= await askBackground({ type: 'classify', texts, relay: true });
    if (!res) throw new Error('No answer from the Bouclier background');
    if (!res.ok) throw new Error(res.error);
    return res;
  }

  const scanner = createScanner({
    adapters,
    classify,
    onPending: (item) => apply(item, null),
    onScored: apply,
    onHostError: () => setUp && withholding.modelDown(),
    onHostRecovered: () => setUp && withholding.modelBack(),
    holdRendering: true,
    withholding: () => withholding.withholding(),
    onBurst: () => withholding.syncBurst(),
  });
  const stats = createPageStats({
    host,
    platform: () => hostAdapters[0]?.id ?? scanner.platform(),
    items: () => scanner.items(),
    degraded: () => scanner.degraded(),
    hostError: () => scanner.hostError(),
  });
  const withholding = createWithholding({
    host,
    items: () => scanner.items(),
    bursting: () => scanner.bursting(),
    itemSelectors: () => scanner.itemSelectors(),
    setBurstCss: css.setBurstCss,
    changed: () => stats.report(),
  });
  scanner.start();

  let muted: MutedMatcher = createMutedMatcher([]);
  let mutedWords = listsStore.getState().value.mutedWords;

  /** What is known about one item now (her rules at once, the model when it answers). */
  function factsOf(item: TrackedItem): ItemFacts {
    const lists = listsStore.getState().value;
    const active = isActiveOn(settingsStore.getState().value, host);
    const trustedAuthor = accountListed(lists.trustedAccounts, item.author, item.platform);
    const scores = item.scores;
    const unchecked = item.unchecked === true;
    // Nothing else can change the verdict: skip the costlier facts (text matching, doxxing search).
    if (!active || trustedAuthor) return { active, trustedAuthor, scores, unchecked, mutedAuthor: false, mutedWord: false, doxxing: false, correction: null };
    // Asked for every item at every decision: no object built per feature.
    let doxxing = false;
    for (const f of features) if (f.facts?.(item).doxxing) doxxing = true;
    return {
      active,
      trustedAuthor,
      scores,
      unchecked,
      doxxing,
      mutedAuthor: accountListed(lists.mutedAccounts, item.author, item.platform),
      mutedWord: muted.match(item.text, item.platform, () => normalizedText(item)) !== null,
      correction: correctionFact(overrideHit(item.text, item.author, item.platform, () => normalizedText(item))),
    };
  }

  /** Decide and render one item from whatever is known now. */
  function apply(item: TrackedItem, thresholds: LevelThresholds | null): void {
    const v = verdict(factsOf(item), settingsStore.getState().value, thresholds);
    if (v.waiting) withholding.markWaiting(item);
    else renderDecision(item, v);
    for (const f of features) f.onItem?.(item, v);
    stats.report();
  }

  // Settings, lists or corrections changed anywhere (popup dial, options, another tab): re-decide every
  // item, no reload, no re-classifying.
  const reapplyAll = () =>
    // Before go() nothing is shown yet: render() will show every item with what is known then.
    setUp &&
    timed('re-apply', () => {
      withholding.sync();
      for (const item of scanner.items()) apply(item, scanner.thresholds());
    });

  router.onAll({
    'get-page-stats': () => stats.stats(),
    // Every callback of ours on this page (busy.ts), the classify requests, the labels built later.
    'get-perf': () => ({ ...scanner.perf(), ...busyStats(), deferredShields: deferredShieldsBuilt() }),
    'get-page-scores': () => ({ thresholds: scanner.thresholds(), scores: scanner.items().flatMap((it) => (it.scores ? [it.scores] : [])) }),
    'reveal-all': ({ revealed }) => {
      for (const item of scanner.items()) setRevealed(item, revealed);
      return stats.stats();
    },
  });

  return {
    host,
    items: (): TrackedItem[] => scanner.items(),
    item: (el: Element): TrackedItem | undefined => scanner.item(el),
    listen: (listener: MutationListener): void => scanner.listen(listener),
    active: (): boolean => isActiveOn(settingsStore.getState().value, host),
    isTrusted: (author: string | null, platform: string): boolean => accountListed(listsStore.getState().value.trustedAccounts, author, platform),
    reapply: reapplyAll,

    /**
     * Everything she set, read at once: under a busy page each storage answer waits for the main
     * thread, so reading them one after the other held the first verdicts back for several round trips.
     */
    async loadSettings(): Promise<void> {
      const settings = Promise.all([startSettingsSync(), startListsSync()]);
      // Asked in the next task, once the page is no longer held at document_start: her corrections and
      // protections (needed by go() and the protect feature, which wait for them), and the UI's words
      // (a first message costs the sender too), which come back with her settings, before anything is shown.
      setTimeout(() => {
        timed('storage', () => {
          void startCorrectionsSync(() => reapplyAll()).catch(() => undefined);
          void startProtectSync().catch(() => undefined);
        });
        timed('i18n', loadUiStrings);
      }, 0);
      await settings;
      withholding.settingsLoaded();
      mutedWords = listsStore.getState().value.mutedWords;
      muted = createMutedMatcher(mutedWords);
      settingsStore.subscribe(reapplyAll);
      listsStore.subscribe((state) => {
        if (state.value.mutedWords !== mutedWords) {
          mutedWords = state.value.mutedWords;
          muted = createMutedMatcher(mutedWords);
        }
        reapplyAll();
      });
      withholding.sync();
    },

    use(feature: Feature): void {
      features.push(feature);
      if (feature.handlers) router.onAll(feature.handlers);
    },

    /** Start showing verdicts (after her settings and every feature are in). */
    async go(): Promise<void> {
      await startCorrectionsSync().catch(() => undefined);
      startShieldGuard();
      setUp = true;
      if (scanner.hostError() !== null) withholding.modelDown();
      scanner.render();
    },
  };
}

export type Kernel = ReturnType<typeof createKernel>;
