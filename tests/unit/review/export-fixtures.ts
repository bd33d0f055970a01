/** Records and export contexts in her two languages, with the real _locales catalogues. */
import fs from 'node:fs';
import path from 'node:path';
import { exportTextFrom, type ExportContext, type ExportLang, type Messages } from '../../../src/review/evidence';
import type { LogEntry } from '../../../src/review/types';

export const T0 = Date.UTC(2026, 10, 28, 20, 11, 0);

export function le(i: number, over: Partial<LogEntry> = {}): LogEntry {
  return {
    id: `reddit|p|${i}`, platform: 'reddit', kind: 'comment', pageUrl: 'https://www.reddit.com/r/france/comments/1demo42/x/',
    thread: 'https://www.reddit.com/r/france/comments/1demo42/x/', permalink: `https://www.reddit.com/r/france/comments/1demo42/x/demo00${i}/`,
    author: `user_${i}`, displayName: null, text: `texte numéro ${i}`, labels: ['misogyny'], scores: { misogyny: 0.9 }, action: 'blur',
    source: 'model', seenAt: T0 + i, lang: 'fr', firstSeen: T0 + i * 60_000, lastSeen: T0 + i * 60_000, seenCount: 1, feedback: null, ...over,
  };
}

/** A record with every optional piece of evidence. */
export function withEvidence(i: number, over: Partial<LogEntry> = {}): LogEntry {
  return le(i, {
    postedAt: '2026-11-28T19:58:00.000Z',
    parent: { permalink: 'https://www.reddit.com/r/france/comments/1demo42/x/parent1/', author: 'marie_journaliste', text: 'Mon enquête sur le harcèlement' },
    target: 'marie_journaliste',
    screenshot: 'ab'.repeat(32),
    ...over,
  });
}

export function messages(lang: ExportLang): Messages {
  return JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8')) as Messages;
}

export function ctxFor(lang: ExportLang, over: Partial<ExportContext> = {}): ExportContext {
  return { now: new Date(Date.UTC(2026, 10, 29, 9, 0, 0)), timeZone: 'Europe/Paris', text: exportTextFrom(messages(lang), lang), ...over };
}

/**
 * Ids as the log stores them: none may reach her as such in a report, a CSV or the review page. In
 * English some ids are also the right words ("comment", "threat"), so only the others are looked for.
 */
export const RAW_IDS = /\b(blur|collapse|remove|model|correction|comment|dm|und|not_abusive|identity_attack|toxic|misogyny|insult|threat|muted)\b|category_|export_|review_/;
export const RAW_IDS_EN = /\b(blur|collapse|remove|model|correction|dm|und|not_abusive|identity_attack)\b|category_|export_|review_/;
