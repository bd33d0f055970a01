/**
 * The page CSS that makes our marks work (blur, collapse, media, lockdown), inside shadow roots.
 * Document stylesheets do not reach into shadow trees, so wherever a mark is written inside a page's
 * shadow root (Reddit chat events, X's chat embed), that root gets the same CSS: one constructed
 * sheet adopted by every such root, or a <style> copy where a sheet cannot be adopted.
 */
const parts: string[] = [];
let sheet: CSSStyleSheet | null | undefined;

function cssText(): string {
  return parts.join('\n');
}

/**
 * Register CSS the page's shadow roots need too (called where the document copy is added). A rule
 * scoped by an attribute of the document's <html> cannot match inside a shadow root, so that scope is
 * dropped here: the marks it guards ("pending" withholding) only exist while it applies.
 */
export function addShadowCss(css: string): void {
  parts.push(css.replace(/html\[data-bouclier-withhold\]\s+/g, ''));
  if (sheet) sheet.replaceSync(cssText()); // roots that adopted it update at once
}

function sharedSheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText());
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

const copied = new WeakSet<ShadowRoot>();

/** Make sure the shadow root holding `node` (if any) has our CSS. Cheap when it already does. */
export function styleShadowRootOf(node: Node): void {
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot) || copied.has(root)) return;
  const s = sharedSheet();
  if (s) {
    try {
      if (!root.adoptedStyleSheets.includes(s)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
      return;
    } catch {
      // Not adoptable here: fall back to a copy.
    }
  }
  copied.add(root);
  const style = document.createElement('style');
  style.textContent = cssText();
  root.append(style);
}
