/**
 * Page CSS for shielded items. The renderer marks exactly the elements to hide (the item's own text
 * and media, never a nested reply's) with data-bouclier-hide (the whole item when it is removed); users
 * can add rules on the documented data-bouclier attribute. Why an item is hidden is never in the page. During a burst (html[data-bouclier-burst], see the
 * scanner's BURST_WAITING) pending items' text and media are withheld through the marks the scanner
 * sets when it reads them, at no extra write per item (a nested reply may stay blank until its parent's
 * verdict). !important because the page's CSS must not be able to undo a shield.
 */
export const SHIELD_CSS = `
[data-bouclier-hide="blur"], [data-bouclier-hide="blur"] *,
[data-bouclier-hide="unchecked"], [data-bouclier-hide="unchecked"] *,
html[data-bouclier-withhold] [data-bouclier-hide="pending"],
html[data-bouclier-withhold] [data-bouclier-hide="pending"] * {
  -webkit-text-fill-color: transparent !important;
  text-shadow: 0 0 14px currentColor !important;
  /* High-contrast (forced colours) modes drop text-shadow: keep the blurred look there too. */
  forced-color-adjust: none !important;
  user-select: none !important;
  pointer-events: none !important;
}
:is(img, video, picture, svg, canvas)[data-bouclier-hide="blur"],
[data-bouclier-hide="blur"] :is(img, video, svg, canvas),
:is(img, video, picture, svg, canvas)[data-bouclier-hide="unchecked"],
[data-bouclier-hide="unchecked"] :is(img, video, svg, canvas),
html[data-bouclier-withhold] :is(img, video, picture, svg, canvas)[data-bouclier-hide="pending"],
html[data-bouclier-withhold] [data-bouclier-hide="pending"] :is(img, video, svg, canvas),
html[data-bouclier-burst] [data-bouclier="pending"] :is(img, video) {
  filter: blur(16px) !important;
}
/* A burst's pending text is only made transparent (a paint-only change; the blurred shadow above made the
   browser recompute the overflow of every comment of the burst twice): a blank moment while it loads. */
html[data-bouclier-burst] [data-bouclier="pending"][data-bouclier-text],
html[data-bouclier-burst] [data-bouclier="pending"] [data-bouclier-text],
html[data-bouclier-burst] [data-bouclier="pending"] [data-bouclier-text] * {
  -webkit-text-fill-color: transparent !important;
  forced-color-adjust: none !important; /* high-contrast modes would otherwise force the text colour back */
}
[data-bouclier-hide="collapse"] { display: none !important; }
[data-bouclier-hide="remove"] { display: none !important; }
`;
/**
 * During a burst, the items of this page's adapters that the scanner has not read yet (no data-bouclier):
 * blank like pending ones. `:is()` ignores a selector it cannot parse instead of dropping the rule. No
 * descendant `*` (costly for every element of a long thread): the text fill colour is inherited.
 */
export function unreadItemsCss(itemSelectors: string[]): string {
  if (itemSelectors.length === 0) return '';
  return `html[data-bouclier-burst] :is(${itemSelectors.join(', ')}):not([data-bouclier]) {
  -webkit-text-fill-color: transparent !important;
  forced-color-adjust: none !important;
}`;
}

// Text is blurred by drawing only a blurred shadow of its glyphs (transparent fill + text-shadow),
// not by a CSS filter: a filter on each of hundreds of flagged comments made every frame of a busy
// thread rebuild as many compositing effects (a large share of each frame on a long thread). Media keep
// a real blur filter (few per page). No transition: fading in would leave abuse readable at first.

/** The in-page label + button, inside a shadow root so the page's CSS cannot restyle it. */
export const SHIELD_LABEL_CSS = `
:host { all: initial; display: block; margin: 4px 0; }
/* Over blurred text the label floats on it instead of pushing the thread down: no layout shift
   under her eyes when a verdict lands, and the page does not re-lay out every comment below. The
   host stays in flow (not absolutely positioned: in the flex columns many sites use, an absolute box
   would jump to the top of the column, over the author's name) and a one-line label takes no room
   in it: its bottom margin cancels its own height (1 + 1 + 18 + 1 + 1, plus 2 above), and the host
   has no line height of its own. The label wraps rather than being cut (never "Warning — thr…"):
   each extra line it needs pushes the thread down by that line, so a wrapped label does not spill
   over the reply/report buttons below a one-line comment. Above the text: relative + z-index, so
   the text's blurred shadow does not paint over it. */
:host([data-overlay]) { margin: 0; font-size: 0; line-height: 0; overflow: visible; }
:host([data-overlay]) .bar { display: inline-flex; box-sizing: border-box; min-height: 22px; width: calc(100% - 8px);
  margin: 2px 0 -24px; vertical-align: top; position: relative; z-index: 1; font-size: 12px; line-height: 16px;
  padding: 1px 6px; gap: 4px 8px; box-shadow: 0 1px 4px rgba(43, 33, 64, .25); flex-wrap: nowrap; }
/* One row across the column, whatever the words: every label over blurred text has the same size (a
   page measuring it cannot tell a threat or her personal data from an insult). When the row is too
   narrow the words wrap inside the label and the buttons, never cut. */
:host([data-overlay]) .label { flex: 1 1 auto; min-width: 6em; }
:host([data-overlay]) button { flex: 0 1 auto; align-self: flex-start; box-sizing: border-box; min-height: 18px;
  padding: 1px 8px; }
:host([data-overlay]) .icon { align-self: flex-start; margin-top: 1px; }
.bar { display: flex; align-items: center; gap: 8px; flex-wrap: wrap;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #2b2140; background: #efeaf8; border: 1px solid #c9bfe3; border-radius: 8px; padding: 4px 8px; }
/* A threat stays unmistakable without colour too: warning triangle, a thick left edge, bold words. */
.bar.threat { color: #5c1010; background: #fbeaea; border-color: #e2a4a4; border-left: 4px solid #8c1d18; font-weight: 600; }
.icon { flex: none; width: 12px; height: 14px; background: #5b4b8a; forced-color-adjust: none;
  clip-path: polygon(50% 0, 100% 16%, 100% 52%, 84% 78%, 50% 100%, 16% 78%, 0 52%, 0 16%); }
.bar.threat .icon { width: 14px; height: 13px; background: #8c1d18; clip-path: polygon(50% 0, 100% 100%, 0 100%); }
/* Wraps at any width (a long word too), never cut with an ellipsis; so do the buttons' words. */
.label { flex: 1 1 auto; min-width: 0; white-space: normal; overflow-wrap: anywhere; }
.label::before { content: var(--reason, ""); }
button::before { content: var(--caption, none); }
button { font: inherit; font-weight: 600; color: #fff; background: #5b4b8a; border: 0; border-radius: 6px;
  padding: 3px 10px; cursor: pointer; overflow-wrap: break-word; }
.bar.threat button { background: #8c1d18; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
`;
