/** Bouclier's shield mark (24×24 viewBox): drawn by Logo.tsx and rendered to the toolbar icons by scripts/make-icons.ts. */
export const LOGO_VIEWBOX = '0 0 24 24';
export const LOGO_PATHS = [
  { d: 'M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z', fill: '#5b4b8a' },
  { d: 'M12 5.2 6.5 7.3v3.9c0 3.5 2.3 6.6 5.5 7.9V5.2Z', fill: '#c9bfe3' },
] as const;
