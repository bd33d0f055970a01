/**
 * The content script's words read ahead from the background (src/ui/ui-strings.ts) say exactly what
 * i18n.getMessage says, substitutions included; the request is validated like every other.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useEnglishMessages } from './helpers/english-messages';
import { CONTENT_UI_KEYS, registerUiStrings } from '../../src/ui/ui-strings';
import { preloadMessages, t } from '../../src/ui/i18n';
import { parseBackgroundRequest } from '../../src/messaging/background-protocol';
import { createBackgroundRouter } from '../../src/messaging/background-router';

const catalog = (lang: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, unknown>;

describe('content-script words read ahead', () => {
  it('lists only keys both catalogs have', () => {
    for (const lang of ['en', 'fr']) expect(CONTENT_UI_KEYS.filter((k) => !(k in catalog(lang)))).toEqual([]);
  });

  it('says what getMessage says, with and without substitutions', async () => {
    useEnglishMessages();
    let handler: ((req: { type: 'ui-strings'; keys: string[] }) => unknown) | undefined;
    registerUiStrings({ on: (_type: string, h: typeof handler) => (handler = h) } as unknown as ReturnType<typeof createBackgroundRouter>);
    const strings = (await handler!({ type: 'ui-strings', keys: CONTENT_UI_KEYS })) as Record<string, string>;
    const subs = ['12', '3', '14:05', 'PM'];
    const direct = CONTENT_UI_KEYS.map((k) => [fakeBrowser.i18n.getMessage(k as never), fakeBrowser.i18n.getMessage(k as never, subs)]);
    preloadMessages(strings);
    // t() memoises: ask with substitutions the memo has not seen (the preloaded path answers them).
    expect(CONTENT_UI_KEYS.map((k) => [t(k), t(k, subs)])).toEqual(direct);
    expect(t('protect_banner_time', ['1', '13', '07', 'PM'])).toBe('1:07 PM');
  });

  it('is asked with a bounded list of keys', () => {
    expect(parseBackgroundRequest({ type: 'ui-strings', keys: ['menu_more'] })).toEqual({ type: 'ui-strings', keys: ['menu_more'] });
    expect(parseBackgroundRequest({ type: 'ui-strings', keys: [1] })).toBeNull();
    expect(parseBackgroundRequest({ type: 'ui-strings', keys: Array.from({ length: 201 }, () => 'k') })).toBeNull();
  });
});
