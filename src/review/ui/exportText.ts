/**
 * Export strings in the language she picks for the dossier (which may differ from the browser's):
 * read from the extension's own bundled _locales/<lang>/messages.json (a file inside the extension,
 * no network), so the strings still live only in _locales.
 */
import { browser } from 'wxt/browser';
import { exportTextFrom, type ExportLang, type ExportText, type Messages } from '../evidence';

const cache = new Map<string, Messages>();

async function messages(lang: ExportLang): Promise<Messages> {
  const hit = cache.get(lang);
  if (hit) return hit;
  const res = await fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json` as never));
  const json = (await res.json()) as Messages;
  cache.set(lang, json);
  return json;
}

export async function exportText(lang: ExportLang): Promise<ExportText> {
  return exportTextFrom(await messages(lang), lang);
}
