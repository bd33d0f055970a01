/**
 * How each in-page shield label is laid out, read through the DevTools protocol: DOM.getDocument with
 * `pierce` reaches into shadow roots whether they are open or closed, so this keeps working if the
 * shield's root is closed to page scripts.
 */
import type { Page } from 'playwright-core';

export interface LabelBox {
  text: string;
  threat: boolean;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  /** right edge of the label, and of the window (px) */
  right: number;
  viewportWidth: number;
  lines: number;
  barBackground: string;
}

interface CdpNode {
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** Our label's host: a span marked data-bouclier-ui="shield". */
function isShieldHost(n: CdpNode): boolean {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === 'data-bouclier-ui' && a[i + 1] === 'shield') return true;
  return false;
}

function hasClass(n: CdpNode, cls: string): boolean {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === 'class' && a[i + 1]!.split(/\s+/).includes(cls)) return true;
  return false;
}

/** Runs on the label element itself (`this`), in the page. */
function measure(this: HTMLElement) {
  const box = this.getBoundingClientRect();
  const bar = this.parentElement!;
  return {
    // The words are drawn as generated content (window.find cannot search them).
    text: getComputedStyle(this, '::before').content.replace(/^"|"$/g, ''),
    threat: bar.classList.contains('threat'),
    scrollWidth: this.scrollWidth,
    clientWidth: this.clientWidth,
    scrollHeight: this.scrollHeight,
    clientHeight: this.clientHeight,
    right: box.right,
    viewportWidth: document.documentElement.clientWidth,
    lines: Math.round(box.height / parseFloat(getComputedStyle(this).lineHeight)),
    barBackground: getComputedStyle(bar).backgroundColor,
  };
}

export async function shieldLabels(page: Page): Promise<LabelBox[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const found: number[] = [];
    const walk = (n: CdpNode, inShield: boolean) => {
      if (inShield && n.nodeName === 'SPAN' && hasClass(n, 'label')) found.push(n.backendNodeId);
      for (const c of n.children ?? []) walk(c, inShield);
      for (const s of n.shadowRoots ?? []) walk(s, inShield || isShieldHost(n));
    };
    walk(root, false);
    const boxes: LabelBox[] = [];
    for (const backendNodeId of found) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        functionDeclaration: measure.toString(),
        returnByValue: true,
      });
      boxes.push(result.value as LabelBox);
    }
    return boxes;
  } finally {
    await cdp.detach();
  }
}
