/**
 * The `xlsx` artifact: a report as an Excel workbook. Sheets: Summary; By group (By project when the
 * report is not grouped); the series sheet named by its step (Daily, Weekly, Monthly) when the report
 * has one; Servers, Volumes and Floating IPs; Price list. Numbers are numbers with number formats
 * (amounts in the report's currency, hours, GB), dates are dates in the report's time zone, every
 * sheet has a frozen header row and an auto-filter, and headers are in the report's language.
 */
import { ownValue } from '../../domain/free-record';
import type { ReportData } from '../../report-engine/report-data';
import { labelOf, messagesFor, type Messages } from '../messages';
import { budgetSheet, groupSheet, seriesSheet, groupKeyColumns } from './group-sheets';
import { sheetName, type Cell, type CellKind, type SheetModel, type WorkbookModel } from './sheet-model';
import { gbFromMb, money, table, wallClock, type Col } from './table';
import { writeXlsx } from './write-xlsx';

/** Renders a report's data as an `.xlsx` file. */
export async function reportWorkbook(data: ReportData): Promise<Uint8Array> {
  return writeXlsx(workbookModel(data), { created: new Date(data.generatedAt) });
}

/** The workbook of a report, as data (see `sheet-model.ts`). */
export function workbookModel(data: ReportData): WorkbookModel {
  const m = messagesFor(data.locale);
  const tz = data.timezone;
  const at = (iso: string | null | undefined): Date | null => (iso ? wallClock(iso, tz) : null);
  const sheets: SheetModel[] = [summarySheet(data, m)];
  const grouped = [groupSheet(data, m), seriesSheet(data, m), budgetSheet(data, m)].filter((x): x is SheetModel => x !== undefined);
  // The By group sheet replaces By project: a report grouped by project has the same rows.
  const byProject = (sheet: SheetModel): SheetModel[] => (data.grouping ? [] : [sheet]);
  const project: Col<{ projectName: string }> = [m.columns.project, 'text', (r) => r.projectName];
  const projectId: Col<{ projectId: string }> = [m.workbook.projectId, 'text', (r) => r.projectId];

  if (data.inventory) {
    const inv = data.inventory;
    const withCost = inv.totals.monthlyCost !== undefined;
    const costCol = <R extends { monthlyCost?: string }>(): Col<R>[] => (withCost ? [[m.columns.monthlyCost, 'money', (r) => money(r.monthlyCost)]] : []);
    sheets.push(
      ...byProject(
        table(
          m.workbook.sheets.byProject,
          [
            project,
            projectId,
            [m.columns.servers, 'int', (r) => r.servers],
            [m.columns.active, 'int', (r) => r.active],
            [m.columns.shutoff, 'int', (r) => r.shutoff],
            [m.columns.vcpus, 'int', (r) => r.vcpus],
            [m.columns.ramGb, 'gb', (r) => gbFromMb(r.ramMb)],
            [m.columns.diskGb, 'gb', (r) => r.diskGb],
            [m.columns.volumes, 'int', (r) => r.volumes],
            [m.columns.volumeGb, 'gb', (r) => r.volumeGb],
            [m.columns.floatingIps, 'int', (r) => r.floatingIps],
            ...costCol<(typeof inv.byProject)[number]>(),
          ],
          inv.byProject,
        ),
      ),
    );
    sheets.push(
      table(
        m.workbook.sheets.servers,
        [
          project,
          projectId,
          [m.columns.id, 'text', (s) => s.id],
          [m.columns.name, 'text', (s) => s.name],
          [m.columns.status, 'text', (s) => s.status],
          [m.columns.powerState, 'text', (s) => (s.powerState === null ? null : labelOf(m.powerStates, s.powerState))],
          [m.columns.flavor, 'text', (s) => s.flavor],
          [m.columns.vcpus, 'int', (s) => s.vcpus],
          [m.columns.ramGb, 'gb', (s) => gbFromMb(s.ramMb)],
          [m.columns.diskGb, 'gb', (s) => s.diskGb],
          [m.columns.volumeGb, 'gb', (s) => s.volumes.reduce((n, v) => n + v.sizeGb, 0)],
          [m.columns.fixedIps, 'text', (s) => s.fixedIps.join(' ')],
          [m.columns.floatingIps, 'text', (s) => s.floatingIps.join(' ')],
          [m.columns.image, 'text', (s) => s.imageName ?? s.imageId],
          [m.columns.availabilityZone, 'text', (s) => s.availabilityZone],
          [m.columns.host, 'text', (s) => s.host],
          [m.columns.created, 'dateTime', (s) => at(s.created)],
          ...propertyColumns(inv.servers, m),
          ...costCol<(typeof inv.servers)[number]>(),
        ],
        inv.servers,
      ),
      table(
        m.workbook.sheets.volumes,
        [
          project,
          projectId,
          [m.columns.id, 'text', (v) => v.id],
          [m.columns.name, 'text', (v) => v.name],
          [m.columns.size, 'gb', (v) => v.sizeGb],
          [m.columns.type, 'text', (v) => v.volumeType],
          [m.columns.status, 'text', (v) => v.status],
          [m.workbook.bootable, 'text', (v) => (v.bootable ? m.yes : m.no)],
          [m.columns.attachedTo, 'text', (v) => v.attachedTo.join(' ')],
          [m.columns.created, 'dateTime', (v) => at(v.createdAt)],
          ...costCol<(typeof inv.volumes)[number]>(),
        ],
        inv.volumes,
      ),
      table(
        m.workbook.sheets.floatingIps,
        [
          project,
          projectId,
          [m.columns.id, 'text', (f) => f.id],
          [m.columns.address, 'text', (f) => f.address],
          [m.columns.status, 'text', (f) => f.status],
          [m.columns.fixedIp, 'text', (f) => f.fixedIpAddress],
          [m.columns.server, 'text', (f) => f.server],
          [m.columns.created, 'dateTime', (f) => at(f.createdAt)],
          ...costCol<(typeof inv.floatingIps)[number]>(),
        ],
        inv.floatingIps,
      ),
    );
  }

  if (data.usage) {
    const u = data.usage;
    type UsageRow = (typeof u.servers)[number];
    sheets.push(
      ...byProject(
        table(
          m.workbook.sheets.byProject,
          [
            project,
            projectId,
            [m.columns.servers, 'int', (r) => r.servers],
            [m.columns.vcpuHours, 'hours', (r) => r.vcpuHours],
            [m.columns.ramGbHours, 'hours', (r) => r.ramGbHours],
            [m.columns.diskGbHours, 'hours', (r) => r.diskGbHours],
            [m.columns.volumeGb, 'gb', (r) => r.volumeGb],
          ],
          u.byProject,
          [m.workbook.total, null, u.totals.servers, u.totals.vcpuHours, u.totals.ramGbHours, u.totals.diskGbHours, u.totals.volumeGb],
        ),
      ),
      table(
        m.workbook.sheets.servers,
        [
          project,
          projectId,
          [m.columns.id, 'text', (s) => s.id],
          [m.columns.name, 'text', (s) => s.name],
          [m.columns.flavor, 'text', (s) => s.flavor],
          [m.columns.vcpus, 'int', (s) => s.vcpus],
          [m.columns.ramGb, 'gb', (s) => gbFromMb(s.ramMb)],
          [m.columns.diskGb, 'gb', (s) => s.diskGb],
          [m.columns.hours, 'hours', (s) => s.hours],
          [m.columns.vcpuHours, 'hours', (s) => s.vcpuHours],
          [m.columns.ramGbHours, 'hours', (s) => s.ramGbHours],
          [m.columns.diskGbHours, 'hours', (s) => s.diskGbHours],
          [m.columns.state, 'text', (s) => labelOf(m.usageStates, s.state)],
          [m.workbook.start, 'dateTime', (s) => at(s.startedAt)],
          [m.workbook.end, 'dateTime', (s) => at(s.endedAt)],
          ...groupKeyColumns<UsageRow>(data.grouping, m),
          ...propertyColumns(u.servers, m),
        ],
        u.servers,
      ),
    );
  }

  if (data.cost) {
    const c = data.cost;
    sheets.push(
      ...byProject(
        table(
          m.workbook.sheets.byProject,
          [
            project,
            projectId,
            [m.columns.compute, 'money', (r) => money(r.compute)],
            [m.columns.storage, 'money', (r) => money(r.volumes)],
            [m.columns.floatingIps, 'money', (r) => money(r.floatingIps)],
            [m.columns.subtotal, 'money', (r) => money(r.subtotal)],
            [m.columns.discount, 'money', (r) => money(r.discount)],
            [m.columns.tax, 'money', (r) => money(r.tax)],
            [m.workbook.total, 'money', (r) => money(r.total)],
          ],
          c.byProject,
          [m.workbook.total, null, ...(['compute', 'volumes', 'floatingIps', 'subtotal', 'discount', 'tax', 'total'] as const).map((k) => money(c.totals[k]))],
        ),
      ),
    );
    type Line = (typeof c.lines)[number];
    const lineCols = (detail: string, extra: Col<Line>[]): Col<Line>[] => [
      project,
      projectId,
      [m.columns.id, 'text', (l) => l.resourceId],
      [m.columns.name, 'text', (l) => l.resourceName],
      [detail, 'text', (l) => l.detail],
      ...extra,
      [m.columns.hours, 'hours', (l) => Number(l.hours)],
      [m.columns.rate, 'rate', (l) => Number(l.hourlyRate)],
      [m.columns.amount, 'money', (l) => money(l.amount)],
      ...groupKeyColumns<Line>(data.grouping, m),
    ];
    const ofKind = (kind: Line['kind']) => c.lines.filter((l) => l.kind === kind);
    const sum = (lines: Line[]) => lines.reduce((cents, l) => cents + Math.round(Number(l.amount) * 100), 0) / 100;
    const servers = ofKind('server');
    const volumes = ofKind('volume');
    const ips = ofKind('floatingIp');
    // The total under the amount column (group, tag and metadata columns follow it).
    const footer = (cols: Col<Line>[], lines: Line[]): Cell[] => {
      const at = cols.findIndex(([header]) => header === m.columns.amount);
      return [m.workbook.total, ...Array.from({ length: at - 1 }, () => null), sum(lines)];
    };
    const serverCols = [
      ...lineCols(m.columns.flavor, [
        [m.columns.vcpus, 'int', (l) => l.vcpus],
        [m.columns.ramGb, 'gb', (l) => gbFromMb(l.ramMb)],
        [m.columns.diskGb, 'gb', (l) => l.diskGb],
        [m.workbook.basis, 'text', (l) => m.basis[l.basis]],
      ]),
      ...propertyColumns(servers, m),
    ];
    const volumeCols = lineCols(m.columns.type, [[m.columns.size, 'gb', (l) => l.sizeGb]]);
    const ipCols = lineCols(m.columns.address, []);
    sheets.push(
      table(m.workbook.sheets.servers, serverCols, servers, footer(serverCols, servers)),
      table(m.workbook.sheets.volumes, volumeCols, volumes, footer(volumeCols, volumes)),
      table(m.workbook.sheets.floatingIps, ipCols, ips, footer(ipCols, ips)),
    );
  }

  sheets.splice(1, 0, ...grouped);
  if (data.priceList) sheets.push(priceListSheet(data.priceList, m));

  const taken = new Set<string>();
  return {
    title: data.title,
    ...(data.cost || data.priceList ? { currency: data.cost?.currency ?? data.priceList?.currency } : {}),
    sheets: sheets.map((s) => ({ ...s, name: sheetName(s.name, taken) })),
  };
}

function summarySheet(data: ReportData, m: Messages): SheetModel {
  const tz = data.timezone;
  const rows: Cell[][] = [
    [m.workbook.report, data.title],
    [m.workbook.type, m.reportKind[data.type]],
    [m.workbook.generatedAt, { value: wallClock(data.generatedAt, tz), kind: 'dateTime' }],
    [m.workbook.timezone, tz],
  ];
  if (data.period) {
    rows.push([m.workbook.periodStart, { value: wallClock(data.period.start, tz), kind: 'dateTime' }]);
    rows.push([m.workbook.periodEnd, { value: wallClock(data.period.end, tz), kind: 'dateTime' }]);
    rows.push([m.columns.hours, { value: Number(data.period.hours), kind: 'hours' }]);
  }
  rows.push([m.workbook.projects, data.scope.allProjects ? m.workbook.allProjects : data.scope.projects.map((p) => p.name).join(', ')]);
  const figure = (label: string, value: number | null | undefined, kind: CellKind) => {
    if (value !== undefined && value !== null) rows.push([label, { value, kind }]);
  };
  if (data.inventory) {
    const t = data.inventory.totals;
    figure(m.cards.servers, t.servers, 'int');
    figure(m.columns.active, t.active, 'int');
    figure(m.columns.shutoff, t.shutoff, 'int');
    figure(m.cards.vcpus, t.vcpus, 'int');
    figure(m.columns.ramGb, gbFromMb(t.ramMb), 'gb');
    figure(m.columns.diskGb, t.diskGb, 'gb');
    figure(m.cards.volumes, t.volumes, 'int');
    figure(m.columns.volumeGb, t.volumeGb, 'gb');
    figure(m.cards.floatingIps, t.floatingIps, 'int');
    figure(m.cards.monthlyCost, money(t.monthlyCost), 'money');
  }
  if (data.usage) {
    const t = data.usage.totals;
    figure(m.cards.serversWithUsage, t.servers, 'int');
    figure(m.cards.vcpuHours, t.vcpuHours, 'hours');
    figure(m.cards.ramGbHours, t.ramGbHours, 'hours');
    figure(m.cards.diskGbHours, t.diskGbHours, 'hours');
    figure(m.cards.volumeGb, t.volumeGb, 'gb');
  }
  if (data.cost) {
    const t = data.cost.totals;
    rows.push([m.priceList.currency, data.cost.currency]);
    figure(m.columns.compute, money(t.compute), 'money');
    figure(m.columns.storage, money(t.volumes), 'money');
    figure(m.columns.floatingIps, money(t.floatingIps), 'money');
    figure(m.columns.subtotal, money(t.subtotal), 'money');
    figure(m.columns.discount, money(t.discount), 'money');
    figure(m.columns.tax, money(t.tax), 'money');
    figure(m.workbook.total, money(t.total), 'money');
  }
  return {
    name: m.workbook.sheets.summary,
    columns: [
      { header: m.columns.item, kind: 'text', width: 28 },
      { header: m.workbook.value, kind: 'text', width: 40 },
    ],
    rows,
  };
}

function priceListSheet(p: NonNullable<ReportData['priceList']>, m: Messages): SheetModel {
  const rows: Cell[][] = [];
  const price = (label: string, value: string | number | undefined, kind: CellKind = 'rate') => {
    if (value !== undefined) rows.push([label, { value: Number(value), kind }]);
  };
  if (p.name) rows.push([m.priceList.name, p.name]);
  rows.push([m.priceList.currency, p.currency]);
  for (const [flavor, hourly] of Object.entries(p.flavors ?? {})) price(`${m.priceList.flavorPrices}: ${flavor} (${m.priceList.perHour})`, hourly);
  price(m.priceList.vcpuHour, p.units?.vcpuHour);
  price(m.priceList.ramGbHour, p.units?.ramGbHour);
  price(m.priceList.diskGbHour, p.units?.diskGbHour);
  price(m.priceList.volumeGbMonth, p.units?.volumeGbMonth);
  price(m.priceList.floatingIpHour, p.units?.floatingIpHour);
  price(m.priceList.discount, p.discountPercent, 'percent');
  price(m.priceList.tax, p.taxPercent, 'percent');
  return {
    name: m.workbook.sheets.priceList,
    columns: [
      { header: m.columns.item, kind: 'text', width: 40 },
      { header: m.columns.price, kind: 'rate', width: 16 },
    ],
    rows,
  };
}

/**
 * A server's Tags column, then one column per metadata key of `rows`, sorted; at most 100 of them
 * (the JSON has them all).
 */
function propertyColumns<R extends { tags?: readonly string[]; metadata?: Readonly<Record<string, string>> }>(rows: readonly R[], m: Messages): Col<R>[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metadata ?? {})) keys.add(k);
  return [
    [m.workbook.tags, 'text', (r) => r.tags?.join(' ')],
    ...[...keys]
      .sort()
      .slice(0, 100)
      .map((k): Col<R> => [`${m.columns.metadata}: ${k}`, 'text', (r) => ownValue(r.metadata, k) ?? null]),
  ];
}
