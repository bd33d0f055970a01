/**
 * Page CSS for shielded items. The renderer marks exactly the elements to hide (the item's own text
 * and media, never a nested reply's) with data-bouclier-hide; users can add rules on the documented
 * data-bouclier / data-bouclier-labels attributes. !important because the page's CSS must not be able to undo a shield.
 */
export const SHIELD_CSS = `
[data-bouclier-hide="blur"],
html[data-bouclier-withhold] [data-bouclier-hide="pending"] {
  filter: blur(9px) !important;
  user-select: none !important;
  pointer-events: none !important;
}
[data-bouclier-hide="collapse"] { display: none !important; }
[data-bouclier="flagged"][data-bouclier-action="remove"] { display: none !important; }
`;
// No transition on the blur: fading it in would leave abuse readable for its first frames, and
// animating hundreds of filters at once costs the page more than everything else we do.

/** The in-page label + button, inside a shadow root so the page's CSS cannot restyle it. */
export const SHIELD_LABEL_CSS = `
:host { all: initial; display: block; margin: 4px 0; }
.bar { display: flex; align-items: center; gap: 8px; flex-wrap: wrap;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #2b2140; background: #efeaf8; border: 1px solid #c9bfe3; border-radius: 8px; padding: 4px 8px; }
.bar.threat { color: #5c1010; background: #fbeaea; border-color: #e2a4a4; }
.icon { flex: none; width: 12px; height: 14px; background: #5b4b8a;
  clip-path: polygon(50% 0, 100% 16%, 100% 52%, 84% 78%, 50% 100%, 16% 78%, 0 52%, 0 16%); }
.bar.threat .icon { width: 14px; height: 13px; background: #8c1d18; clip-path: polygon(50% 0, 100% 100%, 0 100%); }
.label { flex: 1 1 auto; }
button { font: inherit; font-weight: 600; color: #fff; background: #5b4b8a; border: 0; border-radius: 6px;
  padding: 3px 10px; cursor: pointer; }
.bar.threat button { background: #8c1d18; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
`;
