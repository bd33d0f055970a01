/**
 * options.html#review — everything Bouclier hid, kept on this device: search, filter, sort, a
 * virtualised list (fixed-height rows, only the visible ones are in the DOM, so 50,000 records
 * scroll smoothly), text shielded until she asks to see it, bulk selection, "not abusive" (with
 * undo), evidence export (CSV / JSON / printable report, FR or EN) followed by its final hash to send
 * away, retention (the log and the pile-on records alike) and "delete all".
 * Page text is only ever rendered as React text nodes (never as HTML).
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { normalize } from '@/src/classifier/normalize';
import { allEntries, clearLog, countEntries, deleteEntries, newestEntries, openLog, pruneBefore, retentionCutoff, setFeedback, type LogDB } from '../log';
import { addCorrections, CORRECTIONS_KEY, loadCorrections, removeCorrections, type Correction } from '../corrections';
import { toCsv, toJson, toPrintableHtml, type ExportContext } from '../evidence';
import { deleteRaidEvents, loadRaidEvents, pruneRaidEventsBefore, RAID_EVENTS_KEY } from '@/src/protect/events';
import { DEFAULT_REVIEW_PREFS, parseReviewPrefs, RETENTION_CHOICES, REVIEW_PREFS_KEY, type LogEntry, type ReviewPrefs } from '../types';
import { exportText } from './exportText';
import { ExportAnchor, type ExportedFile } from './ExportAnchor';
import { ReviewStatusNote } from './StatusNote';
import './review.css';

export const ROW_HEIGHT = 96;
const OVERSCAN = 6;

type Sort = 'newest' | 'oldest' | 'author' | 'platform';
interface Filters {
  q: string;
  platform: string;
  category: string;
  author: string;
  from: string;
  to: string;
  lang: string;
  feedback: string;
}
const NO_FILTERS: Filters = { q: '', platform: '', category: '', author: '', from: '', to: '', lang: '', feedback: '' };

/** Lowercase, accent-free haystack (cheap: no full normalisation for 50,000 records). */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const hayCache = new WeakMap<LogEntry, string>();
function hay(e: LogEntry): string {
  let h = hayCache.get(e);
  if (h === undefined) {
    h = fold(`${e.text}\n${e.author ?? ''}\n${e.displayName ?? ''}`);
    hayCache.set(e, h);
  }
  return h;
}

function applyFilters(entries: LogEntry[], f: Filters, sort: Sort): LogEntry[] {
  const q = fold(f.q.trim());
  const author = f.author.trim().toLowerCase().replace(/^@/, '');
  const from = f.from ? new Date(`${f.from}T00:00:00`).getTime() : -Infinity;
  const to = f.to ? new Date(`${f.to}T23:59:59.999`).getTime() : Infinity;
  const out = entries.filter(
    (e) =>
      (!f.platform || e.platform === f.platform) &&
      (!f.category || e.labels.includes(f.category)) &&
      (!f.lang || e.lang === f.lang) &&
      (!author || (e.author ?? '').toLowerCase().includes(author)) &&
      e.firstSeen >= from &&
      e.firstSeen <= to &&
      (!f.feedback || (f.feedback === 'none' ? !e.feedback && e.source === 'model' : f.feedback === 'abusive' ? e.source === 'correction' : e.feedback === f.feedback)) &&
      (!q || hay(e).includes(q)),
  );
  const cmp: Record<Sort, (a: LogEntry, b: LogEntry) => number> = {
    newest: (a, b) => b.firstSeen - a.firstSeen,
    oldest: (a, b) => a.firstSeen - b.firstSeen,
    author: (a, b) => (a.author ?? '').localeCompare(b.author ?? '') || b.firstSeen - a.firstSeen,
    platform: (a, b) => a.platform.localeCompare(b.platform) || b.firstSeen - a.firstSeen,
  };
  return out.sort(cmp[sort]);
}

function download(name: string, mime: string, content: string): string {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}

const stamp = (d: Date): string => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
const uiLang = (): 'fr' | 'en' => (browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en');
const catName = (c: string): string => t(`category_${c}`);

export function ReviewPage() {
  const dbRef = useRef<LogDB | null>(null);
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  /** True while only the newest page is loaded. */
  const [partial, setPartial] = useState(false);
  const [dbError, setDbError] = useState<string | null>(null);
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const [prefs, setPrefs] = useState<ReviewPrefs>(DEFAULT_REVIEW_PREFS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>('newest');
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [revealed, setRevealed] = useState<Set<string>>(() => new Set());
  const [detailId, setDetailId] = useState<string | null>(null);
  const [trustAuthor, setTrustAuthor] = useState(false);
  const [exportLang, setExportLang] = useState<'fr' | 'en'>(uiLang);
  const [confirmClear, setConfirmClear] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportedFile | null>(null);
  const [raidCount, setRaidCount] = useState(0);
  const countRef = useRef(-1);
  const reloadRef = useRef<() => Promise<void>>(async () => undefined);

  const reload = useCallback(async () => {
    try {
      dbRef.current ??= await openLog(undefined, () => {
        dbRef.current = null;
        // Closed under us: the log was erased (Privacy & data) or the browser closed it. Show what is there now.
        setTimeout(() => void reloadRef.current(), 250);
      });
      const db = dbRef.current;
      if (countRef.current < 0) {
        // First load: show the newest page at once, then everything (50,000 records take a while).
        const first = await newestEntries(db, 40);
        setPartial(true);
        setEntries((prev) => prev ?? first);
      }
      const t0 = performance.now();
      const all = await allEntries(db);
      document.documentElement.setAttribute('data-review-load-ms', String(Math.round(performance.now() - t0)));
      countRef.current = all.length;
      setEntries(all);
      setPartial(false);
      setDbError(null);
    } catch (e) {
      dbRef.current = null;
      setDbError(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      setEntries((prev) => prev ?? []);
    }
  }, []);

  useEffect(() => {
    reloadRef.current = reload;
  }, [reload]);

  useEffect(() => {
    const countRaids = () => void loadRaidEvents().then((e) => setRaidCount(e.length), () => undefined);
    void reload();
    countRaids();
    void loadCorrections().then(setCorrections);
    void browser.storage.local.get(REVIEW_PREFS_KEY).then((v) => setPrefs(parseReviewPrefs(v[REVIEW_PREFS_KEY])));
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      if (changes[CORRECTIONS_KEY]) void loadCorrections().then(setCorrections);
      if (changes[REVIEW_PREFS_KEY]) setPrefs(parseReviewPrefs(changes[REVIEW_PREFS_KEY].newValue));
      if (changes[RAID_EVENTS_KEY]) countRaids();
    };
    browser.storage.onChanged.addListener(onChange);
    // New records arrive from open tabs: reload when the count changes (count() is cheap).
    const timer = setInterval(() => {
      const db = dbRef.current;
      if (!db) return;
      void countEntries(db).then((n) => {
        if (n !== countRef.current) void reload();
      }, () => undefined);
    }, 1500);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      clearInterval(timer);
    };
  }, [reload]);

  const deferredFilters = useDeferredValue(filters);
  const shown = useMemo(() => (entries ? applyFilters(entries, deferredFilters, sort) : []), [entries, deferredFilters, sort]);
  const byId = useMemo(() => new Map((entries ?? []).map((e) => [e.id, e])), [entries]);
  const platforms = useMemo(() => [...new Set((entries ?? []).map((e) => e.platform))].sort(), [entries]);
  const categories = useMemo(() => [...new Set((entries ?? []).flatMap((e) => e.labels))].sort(), [entries]);

  useEffect(() => {
    if (entries !== null && !partial) document.documentElement.setAttribute('data-review-ready', String(entries.length));
  }, [entries, partial]);

  const setF = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
  };
  const toggle = (set: Set<string>, id: string): Set<string> => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  const allShownSelected = shown.length > 0 && shown.every((e) => selected.has(e.id));
  const scope = (): LogEntry[] => (selected.size > 0 ? shown.filter((e) => selected.has(e.id)) : shown);
  const selectedEntries = (): LogEntry[] => [...selected].map((id) => byId.get(id)).filter((e): e is LogEntry => !!e);

  function patchEntries(ids: string[], patch: Partial<LogEntry>) {
    const set = new Set(ids);
    setEntries((prev) => prev?.map((e) => (set.has(e.id) ? { ...e, ...patch } : e)) ?? prev);
  }

  async function markNotAbusive(list: LogEntry[]) {
    if (list.length === 0) return;
    await addCorrections(
      list.map((e) => ({
        verdict: 'allow' as const,
        text: e.text,
        platform: e.platform,
        author: e.author,
        trustAuthor: trustAuthor && !!e.author,
        label: (e.labels[0] ?? 'misogyny') as Correction['label'],
        entryId: e.id,
      })),
    );
    if (dbRef.current) await setFeedback(dbRef.current, list.map((e) => e.id), 'not_abusive');
    patchEntries(list.map((e) => e.id), { feedback: 'not_abusive' });
    setNotice(t('review_notice_not_abusive', [String(list.length)]));
  }

  async function undo(list: LogEntry[]) {
    if (list.length === 0) return;
    const ids = new Set(list.map((e) => e.id));
    const keys = new Set(list.map((e) => normalize(e.text)));
    const drop = corrections.filter((c) => (c.entryId && ids.has(c.entryId)) || keys.has(normalize(c.text))).map((c) => c.id);
    await removeCorrections(drop);
    if (dbRef.current) await setFeedback(dbRef.current, [...ids], null);
    patchEntries([...ids], { feedback: null });
    setNotice(t('review_notice_undone', [String(list.length)]));
  }

  async function removeSelected() {
    const ids = [...selected];
    if (ids.length === 0 || !dbRef.current) return;
    await deleteEntries(dbRef.current, ids);
    setSelected(new Set());
    await reload();
  }

  async function doExport(kind: 'csv' | 'json' | 'html') {
    const list = scope();
    if (list.length === 0) return;
    const started = performance.now();
    const ctx: ExportContext = { now: new Date(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, text: await exportText(exportLang) };
    const base = `bouclier-${exportLang}-${stamp(ctx.now)}`;
    const fileName = `${base}.${kind}`;
    const made =
      kind === 'csv'
        ? await toCsv(list, ctx).then((o) => ({ body: o.csv, finalHash: o.finalHash, mime: 'text/csv;charset=utf-8' }))
        : kind === 'json'
          ? await toJson(list, ctx).then((o) => ({ body: o.json, finalHash: o.finalHash, mime: 'application/json' }))
          : await toPrintableHtml(list, ctx).then((o) => ({ body: o.html, finalHash: o.finalHash, mime: 'text/html;charset=utf-8' }));
    const url = download(fileName, made.mime, made.body);
    if (kind === 'html') window.open(url, '_blank', 'noopener');
    document.documentElement.setAttribute('data-review-export-ms', String(Math.round(performance.now() - started)));
    setNotice(t('review_notice_exported', [String(list.length)]));
    // The hash is worth something as evidence only once it is recorded outside this device: ask now.
    setExported({ finalHash: made.finalHash, count: list.length, fileName, exportedAtUtc: ctx.now.toISOString() });
  }

  async function changeRetention(days: number) {
    const next = parseReviewPrefs({ ...prefs, retentionDays: days });
    await browser.storage.local.set({ [REVIEW_PREFS_KEY]: next });
    setPrefs(next);
    const cutoff = retentionCutoff(next.retentionDays);
    if (cutoff !== null && dbRef.current) {
      const n = await pruneBefore(dbRef.current, cutoff);
      const raids = await pruneRaidEventsBefore(cutoff);
      if (n + raids > 0) setNotice(t('review_notice_pruned', [String(n), String(raids)]));
      await reload();
    }
  }

  async function clearEverything() {
    if (!dbRef.current) return;
    await clearLog(dbRef.current);
    await browser.storage.local.set({ [CORRECTIONS_KEY]: [] });
    await deleteRaidEvents();
    setConfirmClear(false);
    setSelected(new Set());
    setRevealed(new Set());
    setDetailId(null);
    await reload();
    setNotice(t('review_notice_cleared'));
    void browser.runtime.sendMessage({ type: 'review-retry' }).catch(() => undefined);
  }

  const detail = detailId ? byId.get(detailId) : undefined;
  const fmt = (ms: number) => new Date(ms).toLocaleString(browser.i18n.getUILanguage());

  return (
    <main className="review" data-testid="review">
      <h1>{t('review_title')}</h1>
      <p className="muted">{t('review_intro')}</p>
      <ReviewStatusNote withRetry />
      {dbError && (
        <p className="note err" role="alert" data-testid="review-db-error">
          {t('review_db_error', [dbError])}
        </p>
      )}
      {notice && (
        <p className="note ok" role="status" data-testid="review-notice">
          {notice}
        </p>
      )}

      <fieldset className="filters">
        <legend>{t('review_filters')}</legend>
        <label>
          {t('review_search')}
          <input type="search" data-testid="review-search" value={filters.q} onChange={(e) => setF({ q: e.target.value })} />
        </label>
        <label>
          {t('review_platform')}
          <select data-testid="review-platform" value={filters.platform} onChange={(e) => setF({ platform: e.target.value })}>
            <option value="">{t('review_all')}</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review_category')}
          <select data-testid="review-category" value={filters.category} onChange={(e) => setF({ category: e.target.value })}>
            <option value="">{t('review_all')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {catName(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review_author')}
          <input type="text" data-testid="review-author" value={filters.author} onChange={(e) => setF({ author: e.target.value })} />
        </label>
        <label>
          {t('review_from')}
          <input type="date" data-testid="review-from" value={filters.from} onChange={(e) => setF({ from: e.target.value })} />
        </label>
        <label>
          {t('review_to')}
          <input type="date" data-testid="review-to" value={filters.to} onChange={(e) => setF({ to: e.target.value })} />
        </label>
        <label>
          {t('review_language')}
          <select data-testid="review-lang" value={filters.lang} onChange={(e) => setF({ lang: e.target.value })}>
            <option value="">{t('review_all')}</option>
            <option value="fr">{t('review_lang_fr')}</option>
            <option value="en">{t('review_lang_en')}</option>
            <option value="und">{t('review_lang_und')}</option>
          </select>
        </label>
        <label>
          {t('review_feedback')}
          <select data-testid="review-feedback" value={filters.feedback} onChange={(e) => setF({ feedback: e.target.value })}>
            <option value="">{t('review_all')}</option>
            <option value="none">{t('review_feedback_none')}</option>
            <option value="not_abusive">{t('review_feedback_not_abusive')}</option>
            <option value="abusive">{t('review_feedback_marked')}</option>
          </select>
        </label>
        <label>
          {t('review_sort')}
          <select data-testid="review-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="newest">{t('review_sort_newest')}</option>
            <option value="oldest">{t('review_sort_oldest')}</option>
            <option value="author">{t('review_sort_author')}</option>
            <option value="platform">{t('review_sort_platform')}</option>
          </select>
        </label>
        <button type="button" data-testid="review-clear-filters" onClick={() => setF(NO_FILTERS)}>
          {t('review_clear_filters')}
        </button>
      </fieldset>

      <div className="bulk row">
        <label className="check">
          <input
            type="checkbox"
            data-testid="review-select-all"
            checked={allShownSelected}
            onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((e) => e.id)))}
          />
          {t('review_select_all')}
        </label>
        <span data-testid="review-count" data-shown={shown.length} data-total={entries?.length ?? 0} aria-live="polite">
          {partial ? t('review_loading') : t('review_count', [String(shown.length), String(entries?.length ?? 0), String(selected.size)])}
        </span>
      </div>
      <div className="bulk row">
        <button type="button" disabled={selected.size === 0} onClick={() => void markNotAbusive(selectedEntries())}>
          {t('review_not_abusive_selected')}
        </button>
        <label className="check">
          <input type="checkbox" checked={trustAuthor} onChange={(e) => setTrustAuthor(e.target.checked)} data-testid="review-trust-author" />
          {t('review_trust_author')}
        </label>
        <button type="button" disabled={selected.size === 0} onClick={() => void undo(selectedEntries())}>
          {t('review_undo_selected')}
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => void removeSelected()}>
          {t('review_delete_selected')}
        </button>
      </div>
      <div className="bulk row export">
        <strong>{selected.size > 0 ? t('review_export_selected', [String(selected.size)]) : t('review_export_filtered', [String(shown.length)])}</strong>
        <label>
          {t('review_export_language')}
          <select value={exportLang} data-testid="review-export-lang" onChange={(e) => setExportLang(e.target.value as 'fr' | 'en')}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" data-testid="export-csv" disabled={shown.length === 0} onClick={() => void doExport('csv')}>
          CSV
        </button>
        <button type="button" data-testid="export-json" disabled={shown.length === 0} onClick={() => void doExport('json')}>
          JSON
        </button>
        <button type="button" data-testid="export-html" disabled={shown.length === 0} onClick={() => void doExport('html')}>
          {t('review_export_printable')}
        </button>
      </div>
      {exported && <ExportAnchor file={exported} onClose={() => setExported(null)} />}

      {detail && (
        <section className="detail" data-testid="review-detail" aria-label={t('review_details')}>
          <h2>{t('review_details')}</h2>
          <dl>
            <dt>{t('export_col_platform')}</dt>
            <dd data-field="platform">{detail.platform}</dd>
            <dt>{t('export_col_author')}</dt>
            <dd data-field="author">{detail.author ?? '—'}</dd>
            <dt>{t('export_col_display_name')}</dt>
            <dd data-field="displayName">{detail.displayName ?? '—'}</dd>
            <dt>{t('export_col_permalink')}</dt>
            <dd data-field="permalink">{detail.permalink && /^https?:\/\//.test(detail.permalink) ? <a href={detail.permalink} target="_blank" rel="noreferrer noopener">{detail.permalink}</a> : '—'}</dd>
            <dt>{t('export_col_thread')}</dt>
            <dd data-field="thread">{detail.thread}</dd>
            <dt>{t('export_col_first_seen_local')}</dt>
            <dd data-field="firstSeen" data-ms={detail.firstSeen}>
              {fmt(detail.firstSeen)} ({new Date(detail.firstSeen).toISOString()})
            </dd>
            <dt>{t('export_col_categories')}</dt>
            <dd data-field="labels" data-labels={detail.labels.join(' ')}>{detail.labels.map(catName).join(', ')}</dd>
            <dt>{t('export_col_action')}</dt>
            <dd data-field="action">{detail.action}</dd>
            <dt>{t('export_col_language')}</dt>
            <dd data-field="lang">{detail.lang}</dd>
            <dt>{t('review_scores')}</dt>
            <dd data-field="scores">{Object.entries(detail.scores).map(([k, v]) => `${catName(k)} ${v.toFixed(2)}`).join(' · ') || '—'}</dd>
            <dt>{t('review_seen')}</dt>
            <dd data-field="seen">{t('review_seen_times', [String(detail.seenCount), fmt(detail.lastSeen)])}</dd>
            <dt>{t('export_col_text')}</dt>
            <dd data-field="text">
              {revealed.has(detail.id) ? (
                <blockquote className="fulltext">{detail.text}</blockquote>
              ) : (
                <button type="button" onClick={() => setRevealed((r) => toggle(r, detail.id))}>
                  {t('review_show_text')}
                </button>
              )}
            </dd>
          </dl>
          <button type="button" onClick={() => setDetailId(null)}>
            {t('review_close')}
          </button>
        </section>
      )}

      {entries === null ? (
        <p className="muted">{t('review_loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted" data-testid="review-empty">{t('review_empty')}</p>
      ) : null}
      <VirtualList
        items={shown}
        label={t('review_title')}
        renderRow={(e, i) => {
            const isRevealed = revealed.has(e.id);
            return (
              <div
                key={e.id}
                role="listitem"
                className={`vrow${e.labels.includes('threat') ? ' threat' : ''}${e.feedback === 'not_abusive' ? ' allowed' : ''}`}
                style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
                data-testid="review-row"
                data-id={e.id}
                data-permalink={e.permalink ?? ''}
                data-feedback={e.feedback ?? ''}
                data-source={e.source}
              >
                <div className="meta">
                  <input
                    type="checkbox"
                    aria-label={t('review_select_one')}
                    checked={selected.has(e.id)}
                    onChange={() => setSelected((s) => toggle(s, e.id))}
                  />
                  <time dateTime={new Date(e.firstSeen).toISOString()}>{fmt(e.firstSeen)}</time>
                  <span className="platform">{e.platform}</span>
                  <span className="author">{e.author ? `@${e.author}` : '—'}</span>
                  <span className="cats">{e.labels.map(catName).join(', ')}</span>
                  <span className="lang">{e.lang}</span>
                  {e.source === 'correction' && <span className="badge">{t('review_badge_marked')}</span>}
                  {e.feedback === 'not_abusive' && <span className="badge ok">{t('review_badge_not_abusive')}</span>}
                </div>
                <div className="text" data-revealed={isRevealed}>
                  {isRevealed ? e.text : t('review_hidden_text', [String(e.text.length)])}
                </div>
                <div className="actions">
                  <button type="button" data-action="reveal" aria-expanded={isRevealed} onClick={() => setRevealed((r) => toggle(r, e.id))}>
                    {isRevealed ? t('shield_hide_again') : t('shield_show')}
                  </button>
                  <button type="button" data-action="details" onClick={() => setDetailId(e.id)}>
                    {t('review_details')}
                  </button>
                  {e.feedback === 'not_abusive' || e.source === 'correction' ? (
                    <button type="button" data-action="undo" onClick={() => void undo([e])}>
                      {t('review_undo')}
                    </button>
                  ) : (
                    <button type="button" data-action="not-abusive" onClick={() => void markNotAbusive([e])}>
                      {t('review_not_abusive')}
                    </button>
                  )}
                </div>
              </div>
            );
          }}
      />

      <section className="corrections">
        <h2>{t('review_corrections_title', [String(corrections.length)])}</h2>
        <p className="muted">{t('review_corrections_intro')}</p>
        <ul className="entries" data-testid="review-corrections">
          {corrections.slice(-100).reverse().map((c) => (
            <li key={c.id} data-verdict={c.verdict}>
              <span className="badge">{c.verdict === 'allow' ? t('review_badge_not_abusive') : t('review_badge_marked')}</span>
              <span className="value">{c.trustAuthor && c.author ? t('review_trusted_author', [`@${c.author}`, c.platform]) : c.text.slice(0, 140)}</span>
              <button type="button" onClick={() => void removeCorrections([c.id])}>
                {t('review_undo')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="retention">
        <h2>{t('review_retention_title')}</h2>
        <label>
          {t('review_retention_label')}{' '}
          <select data-testid="review-retention" value={prefs.retentionDays} onChange={(e) => void changeRetention(Number(e.target.value))}>
            {RETENTION_CHOICES.map((d) => (
              <option key={d} value={d}>
                {d === 0 ? t('review_retention_forever') : t('review_retention_days', [String(d)])}
              </option>
            ))}
          </select>
        </label>
        <p className="muted" data-testid="review-retention-raids">{t('review_retention_applies', [String(raidCount)])}</p>
        <div className="row">
          {!confirmClear ? (
            <button type="button" data-testid="review-clear" onClick={() => setConfirmClear(true)}>
              {t('review_clear_all')}
            </button>
          ) : (
            <div className="note warn" role="alertdialog" aria-label={t('review_clear_all')}>
              <p>{t('review_clear_confirm', [String(entries?.length ?? 0), String(raidCount)])}</p>
              <button type="button" className="primary danger" data-testid="review-clear-confirm" onClick={() => void clearEverything()}>
                {t('review_clear_yes')}
              </button>{' '}
              <button type="button" onClick={() => setConfirmClear(false)}>
                {t('review_cancel')}
              </button>
            </div>
          )}
        </div>
      </section>
    </main>
  );
}

/**
 * Fixed-height virtual list: only the rows in view (plus OVERSCAN) are in the DOM. Scrolling
 * re-renders this component only, not the page. Scroll goes back to the top when `items` changes.
 */
function VirtualList({ items, label, renderRow }: { items: LogEntry[]; label: string; renderRow: (e: LogEntry, i: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
    setScrollTop(0);
  }, [items]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  return (
    // Focusable region so the list scrolls from the keyboard; rows are list items of the inner list.
    <div className="vlist" ref={ref} data-testid="review-list" role="region" tabIndex={0} aria-label={label} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div role="list" aria-label={label} style={{ height: items.length * ROW_HEIGHT, position: 'relative' }}>
        {items.slice(first, last).map((e, k) => renderRow(e, first + k))}
      </div>
    </div>
  );
}
