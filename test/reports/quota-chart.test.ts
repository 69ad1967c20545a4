import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { quotaUseChart } from '../../src/presentation/components/quota-chart';
import { renderStandaloneHtml, reportParts, reportView } from '../../src/presentation/document';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import type { ReportData } from '../../src/report-engine/report-data';
import { cleanupPdfTemp, readPdf, renderReport, spec, squash } from './helpers';

const renderer = new ChromiumPdfRenderer();
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

const percent = (n: number) => `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(n)}%`;
const format = { width: 340, height: 210, palette: ['#1d3557', '#2a9d8f', '#e9c46a', '#f4a261'], format: percent, unlimitedLabel: 'unlimited' };
const times = (text: string, words: string) => text.split(new RegExp(`(?:^|\\s)${words.replace(/[.+]/g, '\\$&')}(?=\\s|$)`)).length - 1;

/** The quota chart's SVG in a report's standalone HTML. */
function quotaSvg(data: ReportData): string {
  const view = reportView(data);
  const html = renderStandaloneHtml(view, reportParts(view));
  const figure = html.split('<figure').find((f) => f.includes(`<figcaption>${view.m.charts.quotaUse}</figcaption>`))!;
  return figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>'));
}

describe('the quota chart', () => {
  let data: ReportData;
  let page1: string;
  let text: string;
  let highest: number;
  beforeAll(async () => {
    data = sampleUsageData();
    highest = Math.max(...data.usage!.quotas.flatMap((q) => q.resources.filter((r) => r.resource !== 'volumes').map((r) => r.percent ?? 0)));
    expect(highest).toBeGreaterThan(100);
    const [pdf] = await renderReport(data, spec({ type: 'usage', formats: ['pdf'] }), { pdf: renderer });
    const read = await readPdf(pdf.body);
    page1 = squash(await read.pageText(1, false));
    text = squash(read.flowText);
  });

  it('draws use over the limit past 100%, labelled with the real percentage', () => {
    // The chart's axis reaches beyond the highest use, in steps of 50%.
    expect(times(page1, percent(Math.ceil(highest / 50) * 50))).toBe(1);
    // The highest use is printed at its bar, and in the quota table.
    const inTable = data.usage!.quotas.flatMap((q) => q.resources).filter((r) => r.percent !== null && percent(r.percent) === percent(highest)).length;
    expect(times(text, percent(highest))).toBe(inTable + 1);
  });

  it('leaves out projects without any limit, which would be empty rows', () => {
    const small = sampleUsageData({ servers: 60, projects: 4, seed: 5 });
    const unlimited = small.usage!.quotas.filter((q) => q.resources.every((r) => r.limit === null)).map((q) => q.projectName);
    expect(unlimited).toHaveLength(1);
    const svg = quotaSvg(small);
    expect(svg).not.toContain(`>${unlimited[0]}<`);
    for (const q of small.usage!.quotas.filter((x) => !unlimited.includes(x.projectName))) expect(svg).toContain(`>${q.projectName}<`);
  });

  it('marks 100% with a dashed line, labels bars over it and says "unlimited" where a quota has no limit', () => {
    const svg = quotaUseChart(
      ['acme-prod', 'acme-dev'],
      [
        { name: 'vCPUs', bars: [{ percent: 133 }, 'unlimited'] },
        { name: 'RAM GB', bars: [{ percent: 114 }, { percent: 40 }] },
      ],
      format,
    );
    expect(svg).toMatch(/stroke-dasharray/);
    for (const label of ['133%', '114%', 'unlimited', '150%']) expect(svg, label).toContain(`>${label}<`);
    // Bars within the limit carry no label: the axis says enough.
    expect(svg).not.toContain('>40%<');
  });
});
