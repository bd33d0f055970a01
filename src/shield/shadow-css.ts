/**
 * CSS inside shadow roots: one constructed stylesheet adopted by every root that needs it (a <style>
 * per root made the page parse and match hundreds of copies on a busy thread), or a <style> copy in a
 * root where a sheet cannot be adopted from a content script.
 *
 * Two users: the shield label's own shadow roots (render.ts), and the page's shadow roots where we write
 * marks (Reddit chat events, X's chat embed): document stylesheets do not reach into shadow trees, so
 * such a root gets the same page CSS (blur, collapse, media, lockdown) as the document.
 */
export function sharedStyles(initialCss = '') {
  let css = initialCss;
  let sheet: CSSStyleSheet | null | undefined;
  const copied = new WeakSet<ShadowRoot>();
  function constructed(): CSSStyleSheet | null {
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      } catch {
        sheet = null;
      }
    }
    return sheet;
  }
  return {
    /** Replace the CSS; roots that adopted the sheet update at once. */
    setCss(next: string): void {
      css = next;
      sheet?.replaceSync(css);
    },
    /** A root just attached, holding no sheet yet: given this one without reading what it has. */
    adoptFresh(root: ShadowRoot): void {
      const s = constructed();
      if (s) {
        try {
          root.adoptedStyleSheets = [s];
          return;
        } catch {
          // Not adoptable here: a copy, as adopt() does.
        }
      }
      this.adopt(root);
    },
    /** Make sure `root` has this CSS. Cheap when it already does. */
    adopt(root: ShadowRoot): void {
      if (copied.has(root)) return;
      const s = constructed();
      if (s) {
        try {
          const current = (root.adoptedStyleSheets as CSSStyleSheet[] | undefined) ?? []; // undefined where unsupported (jsdom)
          if (!current.includes(s)) root.adoptedStyleSheets = [...current, s];
          return;
        } catch {
          // Not adoptable here: fall back to a copy.
        }
      }
      copied.add(root);
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    },
  };
}

const pageCss: string[] = [];
/** Built when the first page shadow root needs it (most pages have none): nothing to do at document_start. */
let pageStyles: ReturnType<typeof sharedStyles> | null = null;
const shadowVersion = (css: string[]): string => css.map((c) => c.replace(/html\[data-bouclier-withhold\]\s+/g, '')).join('\n');

/**
 * Register page CSS the page's shadow roots need too (called where the document copy is added). A rule
 * scoped by an attribute of the document's <html> cannot match inside a shadow root, so that scope is
 * dropped there: the marks it guards ("pending" withholding) only exist while it applies.
 */
export function addShadowCss(css: string): void {
  pageCss.push(css);
  pageStyles?.setCss(shadowVersion(pageCss));
}

/** Make sure this page shadow root (one holding our marks) has our page CSS. */
export function adoptPageCss(root: ShadowRoot): void {
  (pageStyles ??= sharedStyles(shadowVersion(pageCss))).adopt(root);
}
