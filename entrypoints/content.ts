/**
 * Content script: one scanner for the page, fed by the adapters whose hosts match, wired to the
 * classifier host (through the background) and to the shield. Runs at document_start so items are
 * seen as soon as they are inserted, before she reads them.
 */
import { startReady } from '@/src/scanner/start-clock'; // first: its clock starts before the other modules run
import { browser } from 'wxt/browser';
import { SUPPORTED_HOST_PERMISSIONS } from '@/src/platforms/hosts';
import { ADAPTERS, adaptersForHost } from '@/src/platforms';
import { createScanner, type ClassifyResult } from '@/src/scanner/scanner';
import { normalizedText, type TrackedItem } from '@/src/scanner/item';
import { verdict, type ItemFacts } from '@/src/verdict/verdict';
import { installReview, recordFlagged } from '@/src/review/client';
import { correctionFact, overrideHit } from '@/src/review/corrections';
import { startCorrectionsSync } from '@/src/review/corrections';
import { startProtectSync } from '@/src/protect/settings';
import { categoryName, deferredShieldsBuilt, markPending, markUnchecked, options as renderOptions, renderDecision, setRevealed, verdictOf } from '@/src/shield/render';
import { SHIELD_CSS, unreadItemsCss } from '@/src/shield/styles';
import { startShieldGuard, written } from '@/src/shield/guard';
import { busyStats, timed } from '@/src/scanner/busy';
import { addShadowCss } from '@/src/shield/shadow-css';
import { hideNotice, showNotice } from '@/src/shield/notice';
import { isActiveOn, settingsStore, startSettingsSync } from '@/src/store/settings';
import { accountListed, listsStore, startListsSync } from '@/src/store/lists';
import { createMutedMatcher, type MutedMatcher } from '@/src/shield/muted-words';
import { installProtect } from '@/src/protect/content';
import type { ClassifyResponse, ErrorResponse, PageStats } from '@/src/messaging/messages';
import { CLASSIFY_PORT, createClassifyPortClient } from '@/src/messaging/classify-port';
import type { LevelThresholds } from '@/src/classifier/labels';

export default defineContentScript({
  matches: SUPPORTED_HOST_PERMISSIONS,
  runAt: 'document_start',
  allFrames: false,
  async main() {
    // Injected again by the popup on a site she just enabled: run once per page.
    const flags = globalThis as { __bouclierRunning?: boolean };
    if (flags.__bouclierRunning) return;
    flags.__bouclierRunning = true;
    const host = location.hostname;
    // This tab's port to the classifier host (see classify() below), opened now: the scanner starts
    // reading and classifying before her settings are loaded, and the first batch should not also wait
    // for the connection.
    const hostPort = createClassifyPortClient(() => browser.runtime.connect({ name: CLASSIFY_PORT }));
    hostPort.connect();

    // Our stylesheet goes in first: a burst of comments in the page's first frames is withheld before her
    // settings have loaded (see syncBurst).
    const style = document.createElement('style');
    style.id = 'bouclier-style';
    style.textContent = SHIELD_CSS;
    addShadowCss(SHIELD_CSS); // the same rules inside page shadow roots where items are marked
    // During a burst, items not read yet (no data-bouclier) are blank too: the first read may not reach
    // every comment on screen before the page paints. Per page, since it names this platform's items.
    const burstStyle = document.createElement('style');
    burstStyle.id = 'bouclier-burst-style';
    (document.head ?? document.documentElement).append(style, burstStyle);
    // A page removing our stylesheets must not un-shield anything: put them back at once.
    const keepStyle = () => {
      if (style.isConnected && burstStyle.isConnected) return;
      (document.head ?? document.documentElement).append(style, burstStyle);
      styleWatch.observe(style.parentNode!, { childList: true });
    };
    const styleWatch = new MutationObserver(keepStyle);
    styleWatch.observe(style.parentNode!, { childList: true });
    document.addEventListener('DOMContentLoaded', () => {
      // At document_start there may be no <head> yet: move into it once it exists.
      if (document.head && style.parentNode !== document.head) {
        document.head.append(style, burstStyle);
        styleWatch.observe(document.head, { childList: true });
      }
    });

    // Reading and classifying start at once: the page's first comments must not wait for her settings
    // to load. Nothing is rendered before her settings, lists and protections are in (render() below).
    // Platforms on arbitrary domains (Mastodon instances she enabled) are recognised by their markup.
    const hostAdapters = adaptersForHost(host);
    const adapters = hostAdapters.length > 0 ? hostAdapters : ADAPTERS.filter((a) => a.detect);
    let setUp = false;
    // Labels of flagged items far from the screen are built when she nears them (or when idle).
    renderOptions.deferShields = true;
    /** True while the classifier host fails: only her own rules apply, and she is told so. */
    let modelDown = false;
    let settingsLoaded = false;
    // A burst of comments (see BURST_WAITING) is withheld until its verdicts, from the first one: not on a
    // site she turned off (known once her settings are loaded), nor with the model down (her model-down
    // setting decides then).
    const syncBurst = (): void => {
      const on = scanner.bursting() && !modelDown && (!settingsLoaded || isActiveOn(settingsStore.getState().value, host));
      if (on) {
        // Rewritten only when the page's adapters change (SPA navigation): each write restyles the page.
        const css = unreadItemsCss(scanner.itemSelectors());
        if (burstStyle.textContent !== css) burstStyle.textContent = css;
      }
      document.documentElement.toggleAttribute('data-bouclier-burst', on);
    };
    const scanner = createScanner({
      adapters,
      classify,
      onPending: (item) => apply(item, null),
      onScored: apply,
      onHostError: () => {
        if (setUp) onModelDown();
      },
      onHostRecovered: () => {
        if (setUp) onModelBack();
      },
      holdRendering: true,
      withholding: () => withholding,
      onBurst: () => syncBurst(),
    });
    scanner.start();

    // Everything she set (settings, lists, protections, corrections) is read at once: under a busy page
    // each storage answer waits for the main thread, so reading them one after the other held the
    // first verdicts back for several round trips.
    void startCorrectionsSync().catch(() => undefined);
    void startProtectSync().catch(() => undefined);
    await Promise.all([startSettingsSync(), startListsSync()]);
    settingsLoaded = true;

    let downNoticeTimer: ReturnType<typeof setTimeout> | null = null;

    /** Are pending items withheld (blurred until their verdict)? */
    let withholding = false;
    const syncWithholdMode = () => {
      const s = settingsStore.getState().value;
      const withhold = (s.withholdUntilVerdict || (modelDown && s.withholdWhenModelDown)) && isActiveOn(s, host);
      document.documentElement.toggleAttribute('data-bouclier-withhold', withhold);
      syncBurst();
      if (withhold === withholding) return;
      withholding = withhold;
      // Items already waiting get (or lose) their withholding mark now.
      for (const item of scanner.items()) if (written(item.el, 'data-bouclier') === 'pending') markWaiting(item);
    };
    /** An item without a verdict: pending, or for good when the model could not check it (item.unchecked). */
    function markWaiting(item: TrackedItem): void {
      if (!item.unchecked) return markPending(item, withholding);
      // Not checked is what she is told while the model is down: the same setting keeps it blurred.
      const s = settingsStore.getState().value;
      markUnchecked(item, withholding || (s.withholdWhenModelDown && isActiveOn(s, host)));
    }

    function onModelDown(): void {
      if (modelDown) return;
      modelDown = true;
      syncWithholdMode();
      reportStats();
      // Brief hiccups (host restarting) are retried silently; a lasting failure is announced.
      downNoticeTimer = setTimeout(() => {
        const s = settingsStore.getState().value;
        if (!modelDown || !isActiveOn(s, host)) return;
        showNotice(
          s.withholdWhenModelDown ? 'notice_model_down_withholding' : 'notice_model_down',
          s.withholdWhenModelDown
            ? undefined
            : {
                label: browser.i18n.getMessage('notice_withhold_action'),
                run: () => {
                  void settingsStore.getState().update({ withholdWhenModelDown: true });
                  showNotice('notice_model_down_withholding');
                },
              },
        );
      }, 3000);
    }
    function onModelBack(): void {
      modelDown = false;
      if (downNoticeTimer) clearTimeout(downNoticeTimer);
      hideNotice();
      syncWithholdMode();
      reportStats();
    }
    syncWithholdMode();

    /**
     * Straight to the classifier host over this tab's port (no background hop, no channel per
     * message); when nobody answers it (host not started yet, or restarting), through the
     * background, which starts it.
     */
    async function classify(texts: string[]): Promise<ClassifyResult> {
      type Answer = ClassifyResponse | ErrorResponse | undefined;
      let res: Answer = await hostPort.request(texts).catch(() => undefined);
      res ??= (await browser.runtime.sendMessage({ type: 'classify', texts, relay: true })) as Answer;
      if (!res) throw new Error('No answer from the Bouclier background');
      if (!res.ok) throw new Error(res.error);
      return res;
    }

    // Doxxing, lockdown, media shielding, threat evidence, raids (src/protect/content.ts).
    const protect = await installProtect({
      items: () => scanner.items(),
      listen: (listener) => scanner.listen(listener),
      isTrusted: (author, platform) => accountListed(listsStore.getState().value.trustedAccounts, author, platform),
      active: () => isActiveOn(settingsStore.getState().value, host),
      reapply: () => reapplyAll(),
    });

    let muted: MutedMatcher = createMutedMatcher(listsStore.getState().value.mutedWords);
    let lastMutedWords = listsStore.getState().value.mutedWords;

    /** What is known about one item now (her rules at once, the model when it answers): see src/verdict. */
    function factsOf(item: TrackedItem): ItemFacts {
      const lists = listsStore.getState().value;
      const active = isActiveOn(settingsStore.getState().value, host);
      const trustedAuthor = accountListed(lists.trustedAccounts, item.author, item.platform);
      const known = { active, trustedAuthor, scores: item.scores, unchecked: item.unchecked === true };
      // Nothing else can change the verdict: skip the costlier facts (text matching, doxxing search).
      if (!active || trustedAuthor) return { ...known, mutedAuthor: false, mutedWord: false, doxxing: false, correction: null };
      const hit = overrideHit(item.text, item.author, item.platform, () => normalizedText(item));
      return {
        ...known,
        mutedAuthor: accountListed(lists.mutedAccounts, item.author, item.platform),
        mutedWord: muted.match(item.text, item.platform, () => normalizedText(item)) !== null,
        doxxing: protect.ruleLabels(item).length > 0,
        correction: correctionFact(hit),
      };
    }

    /** Decide and render one item from whatever is known now. */
    function apply(item: TrackedItem, thresholds: LevelThresholds | null): void {
      const settings = settingsStore.getState().value;
      const v = verdict(factsOf(item), settings, thresholds);
      if (v.waiting) markWaiting(item);
      else renderDecision(item, v);
      if (v.action) recordFlagged(item, v);
      protect.after(item);
      reportStats();
    }

    let statsTimer: ReturnType<typeof setTimeout> | null = null;
    function pageStats(): PageStats & { hostError: string | null } {
      const byLabel: Record<string, number> = {};
      /** Each hidden item once, under its main reason: what the popup counts. */
      const byReason: Record<string, number> = {};
      let flagged = 0;
      const items = scanner.items();
      for (const it of items) {
        const state = written(it.el, 'data-bouclier');
        if (state !== 'flagged' && state !== 'revealed') continue;
        flagged++;
        const shown = verdictOf(it.el);
        for (const l of shown?.labels ?? []) byLabel[l] = (byLabel[l] ?? 0) + 1;
        if (shown?.reason) byReason[shown.reason] = (byReason[shown.reason] ?? 0) + 1;
      }
      return {
        host,
        platform: hostAdapters[0]?.id ?? scanner.platform(),
        scanned: items.length,
        flagged,
        byLabel,
        byReason,
        degraded: scanner.degraded(),
        hostError: scanner.hostError(),
      };
    }
    function reportStats(): void {
      statsTimer ??= setTimeout(() => {
        statsTimer = null;
        timed('stats', () => browser.runtime.sendMessage({ type: 'page-stats', stats: pageStats() }).catch(() => undefined));
      }, 300);
    }

    // Settings or lists changed anywhere (popup dial, options): re-decide every item, no reload, no re-classify.
    const reapplyAll = () =>
      timed('re-apply', () => {
        syncWithholdMode();
        for (const item of scanner.items()) apply(item, scanner.thresholds());
      });
    settingsStore.subscribe(reapplyAll);
    listsStore.subscribe((state) => {
      if (state.value.mutedWords !== lastMutedWords) {
        lastMutedWords = state.value.mutedWords;
        muted = createMutedMatcher(lastMutedWords);
      }
      reapplyAll();
    });

    // The popup asks this tab directly.
    browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
      // Only our extension's own pages (popup, options) can reach a content script this way.
      if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/' as never))) return false;
      const msg = raw as { type?: string; revealed?: boolean } | null;
      if (msg?.type === 'get-page-stats') {
        sendResponse(pageStats());
        return false;
      }
      if (msg?.type === 'get-perf') {
        // Every callback of ours on this page (busy.ts), the classify requests, the labels built later.
        sendResponse({ ...scanner.perf(), ...busyStats(), deferredShields: deferredShieldsBuilt() });
        return false;
      }
      if (msg?.type === 'get-page-scores') {
        // Scores only (no text, no author): the popup's advanced sliders count what each threshold would hide.
        sendResponse({ thresholds: scanner.thresholds(), scores: scanner.items().flatMap((it) => (it.scores ? [it.scores] : [])) });
        return false;
      }
      if (msg?.type === 'reveal-all' && typeof msg.revealed === 'boolean') {
        for (const item of scanner.items()) setRevealed(item, msg.revealed);
        sendResponse(pageStats());
        return false;
      }
      return false;
    });

    await installReview({ items: () => scanner.items(), reapply: reapplyAll });
    // The first label's words load the extension's message catalog (a synchronous request to the
    // browser in Chrome): load it now, while the page is idle, not in the middle of a burst.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => categoryName('misogyny'), { timeout: 1000 });
    startShieldGuard();
    setUp = true;
    if (scanner.hostError() !== null) onModelDown();
    scanner.render();
    startReady();
  },
});
