/**
 * What every export format shares: its context (time, time zone, words, options), which records it
 * holds, and how times and numbers are written in her language.
 */
import type { LogEntry } from '../types';
import type { ExportText } from './text';
import { wordsFor, type Words } from './words';

export interface ExportContext {
  now: Date;
  timeZone: string;
  text: ExportText;
  /** Items she marked "not abusive" are left out unless she asks for them (then with her feedback). */
  includeNotAbusive?: boolean;
  /** A dossier of one account: its title names the account. */
  dossier?: { platform: string; author: string | null } | null;
  /** Screenshots the records name, as data: URLs (the printable report shows them). */
  screenshots?: ReadonlyMap<string, string>;
}

/** The records an export holds, in the order given. */
export function exportable(entries: readonly LogEntry[], ctx: Pick<ExportContext, 'includeNotAbusive'>): LogEntry[] {
  return ctx.includeNotAbusive ? [...entries] : entries.filter((e) => e.feedback !== 'not_abusive');
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** A date and time in her language and time zone, the zone named (e.g. "28 nov. 2026, 21:11:00 UTC+1"). */
export function localTime(ms: number, ctx: Pick<ExportContext, 'text' | 'timeZone'>): string {
  const key = `${ctx.text.lang}|${ctx.timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.text.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'long', timeZone: ctx.timeZone });
    formatters.set(key, f);
  }
  return f.format(new Date(ms));
}

/** A score as she writes numbers (0,93 in French). */
export function score(v: number, ctx: Pick<ExportContext, 'text'>): string {
  return v.toLocaleString(ctx.text.lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export const wordsOf = (ctx: Pick<ExportContext, 'text'>): Words => wordsFor(ctx.text.msg);

/** "insult 0.88 · misogyny 0.93": every category it was hidden for, with its score when the model gave one. */
export function categoriesWithScores(e: Pick<LogEntry, 'labels' | 'scores'>, ctx: Pick<ExportContext, 'text'>): string {
  const w = wordsOf(ctx);
  return e.labels.map((l) => (e.scores[l] === undefined ? w.category(l) : `${w.category(l)} ${score(e.scores[l], ctx)}`)).join(' · ');
}

/** The export's title: the dossier's account when it is one. */
export function exportTitle(ctx: ExportContext): string {
  const d = ctx.dossier;
  if (!d) return ctx.text.msg('export_title');
  return ctx.text.msg('export_dossier_title', [d.author ? `@${d.author}` : '—', wordsOf(ctx).platform(d.platform)]);
}
