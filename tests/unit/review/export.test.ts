/**
 * What she and the person she gives the export to see: a French CSV opens in French Excel as columns
 * (";" and a BOM), an English one uses ","; values are words of her language, never stored ids; items
 * she marked "not abusive" are left out unless she includes them (then with her feedback and its time);
 * what she kept as evidence is marked; the report opens with a summary and gives one main reason per
 * record; post time, parent, target and screenshot appear when the record has them.
 */
import { describe, expect, it } from 'vitest';
import { toCsv, toJson, toPrintableHtml, type ExportContext } from '../../../src/review/evidence';
import { parseCsv } from '../../helpers/csv';
import { ctxFor, le, RAW_IDS, RAW_IDS_EN, withEvidence } from './export-fixtures';

const fr = ctxFor('fr');
const en = ctxFor('en');

/** The cells of one column, by its header. */
function column(table: string[][], header: string): string[] {
  const i = table[0]!.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${table[0]!.join(' | ')}`);
  return table.slice(1).map((r) => r[i]!);
}

/** What a reader of the report sees, without the page texts, links, handles and hashes (data, not Bouclier's words). */
function visibleWords(html: string, ctx: ExportContext): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@[\w.]+/g, ' ')
    .replace(/\b[0-9a-f]{64}\b/g, ' ')
    .replace(ctx.text.msg('export_verify_howto'), ' ');
}

const mixed = () => [
  le(1, { labels: ['misogyny', 'insult'], scores: { misogyny: 0.62, insult: 0.91 }, action: 'blur' }),
  le(2, { kind: 'dm', labels: ['threat'], scores: { threat: 0.8 }, action: 'collapse', source: 'correction', lang: 'und' }),
  // The reason the page gave: a category of the shield, not the general 'toxic' score.
  le(3, { labels: ['toxic', 'identity_attack'], scores: { toxic: 0.7, identity_attack: 0.4 }, action: 'remove', lang: 'en' }),
];

describe('CSV opens as columns in her spreadsheet', () => {
  it('French: ";" between cells and a UTF-8 BOM, header and values in French words', async () => {
    const { csv } = await toCsv(mixed(), fr);
    expect(csv.startsWith('\uFEFF"N°";"Plateforme";')).toBe(true);
    const table = parseCsv(csv.slice(1), ';');
    expect(table).toHaveLength(4);
    expect(new Set(table.map((r) => r.length)).size).toBe(1);
    expect(column(table, 'Motif principal')).toEqual(['insulte', 'menace', 'attaque identitaire']);
    expect(column(table, 'Type')).toEqual(['commentaire ou réponse', 'message privé', 'commentaire ou réponse']);
    expect(column(table, 'Action')).toEqual(['flouté', 'replié', "retiré de l'affichage"]);
    expect(column(table, 'Source')).toEqual(['masqué par le filtre de Bouclier', "signalé comme abusif par l'utilisatrice", 'masqué par le filtre de Bouclier']);
    expect(column(table, 'Langue')).toEqual(['Français', 'Indéterminée', 'Anglais']);
    expect(column(table, 'Catégories et scores')[0]).toBe('misogynie 0,62 · insulte 0,91');
    expect(column(table, 'Plateforme')[0]).toBe('Reddit');
    for (const h of ['Plateforme', 'Type', 'Motif principal', 'Catégories et scores', 'Action', 'Source', 'Langue']) {
      for (const cell of column(table, h)) expect(cell, h).not.toMatch(RAW_IDS);
    }
  });

  it('English: "," between cells, values in English words', async () => {
    const { csv } = await toCsv(mixed(), en);
    const table = parseCsv(csv.replace(/^\uFEFF/, ''), ',');
    expect(table[0]!.slice(0, 3)).toEqual(['#', 'Platform', 'Kind']);
    expect(new Set(table.map((r) => r.length)).size).toBe(1);
    expect(column(table, 'Main reason')).toEqual(['insult', 'threat', 'identity attack']);
    expect(column(table, 'Action taken')).toEqual(['blurred', 'collapsed', 'removed from view']);
    expect(column(table, 'Source')[0]).toBe("hidden by Bouclier's filter");
    expect(column(table, 'Categories and scores')[0]).toBe('misogyny 0.62 · insult 0.91');
  });

  it('quotes cells holding the separator, quotes or line breaks, and neutralises formulas (= + - @)', async () => {
    const texts = ['=HYPERLINK("http://evil";"x")', '+33 6 12', '-1;2', '@SUM(A1)', 'a; "b"\nc'];
    const { csv } = await toCsv(texts.map((text, i) => le(i + 1, { text, author: i === 0 ? '=cmd' : `u${i}` })), fr);
    const table = parseCsv(csv.slice(1), ';');
    expect(table).toHaveLength(6);
    expect(column(table, 'Texte')).toEqual(["'" + texts[0], "'" + texts[1], "'" + texts[2], "'" + texts[3], texts[4]]);
    expect(column(table, 'Auteur')[0]).toBe("'=cmd");
  });
});

describe('items she marked "not abusive"', () => {
  const entries = () => [le(1), le(2, { feedback: 'not_abusive', feedbackAt: Date.UTC(2026, 10, 29, 8, 30) }), le(3)];

  it('are left out of every format by default', async () => {
    const csv = parseCsv((await toCsv(entries(), fr)).csv.slice(1), ';');
    expect(column(csv, 'Auteur')).toEqual(['user_1', 'user_3']);
    const doc = JSON.parse((await toJson(entries(), fr)).json) as { count: number; records: { author: string }[]; includesNotAbusive: boolean };
    expect(doc.records.map((r) => r.author)).toEqual(['user_1', 'user_3']);
    expect(doc.includesNotAbusive).toBe(false);
    const { html, count } = await toPrintableHtml(entries(), fr);
    expect(count).toBe(2);
    expect(html).not.toContain('user_2');
  });

  it('are included when she asks, each with her feedback and its time', async () => {
    const ctx = ctxFor('fr', { includeNotAbusive: true });
    const csv = parseCsv((await toCsv(entries(), ctx)).csv.slice(1), ';');
    expect(column(csv, 'Auteur')).toEqual(['user_1', 'user_2', 'user_3']);
    expect(column(csv, "Avis de l'utilisatrice")).toEqual(['', "marqué non abusif par l'utilisatrice", '']);
    expect(column(csv, 'Avis donné le')[1]).toMatch(/29 nov\. 2026.*09:30:00/);
    const doc = JSON.parse((await toJson(entries(), ctx)).json) as { records: { feedback: string | null; feedbackAtUtc: string | null }[] };
    expect(doc.records[1]).toMatchObject({ feedback: 'not_abusive', feedbackAtUtc: '2026-11-29T08:30:00.000Z' });
    const { html } = await toPrintableHtml(entries(), ctx);
    expect(html).toContain("marqué non abusif par l&#39;utilisatrice");
    expect(html).toContain('Inclus bien que marqués non abusifs');
  });
});

describe('printable report', () => {
  it('opens with a summary (main reasons, accounts, first/last seen, platforms) before the records', async () => {
    const { html } = await toPrintableHtml([...mixed(), le(4, { author: 'user_1', firstSeen: Date.UTC(2026, 10, 30, 7, 0), lastSeen: Date.UTC(2026, 10, 30, 7, 0) })], fr);
    const summary = html.indexOf('<section class="summary">');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(html.indexOf('<article'));
    const s = html.slice(summary, html.indexOf('</section>', summary));
    expect(s).toContain('<td>insulte</td><td class="n">1</td>');
    expect(s).toContain('<td>misogynie</td><td class="n">1</td>');
    expect(s).toMatch(/<td>@user_1<\/td><td>Reddit<\/td><td class="n">2<\/td><td>28 nov\. 2026[^<]*21:12:00[^<]*<\/td><td>30 nov\. 2026[^<]*08:00:00/);
    expect(s).toContain('Reddit (4)');
  });

  it('gives one main reason per record (the highest score), every category with its score in the details', async () => {
    const { html } = await toPrintableHtml(mixed(), en);
    const first = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(first).toMatch(/<span class="reason">insult<\/span>/);
    expect(first).toContain('misogyny 0.62 · insult 0.91');
  });

  for (const ctx of [fr, en]) {
    it(`${ctx.text.lang}: no stored id reaches the reader`, async () => {
      const { html } = await toPrintableHtml([...mixed(), withEvidence(4, { pinnedAt: T1 })], ctx);
      const words = visibleWords(html, ctx);
      expect(words.match(ctx === fr ? RAW_IDS : RAW_IDS_EN)).toBeNull();
    });
  }

  it('marks what she kept as evidence', async () => {
    const { html } = await toPrintableHtml([le(1, { pinnedAt: T1 }), le(2)], fr);
    expect(html).toMatch(/<article class="record kept"[^>]*data-index="1"/);
    expect(html).toMatch(/conservé comme preuve depuis le 29 nov\. 2026/);
    expect(html).toContain('<tr><th>Conservés comme preuve</th><td>1</td></tr>');
    const csv = parseCsv((await toCsv([le(1, { pinnedAt: T1 }), le(2)], fr)).csv.slice(1), ';');
    expect(column(csv, 'Conservé comme preuve depuis')[0]).toMatch(/29 nov\. 2026/);
    expect(column(csv, 'Conservé comme preuve depuis')[1]).toBe('');
    const doc = JSON.parse((await toJson([le(1, { pinnedAt: T1 })], fr)).json) as { records: { keptAsEvidence: boolean }[] };
    expect(doc.records[0]!.keptAsEvidence).toBe(true);
  });
});

const T1 = Date.UTC(2026, 10, 29, 8, 0);

describe('post time, parent, target and screenshot', () => {
  it('appear in the report (post time beside first seen, the screenshot as an image) and in the CSV and JSON', async () => {
    const shotUrl = 'data:image/png;base64,iVBORw0KGgo=';
    const ctx = ctxFor('fr', { screenshots: new Map([['ab'.repeat(32), shotUrl]]) });
    const { html } = await toPrintableHtml([withEvidence(1)], ctx);
    const rec = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(rec).toMatch(/<dt>Publié sur la plateforme<\/dt><dd>28 nov\. 2026[^<]*20:58:00[^<]*<\/dd><dt>Vu pour la première fois \(heure locale\)<\/dt><dd>28 nov\. 2026[^<]*21:12:00/);
    expect(rec).toContain('<dt>En réponse à</dt><dd>@marie_journaliste · <a href="https://www.reddit.com/r/france/comments/1demo42/x/parent1/">');
    expect(rec).toContain('« Mon enquête sur le harcèlement »');
    expect(rec).toContain('<dt>Compte visé</dt><dd>@marie_journaliste</dd>');
    expect(rec).toContain(`<img class="shot" src="${shotUrl}"`);
    expect(rec).toContain('ab'.repeat(32));

    const csv = parseCsv((await toCsv([withEvidence(1), le(2)], fr)).csv.slice(1), ';');
    expect(column(csv, 'Publié sur la plateforme (UTC)')).toEqual(['2026-11-28T19:58:00.000Z', '']);
    expect(column(csv, 'Publié sur la plateforme')[0]).toMatch(/20:58:00/);
    expect(column(csv, "Capture d'écran (SHA-256 de l'image)")).toEqual(['ab'.repeat(32), '']);
    expect(column(csv, 'Compte visé')).toEqual(['marie_journaliste', '']);

    const doc = JSON.parse((await toJson([withEvidence(1)], fr)).json) as { records: Record<string, unknown>[] };
    expect(doc.records[0]).toMatchObject({ v: 2, postedAtUtc: '2026-11-28T19:58:00.000Z', screenshot: 'ab'.repeat(32), target: 'marie_journaliste' });
  });
});
