/**
 * The printable report (HTML, print it to PDF), in her language: first a summary table (how many
 * records for each main reason and each account, first and last seen, platforms), then one compact
 * block per record: its main reason in words, the text, times (the platform's post time beside the
 * time Bouclier first saw it), context, every category with its score, its screenshot, its hashes.
 * No id is printed as such: every value is a word of her language. Page text is always escaped.
 */
import type { LogEntry } from '../types';
import { hashRecords, type HashedRecord } from '../hash-chain';
import { mainReason, summarize } from '../dossier';
import { categoriesWithScores, exportable, exportTitle, localTime, wordsOf, type ExportContext } from './context';
import { REPORT_CSS } from './report-style';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}
const e = escapeHtml;
const link = (u: string | null | undefined): string => (u && /^https?:\/\//i.test(u) ? `<a href="${e(u)}">${e(u)}</a>` : e(u ?? '—'));
const handle = (a: string | null | undefined): string => (a ? `@${a}` : '—');
/** How many accounts the summary lists by name; the rest are counted. */
const SUMMARY_ACCOUNTS = 15;

function summaryHtml(entries: LogEntry[], ctx: ExportContext): string {
  const m = ctx.text.msg;
  const w = wordsOf(ctx);
  const s = summarize(entries);
  const when = (ms: number | null) => (ms === null ? '—' : e(localTime(ms, ctx)));
  const facts = [
    [m('export_summary_period'), `${when(s.firstSeen)} – ${when(s.lastSeen)}`],
    [m('export_summary_platforms'), s.platforms.map(([p, n]) => `${e(w.platform(p))} (${n})`).join(', ') || '—'],
    [m('export_summary_kept'), String(s.kept)],
    ...(s.notAbusive > 0 ? [[m('export_summary_not_abusive'), String(s.notAbusive)]] : []),
  ];
  const reasons = s.reasons.map(([r, n]) => `<tr><td>${e(w.category(r))}</td><td class="n">${n}</td></tr>`).join('');
  const accounts = s.accounts
    .slice(0, SUMMARY_ACCOUNTS)
    .map((a) => `<tr><td>${e(handle(a.author))}</td><td>${e(w.platform(a.platform))}</td><td class="n">${a.count}</td><td>${when(a.firstSeen)}</td><td>${when(a.lastSeen)}</td></tr>`)
    .join('');
  const more = s.accounts.length > SUMMARY_ACCOUNTS ? `<p class="meta">${e(m('export_summary_more', [String(s.accounts.length - SUMMARY_ACCOUNTS)]))}</p>` : '';
  return `<section class="summary">
<h2>${e(m('export_summary_title'))}</h2>
<table class="facts">${facts.map(([k, v]) => `<tr><th>${e(k!)}</th><td>${v}</td></tr>`).join('')}</table>
<div class="cols">
<table class="reasons"><caption>${e(m('export_summary_reasons'))}</caption><tr><th>${e(m('export_col_main_reason'))}</th><th>${e(m('export_summary_records'))}</th></tr>${reasons}</table>
<table class="accounts"><caption>${e(m('export_summary_accounts'))}</caption><tr><th>${e(m('export_col_author'))}</th><th>${e(m('export_col_platform'))}</th><th>${e(m('export_summary_records'))}</th><th>${e(m('export_summary_first'))}</th><th>${e(m('export_summary_last'))}</th></tr>${accounts}</table>
</div>
${more}
</section>`;
}

function recordHtml(r: HashedRecord, i: number, ctx: ExportContext): string {
  const m = ctx.text.msg;
  const w = wordsOf(ctx);
  const x = r.entry;
  const reason = mainReason(x);
  const kept = typeof x.pinnedAt === 'number';
  const row = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${value}</dd>`;
  const posted = x.postedAt ? Date.parse(x.postedAt) : NaN;
  const shot = x.screenshot ? ctx.screenshots?.get(x.screenshot) : undefined;
  const rows = [
    Number.isFinite(posted) ? row(m('export_col_posted_at_local'), e(localTime(posted, ctx))) : '',
    row(m('export_col_first_seen_local'), `${e(localTime(x.firstSeen, ctx))} <span class="hash">(${e(new Date(x.firstSeen).toISOString())})</span>`),
    row(m('export_col_permalink'), link(x.permalink)),
    x.parent ? row(m('export_col_parent'), [x.parent.author ? e(handle(x.parent.author)) : '', link(x.parent.permalink), x.parent.text ? `« ${e(x.parent.text)} »` : ''].filter(Boolean).join(' · ')) : '',
    x.target ? row(m('export_col_target'), e(handle(x.target))) : '',
    row(m('export_col_scores'), e(categoriesWithScores(x, ctx))),
    row(m('export_col_handling'), [w.kind(x.kind), w.action(x.action), w.source(x.source), w.language(x.lang)].map(e).join(' · ')),
    x.displayName ? row(m('export_col_display_name'), e(x.displayName)) : '',
    row(m('export_col_thread'), link(x.thread)),
    x.pageUrl !== x.thread ? row(m('export_col_page_url'), link(x.pageUrl)) : '',
    x.screenshot ? row(m('export_col_screenshot'), `${shot ? `<img class="shot" src="${e(shot)}" alt="${e(m('export_col_screenshot'))}"><br>` : ''}<span class="hash">${e(x.screenshot)}</span>`) : '',
    x.feedback && typeof x.feedbackAt === 'number' ? row(m('export_col_feedback_at'), e(localTime(x.feedbackAt, ctx))) : '',
    row(m('export_col_record_hash'), `<span class="hash">${r.recordHash}</span>`),
    row(m('export_col_chain_hash'), `<span class="hash">${r.chainHash}</span>`),
  ].filter(Boolean);
  const badges = [
    kept ? `<span class="badge">${e(m('export_kept_since', [localTime(x.pinnedAt!, ctx)]))}</span>` : '',
    x.feedback ? `<span class="badge fb">${e(w.feedback(x.feedback))}</span>` : '',
  ].join('');
  return `<article class="record${kept ? ' kept' : ''}" data-index="${i + 1}" data-record-hash="${r.recordHash}" data-chain-hash="${r.chainHash}">
<header><b>#${i + 1}</b> · <span class="reason">${e(reason ? w.category(reason) : '—')}</span> · ${e(handle(x.author))} · ${e(w.platform(x.platform))} · ${e(localTime(x.firstSeen, ctx))}${badges}</header>
<blockquote class="text">${e(x.text)}</blockquote>
<dl>${rows.join('')}</dl>
</article>`;
}

export async function toPrintableHtml(all: LogEntry[], ctx: ExportContext): Promise<{ html: string; finalHash: string; count: number }> {
  const entries = exportable(all, ctx);
  const { records, finalHash } = await hashRecords(entries);
  const m = ctx.text.msg;
  const title = exportTitle(ctx);
  const c = ctx.text.lang === 'fr' ? ' : ' : ': ';
  const html = `<!doctype html>
<html lang="${ctx.text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>${e(title)}</h1>
<p class="intro">${e(m('export_intro'))}</p>
<p class="meta">${e(m('export_exported_at'))}${c}${e(localTime(ctx.now.getTime(), ctx))} (${e(ctx.now.toISOString())}) · ${e(m('export_timezone'))}${c}${e(ctx.timeZone)} · ${e(m('export_count'))}${c}${records.length}<br>
${e(m('export_final_hash'))}${c}<span class="hash" id="final-hash">${finalHash}</span></p>
<p class="proves">${e(ctx.text.proves)}</p>
<p class="anchor">${e(m('export_anchor_line'))} ________________________________________</p>
${summaryHtml(entries, ctx)}
<h2>${e(m('export_records_title'))}</h2>
${records.map((r, i) => recordHtml(r, i, ctx)).join('\n')}
<div class="verify">${e(m('export_verify_howto'))}</div>
</body>
</html>
`;
  return { html, finalHash, count: records.length };
}
