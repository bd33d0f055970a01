/**
 * The fake browser of wxt/testing has no i18n: answer browser.i18n.getMessage with the real English
 * catalogue, placeholders resolved as Chrome does. For jsdom tests that render the shield's words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function useEnglishMessages(): void {
  const en = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Messages;
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) => {
    const m = en[key];
    if (!m) return '';
    const args = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return m.message
      .replace(/\$([a-z0-9_]+)\$/gi, (_, name: string) => m.placeholders?.[name.toLowerCase()]?.content ?? '')
      .replace(/\$(\d)/g, (_, d: string) => args[Number(d) - 1] ?? '');
  }) as never);
}
