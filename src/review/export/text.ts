/**
 * The words of an export, in the language she picks for it (which may differ from the browser's):
 * looked up in that language's _locales/<lang>/messages.json, placeholders substituted as the browser
 * does, so every string still lives only in _locales. Pure: the page passes the bundled file it read,
 * tests pass the file from disk.
 */
export type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export type ExportLang = 'fr' | 'en';

export interface ExportText {
  lang: ExportLang;
  /** What the hashes prove (and do not), travelling with every format. */
  proves: string;
  categoryName(id: string): string;
  /** Any string of that language's catalogue, $1… replaced by `subs`. */
  msg(key: string, subs?: string[]): string;
}

export function exportTextFrom(messages: Messages, lang: ExportLang): ExportText {
  const msg = (key: string, subs: string[] = []): string => {
    const m = messages[key];
    if (!m) return key;
    return m.message
      .replace(/\$([a-z0-9_]+)\$/gi, (_, name: string) => m.placeholders?.[name.toLowerCase()]?.content ?? '')
      .replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  };
  return { lang, proves: msg('export_proves'), categoryName: (id) => msg(`category_${id}`), msg };
}
