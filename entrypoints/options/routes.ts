/**
 * Where the options page is, from its URL hash, so the popup, the shield and tests can link straight
 * to a place: the settings sections are parts of one page (#protection, #categories, #accounts,
 * #privacy; #settings or no hash: its top); #review, #verify and #help are views of their own.
 */
export const SETTINGS_SECTIONS = ['protection', 'categories', 'accounts', 'privacy'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
export const VIEWS = ['settings', 'review', 'verify', 'help'] as const;
export type View = (typeof VIEWS)[number];

export interface Place {
  view: View;
  /** The settings section asked for, or null for the top of the view. */
  section: SettingsSection | null;
}

export function placeOf(hash: string): Place {
  const h = hash.replace(/^#/, '');
  if ((SETTINGS_SECTIONS as readonly string[]).includes(h)) return { view: 'settings', section: h as SettingsSection };
  if ((VIEWS as readonly string[]).includes(h)) return { view: h as View, section: null };
  return { view: 'settings', section: null };
}
