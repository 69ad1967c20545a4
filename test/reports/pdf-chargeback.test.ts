import { afterAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { sampleCostData } from '../../src/presentation/cost/sample';
import { createFormatters } from '../../src/presentation/format';
import { renderStandaloneHtml, reportParts, reportView } from '../../src/presentation/document';
import { messagesFor } from '../../src/presentation/messages';
import { createSampleCloud, samplePriceList } from '../../src/presentation/sample-cloud';
import type { SampleOptions } from '../../src/presentation/sample-report';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import { attributionSentence } from '../../src/report-engine/group-keys';
import { allocationSentence } from '../../src/report-engine/build-grouping';
import { roundingSentence } from '../../src/report-engine/allocate';
import { forecastMethod } from '../../src/report-engine/build-trends';
import { reportDataSchema, type ReportData } from '../../src/report-engine/report-data';
import { buildReportData, cleanupPdfTemp, readOutline, readPdf, renderReport, silentLogger, spec, squash, type OutlineItem } from './helpers';

const renderer = new ChromiumPdfRenderer();
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

const options: SampleOptions = { servers: 60, projects: 4, seed: 5, chargeback: true };

/** Prints a report's data through Chromium, and reads back its text (one line) and outline. */
async function print(data: ReportData) {
  const s = spec({ type: data.type, formats: ['pdf', 'html'], locale: data.locale });
  const [pdf, html] = await renderReport(data, s, { pdf: renderer });
  const read = await readPdf(pdf.body);
  return { text: squash(read.flowText), outline: await readOutline(pdf.body), html: new TextDecoder().decode(html.body) };
}

/** Text without hyphens: a long sentence may break at one, which pdftotext then drops. */
const flat = (text: string) => squash(text).replace(/-/g, '');

const titles = (items: OutlineItem[]): string[] => items.flatMap((i) => [i.title, ...titles(i.children)]);

describe.each(['en', 'pt-BR'] as const)('chargeback sections in %s', (locale) => {
  const m = messagesFor(locale);
  const c = m.chargeback;

  it('usage by team over last month: grouping, daily series, comparison, each with its rule', async () => {
    const data = sampleUsageData({ ...options, locale });
    reportDataSchema.parse(data);
    const f = createFormatters(locale, data.timezone);
    const { text, outline, html } = await print(data);
    const grouping = c.sections.grouping(c.dimensions.metadata('team'));
    for (const heading of [
      grouping,
      c.sections.groups,
      c.sections.series(c.steps.day),
      c.sections.seriesTotals,
      c.sections.comparison,
      c.sections.comparisonGroups,
    ])
      expect(text).toContain(squash(heading));
    for (const g of data.grouping!.groups) expect(text).toContain(squash(g.keys[0] === '(none)' ? c.none : g.label));
    expect(text).toContain(squash(c.none));
    expect(squash(c.attribution)).not.toBe('');
    expect(flat(text)).toContain(flat(c.attribution));
    expect(flat(text)).toContain(flat(c.rounding));
    // The previous-period rule in the report's language, and a group's signed change.
    expect(text).toContain(squash(c.previousMonths('1', 'UTC')));
    const mover = data.comparison!.groups.find((g) => g.status === 'continuing' && Number(g.delta) > 0)!;
    expect(text).toContain(squash(`+${f.fixed2(Number(mover.delta))}`));
    expect(text).toContain(squash(`+${f.percent(mover.deltaPercent!)}`));
    expect(text).toContain(squash(`${c.goneGroups}: legacy`));
    // A day's total, and the series' total equal to the report's.
    expect(text).toContain(squash(f.fixed2(data.series!.totals[0].vcpuHours)));
    expect(text).toContain(squash(f.fixed2(data.usage!.totals.vcpuHours)));
    // Top-level bookmarks for each new section, the tables beneath them.
    const top = outline.map((i) => i.title);
    expect(top).toEqual(expect.arrayContaining([grouping, c.sections.series(c.steps.day), c.sections.comparison]));
    expect(titles(outline)).toEqual(expect.arrayContaining([c.sections.groups, c.sections.seriesTotals, c.sections.comparisonGroups]));
    // The standalone HTML shows the same sections, with charts as inline SVG and no script.
    for (const heading of [c.sections.comparison, c.sections.seriesTotals]) expect(html).toContain(heading);
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script/i);
  });

  it('cost month to date by project and team: subtotals, forecast with its method, budgets at 80% and 100%', async () => {
    const data = sampleCostData({ ...options, locale, monthToDate: true });
    reportDataSchema.parse(data);
    const f = createFormatters(locale, data.timezone, 'USD');
    const { text, outline } = await print(data);
    const forecast = c.sections.forecast('2026-03');
    for (const heading of [c.sections.grouping(`${c.dimensions.project} / ${c.dimensions.metadata('team')}`), forecast, c.sections.budgets])
      expect(text).toContain(squash(heading));
    // Two levels: each project's subtotal line.
    const parent = data.grouping!.parents![0];
    expect(text).toContain(squash(`${m.total} · ${parent.label} ${f.int(parent.servers)}`));
    expect(flat(text)).toContain(flat(c.allocation));
    // The forecast: the method and the numbers it was stated with.
    expect(flat(text)).toContain(flat(c.forecastMethod));
    expect(text).toContain(squash(c.forecastFacts('14', '31')));
    expect(text).toContain(squash(f.money(data.forecast!.totals.forecast!)));
    // Budgets: each percentage, and words beside the colours at 80% and 100%.
    const budgets = data.budgets!;
    expect(budgets.some((b) => b.forecastPercent! >= 100)).toBe(true);
    expect(budgets.some((b) => b.forecastPercent! >= 80 && b.forecastPercent! < 100)).toBe(true);
    for (const b of budgets) {
      expect(text).toContain(squash(f.percent(b.usedPercent)));
      expect(text).toContain(squash(f.percent(b.forecastPercent!)));
    }
    expect(text).toContain(squash(c.budgetLevel.over));
    expect(text).toContain(squash(c.budgetLevel.warning));
    expect(outline.map((i) => i.title)).toEqual(expect.arrayContaining([forecast, c.sections.budgets]));
  });
});

describe('the English sentences the views print', () => {
  it('are the engine’s own (the catalogue translates them; English must not drift from them)', () => {
    const en = messagesFor('en').chargeback;
    expect(en.attribution).toBe(attributionSentence);
    expect(en.allocation).toBe(allocationSentence);
    expect(en.rounding).toBe(roundingSentence);
    expect(en.forecastMethod).toBe(forecastMethod);
  });
});

describe('hostile group labels', () => {
  const hostile = '</style><script>alert(1)</script><b>x</b>';

  /** The cost sample with a group, its series, comparison and budget labelled by a tenant's metadata. */
  function hostileData(): ReportData {
    const data = sampleCostData({ ...options, monthToDate: true });
    const target = data.grouping!.groups[0];
    const same = (keys: string[]) => JSON.stringify(keys) === JSON.stringify(target.keys);
    const rename = (g: { keys: string[]; label: string; labels?: string[] }) => {
      if (!same(g.keys)) return;
      g.label = hostile;
      if (g.labels) g.labels = g.labels.map(() => hostile);
    };
    data.grouping!.groups.forEach(rename);
    data.grouping!.parents = undefined;
    data.grouping!.dimensions = ['metadata:</style><script>'];
    data.series!.groups.forEach(rename);
    data.comparison!.groups.forEach(rename);
    data.forecast!.groups.forEach(rename);
    data.budgets!.push({ keys: ['<script>'], label: hostile, amount: '10.00', currency: 'USD', actual: '0.00', usedPercent: 0 });
    return data;
  }

  it('are escaped in the HTML (tables, lists and charts) and printed as text in the PDF', async () => {
    const data = hostileData();
    const view = reportView(data);
    const html = renderStandaloneHtml(view, reportParts(view));
    expect(html).not.toContain('<script>');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const { text } = await print(data);
    expect(text).toContain(squash(hostile));
    expect(text).toContain(squash('metadata “</style><script>”'));
  });
});

describe('the engine’s own chargeback output', () => {
  it('prints grouping, series, comparison, forecast and budgets as the engine builds them', async () => {
    const now = new Date('2026-03-15T12:00:00Z');
    const cloud = createSampleCloud({ servers: 40, projects: 3, now, seed: 7 });
    const s = spec({
      type: 'cost',
      formats: ['pdf'],
      priceList: samplePriceList,
      groupBy: ['project', 'metadata:team'],
      step: 'day',
      compare: true,
      period: { preset: 'month-to-date', timezone: 'UTC' },
      budgets: [{ keys: [cloud.projects[0].id], amount: '1' }],
    });
    const data = await buildReportData(cloud.source, s, { runId: 'engine-chargeback', now, logger: silentLogger });
    const m = messagesFor('en');
    const f = createFormatters('en', 'UTC', 'USD');
    const { text, outline } = await print(data);
    expect(data.grouping && data.series && data.comparison && data.forecast && data.budgets).toBeTruthy();
    for (const g of data.grouping!.groups) expect(text).toContain(squash(g.keys[1] === '(none)' ? m.chargeback.none : g.labels[1]));
    expect(flat(text)).toContain(flat(m.chargeback.forecastMethod));
    expect(text).toContain(squash(f.money(data.forecast!.totals.forecast!)));
    const budget = data.budgets![0];
    expect(budget.usedPercent).toBeGreaterThan(100);
    expect(text).toContain(squash(`${f.percent(budget.usedPercent)} ▲ ${m.chargeback.budgetLevel.over}`));
    expect(text).toContain(squash(f.money(data.comparison!.totals.current)));
    expect(outline.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        m.chargeback.sections.grouping('project / metadata “team”'),
        m.chargeback.sections.series('day'),
        m.chargeback.sections.comparison,
        m.chargeback.sections.forecast(data.forecast!.month),
        m.chargeback.sections.budgets,
      ]),
    );
  });

  it('prints a usage report grouped by tag, by week, against the previous period', async () => {
    const now = new Date('2026-03-15T12:00:00Z');
    const cloud = createSampleCloud({ servers: 30, projects: 2, now, seed: 3 });
    const s = spec({
      type: 'usage',
      formats: ['pdf'],
      groupBy: ['metadata:env'],
      step: 'week',
      compare: true,
      period: { preset: 'last-month', timezone: 'UTC' },
    });
    const data = await buildReportData(cloud.source, s, { runId: 'engine-usage', now, logger: silentLogger });
    const m = messagesFor('en');
    const f = createFormatters('en', 'UTC');
    const { text } = await print(data);
    expect(text).toContain(m.chargeback.sections.grouping('metadata “env”'));
    expect(text).toContain(m.chargeback.sections.series('week'));
    expect(text).toContain(m.chargeback.previousMonths('1', 'UTC'));
    for (const g of data.grouping!.groups)
      expect(text).toContain(squash(`${g.keys[0] === '(none)' ? m.chargeback.none : g.label} ${f.int(g.servers)} ${f.fixed2(g.vcpuHours)}`));
    expect(text).toContain(squash(f.fixed2(Number(data.comparison!.totals.current))));
  });
});
