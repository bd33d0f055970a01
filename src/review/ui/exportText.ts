/**
 * Export strings in the language she picks for the dossier (which may differ from the browser's):
 * read from the extension's own bundled _locales/<lang>/messages.json (a file inside the extension,
 * no network), so the strings still live only in _locales.
 */
import { browser } from 'wxt/browser';
import type { ExportText } from '../evidence';

type Messages = Record<string, { message: string }>;
const cache = new Map<string, Messages>();

async function messages(lang: 'fr' | 'en'): Promise<Messages> {
  const hit = cache.get(lang);
  if (hit) return hit;
  const res = await fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json` as never));
  const json = (await res.json()) as Messages;
  cache.set(lang, json);
  return json;
}

export async function exportText(lang: 'fr' | 'en'): Promise<ExportText> {
  const m = await messages(lang);
  const s = (k: string): string => m[k]?.message ?? k;
  return {
    lang,
    title: s('export_title'),
    intro: s('export_intro'),
    exportedAt: s('export_exported_at'),
    timezone: s('export_timezone'),
    count: s('export_count'),
    finalHash: s('export_final_hash'),
    proves: s('export_proves'),
    anchorLine: s('export_anchor_line'),
    verifyHowTo: s('export_verify_howto'),
    columns: {
      index: '#',
      platform: s('export_col_platform'),
      kind: s('export_col_kind'),
      author: s('export_col_author'),
      displayName: s('export_col_display_name'),
      permalink: s('export_col_permalink'),
      pageUrl: s('export_col_page_url'),
      thread: s('export_col_thread'),
      firstSeenUtc: s('export_col_first_seen_utc'),
      firstSeenLocal: s('export_col_first_seen_local'),
      text: s('export_col_text'),
      categories: s('export_col_categories'),
      action: s('export_col_action'),
      source: s('export_col_source'),
      language: s('export_col_language'),
      recordHash: s('export_col_record_hash'),
      chainHash: s('export_col_chain_hash'),
    },
    categoryName: (id: string) => s(`category_${id}`),
  };
}
