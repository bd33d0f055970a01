/**
 * Values as words in her language: what the log stores as ids ("blur", "model", "comment", "fr",
 * category ids) is never shown as such in the review page, the report or the CSV. One table for the
 * page (browser.i18n) and the exports (the catalogue of the export's language).
 */
export type Lookup = (key: string, subs?: string[]) => string;

const PLATFORMS = new Set(['x', 'reddit', 'youtube', 'instagram', 'facebook', 'tiktok', 'bluesky', 'twitch', 'linkedin', 'threads', 'mastodon']);
const KINDS = new Set(['comment', 'dm']);
const ACTIONS = new Set(['blur', 'collapse', 'remove']);
const SOURCES = new Set(['model', 'correction']);
const LANGUAGES = new Set(['fr', 'en', 'und']);
const CATEGORIES = new Set(['misogyny', 'insult', 'threat', 'sexual', 'identity_attack', 'toxic', 'muted', 'doxxing']);
const FEEDBACK = new Set(['not_abusive', 'abusive']);

/** An id no table knows (a later version's) is shown as it is rather than as a missing key. */
const from = (known: Set<string>, key: (id: string) => string, look: Lookup) => (id: string) => (known.has(id) ? look(key(id)) : id);

export interface Words {
  platform(id: string): string;
  kind(id: string): string;
  action(id: string): string;
  source(id: string): string;
  language(id: string): string;
  category(id: string): string;
  feedback(id: string): string;
}

export function wordsFor(look: Lookup): Words {
  return {
    platform: from(PLATFORMS, (id) => `help_platform_${id}_name`, look),
    kind: from(KINDS, (id) => `export_kind_${id}`, look),
    action: from(ACTIONS, (id) => `export_action_${id}`, look),
    source: from(SOURCES, (id) => `export_source_${id}`, look),
    language: from(LANGUAGES, (id) => `review_lang_${id}`, look),
    category: from(CATEGORIES, (id) => `category_${id}`, look),
    feedback: from(FEEDBACK, (id) => `export_feedback_${id}`, look),
  };
}
