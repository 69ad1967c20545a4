import { cssString } from './css-string';
import { fontStack } from './fonts';
import { statusColour } from './status-colours';
import type { Theme } from './theme';

/** Text of the page furniture printed in the margins of every page. */
export interface PageFurniture {
  title: string;
  generated: string;
  footer: string;
  /** With page numbers from CSS counters (one-piece documents), or none (chunks get them stamped later). */
  pageNumbers?: { before: string; between: string };
}

const box = `font-family:${fontStack};font-size:7pt;color:#64748b`;

/** Page geometry shared with the page-number stamp: A4 landscape. */
export const pageGeometry = { widthMm: 297, heightMm: 210, marginTopMm: 15, marginBottomMm: 13, marginSideMm: 12 } as const;

/**
 * The report stylesheet. Only validated values (hex colours) and `cssString`-escaped text reach it.
 * `forPdf` hides the body on screen: Chromium lays a page out for the screen before printing, and
 * the print layout is the only one a PDF needs, so this halves layout work on large tables.
 */
export function reportCss(theme: Theme, page: PageFurniture, forPdf: boolean): string {
  const g = pageGeometry;
  const numbers = page.pageNumbers
    ? `@bottom-right{content:${cssString(page.pageNumbers.before)} counter(page) ${cssString(page.pageNumbers.between)} counter(pages);${box}}`
    : '';
  return `
@page{size:A4 landscape;margin:${g.marginTopMm}mm ${g.marginSideMm}mm ${g.marginBottomMm}mm;
@top-left{content:${cssString(page.title)};${box}}
@top-right{content:${cssString(page.generated)};${box}}
@bottom-left{content:${cssString(page.footer)};${box}}
${numbers}}
${forPdf ? '@media screen{body{display:none}}' : '@media screen{body{max-width:1100px;margin:24px auto;padding:0 16px}}'}
:root{--primary:${theme.primary};--accent:${theme.accent}}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:${fontStack};font-size:8.5pt;color:#1f2933;line-height:1.35;margin:0;text-rendering:optimizeSpeed;font-kerning:none;font-variant-ligatures:none}
h1{font-size:20pt;line-height:1.15;color:var(--primary);margin:0 0 1mm;font-weight:700;overflow-wrap:anywhere}
h2{font-size:12.5pt;color:var(--primary);margin:6mm 0 2mm;padding-bottom:1mm;border-bottom:1.2pt solid var(--accent);break-after:avoid}
h3{font-size:10pt;color:#334155;margin:4mm 0 1.5mm;break-after:avoid}
p{margin:0 0 1.5mm}
.muted{color:#64748b}
.title-block{display:flex;align-items:center;gap:5mm;padding-bottom:3mm;border-bottom:2pt solid var(--primary);margin-bottom:4mm}
.title-block img{height:16mm;width:auto;max-width:40mm}
.title-block .kind{font-size:9pt;text-transform:uppercase;letter-spacing:.08em;color:var(--accent);font-weight:700}
.title-block .meta{font-size:8pt;color:#475569}
.title-block .meta span+span::before{content:" \\00b7  "}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(30mm,1fr));gap:3mm;margin:0 0 4mm}
.card{border:0.6pt solid #d7dde4;border-top:2.2pt solid var(--accent);border-radius:1.5mm;padding:2.2mm 3mm;break-inside:avoid}
.card .label{font-size:7.5pt;color:#64748b;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:15pt;font-weight:700;color:var(--primary);white-space:nowrap}
.card .hint{font-size:7.5pt;color:#64748b}
.card.alert{border-top-color:#e76f51}
.charts{display:flex;gap:4mm;margin:0 0 3mm;break-inside:avoid}
.charts figure{margin:0;border:0.6pt solid #e2e8f0;border-radius:1.5mm;padding:2mm;break-inside:avoid;min-width:0}
.charts figcaption{font-size:8.5pt;font-weight:700;color:#334155;margin-bottom:1mm}
.charts svg{width:100%;height:auto;display:block}
.pair{display:flex;gap:5mm;align-items:flex-start}
.pair>*{flex:1 1 0;min-width:0}
table.data{border-collapse:collapse;width:100%;table-layout:fixed;font-size:7.5pt;margin:0 0 3mm}
table.data thead{display:table-header-group}
table.data th{background:var(--primary);color:#fff;font-weight:700;text-align:left;padding:1.3mm 1.5mm;vertical-align:bottom;overflow-wrap:break-word}
table.data td{padding:0.8mm 1.5mm;border-bottom:0.4pt solid #e2e8f0;vertical-align:top;overflow-wrap:anywhere;unicode-bidi:plaintext;line-height:1.25}
table.data tr{break-inside:avoid}
table.data.grp{margin:0 0 2mm}
table.data .n{text-align:right;white-space:nowrap;padding-right:2.5mm}
/* Figures never wrap, but a long numeric header does rather than run into the next column. */
table.data th.n{white-space:normal}
table.data .s{color:#64748b;font-size:6.5pt}
table.data tr.group td{background:#e8f1f2;color:var(--primary);font-weight:700;border-bottom:0.8pt solid var(--accent);padding-top:1.6mm}
table.data tr.subtotal td{font-weight:700;background:#f1f5f9;border-top:0.6pt solid #94a3b8}
table.data tr.total td{font-weight:700;background:#e2e8f0;border-top:1.2pt solid var(--primary)}
table.data caption{caption-side:top;text-align:left;font-weight:700;font-size:9pt;color:#334155;padding:0 0 1mm}
.tag{display:inline-block;font-size:6pt;font-weight:700;text-transform:uppercase;padding:0 1mm;border-radius:1mm;background:#fde2d9;color:#9a3412}
.st-ok{color:#166534}
.st-off{color:#9a3412}
.st-err{color:${statusColour('ERROR')};font-weight:700}
.notes{font-size:7.5pt;color:#475569;border-top:0.6pt solid #cbd5e1;margin-top:4mm;padding-top:2mm;break-inside:avoid}
.notes ol,.notes ul{margin:0;padding-left:5mm}
.notes li{margin-bottom:1mm}
.empty{color:#64748b;font-style:italic}
.method{font-size:7.5pt;margin:0 0 3mm}
.facts{margin:0 0 3mm;padding-left:5mm}
.facts li{margin-bottom:.8mm}
.nw{white-space:nowrap}
.meter{display:inline-block;width:14mm;height:2.2mm;background:#e2e8f0;border-radius:1mm;margin-right:1.5mm;vertical-align:middle;overflow:hidden}
.meter>span{display:block;height:100%;background:#16a34a}
.meter-warning>span{background:#d97706}
.meter-over>span{background:#b91c1c}
.pct{display:inline-block;min-width:10mm;text-align:right;white-space:nowrap}
.lvl{display:inline-block;font-size:6pt;padding:0 1mm;margin-left:1mm;border-radius:1mm;white-space:nowrap}
.lvl-warning{background:#fef3c7;color:#92400e}
.lvl-over{background:#fee2e2;color:#991b1b}
.watermark{position:fixed;top:38%;left:0;right:0;text-align:center;font-size:64pt;font-weight:700;color:rgba(148,163,184,.22);transform:rotate(-24deg);z-index:10;white-space:nowrap;pointer-events:none}
`;
}
