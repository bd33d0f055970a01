/** The printable report's stylesheet: compact records (several per printed page), summary first. */
export const REPORT_CSS = `
body{font:10pt/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:20px auto;max-width:860px;padding:0 16px}
h1{font-size:16pt;margin:0 0 4px}
h2{font-size:12pt;margin:14px 0 6px;border-bottom:1px solid #999}
.meta,.intro{color:#333;font-size:9pt;margin:4px 0}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:7.5pt;word-break:break-all}
.proves,.anchor{font-size:8.5pt;margin:4px 0}
.proves{border:1px solid #999;border-radius:4px;padding:4px 8px}
table{border-collapse:collapse}
.summary table{margin:4px 0 8px;font-size:9pt}
.summary th,.summary td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}
.summary caption{text-align:left;font-weight:600;padding:2px 0}
.summary .cols{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}
td.n{text-align:right}
article{border:1px solid #999;border-radius:4px;padding:4px 8px;margin:6px 0;break-inside:avoid;page-break-inside:avoid}
article.kept{border-left:4px solid #1d4ed8}
article header{font-size:9pt}
article header .reason{font-weight:700}
.badge{font-size:8pt;border:1px solid #1d4ed8;color:#1d4ed8;border-radius:4px;padding:0 4px;margin-left:4px}
.badge.fb{border-color:#2e7d4f;color:#14532d}
blockquote{white-space:pre-wrap;margin:3px 0;padding:3px 8px;background:#f4f4f4;border-left:3px solid #b00020;font-size:10pt}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 8px;margin:2px 0;font-size:8pt;color:#222}
dt{color:#555}
dd{margin:0;word-break:break-word}
img.shot{max-width:100%;max-height:280px;border:1px solid #999;margin:2px 0}
.verify{font-size:8.5pt;color:#333;border-top:1px solid #999;margin-top:12px;padding-top:6px;white-space:pre-wrap}
@media print{body{margin:0;max-width:none}a{color:#000}}
`;
