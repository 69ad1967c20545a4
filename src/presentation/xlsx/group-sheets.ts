/**
 * The sheets of grouped reports: By group (with the previous period and the month-end forecast
 * beside each group when the report has them), the series sheet (one row per step and group, so a
 * filter or pivot table slices it any way), and Budgets.
 */
import type { GroupingSection, ReportData, SeriesPoint } from '../../report-engine/report-data';
import type { Messages } from '../messages';
import type { Cell, CellKind, SheetModel } from './sheet-model';
import { money, table, wallClock, type Col } from './table';

const costFields = ['compute', 'volumes', 'floatingIps', 'subtotal', 'discount', 'tax', 'total'] as const;

/** A column header for a grouping dimension: `project`, `domain`, `flavor`, `availabilityZone`, `metadata:<key>`, `tag:<key>`. */
export function dimensionHeader(dimension: string, m: Messages): string {
  if (dimension === 'project') return m.columns.project;
  if (dimension === 'domain') return m.workbook.domain;
  if (dimension === 'flavor') return m.columns.flavor;
  if (dimension === 'availabilityZone') return m.columns.availabilityZone;
  if (dimension.startsWith('metadata:')) return `${m.columns.metadata}: ${dimension.slice('metadata:'.length)}`;
  if (dimension.startsWith('tag:')) return `${m.workbook.tag}: ${dimension.slice('tag:'.length)}`;
  return dimension;
}

const tupleKey = (keys: readonly string[]) => JSON.stringify(keys);

/** One column per dimension: the label of the row's group (project names for project ids). */
export function groupKeyColumns<Row extends { groupKeys?: string[] }>(grouping: GroupingSection | undefined, m: Messages): Col<Row>[] {
  if (!grouping) return [];
  const labels = new Map(grouping.groups.map((g) => [tupleKey(g.keys), g.labels]));
  return grouping.dimensions.map((dimension, i): Col<Row> => [
    `${m.workbook.group}: ${dimensionHeader(dimension, m)}`,
    'text',
    (row) => (row.groupKeys ? (labels.get(tupleKey(row.groupKeys))?.[i] ?? row.groupKeys[i]) : null),
  ]);
}

/** The By group sheet, its totals row last. */
export function groupSheet(data: ReportData, m: Messages): SheetModel | undefined {
  const grouping = data.grouping;
  if (!grouping) return undefined;
  type Group = GroupingSection['groups'][number];
  const compared = new Map((data.comparison?.groups ?? []).map((g) => [tupleKey(g.keys), g]));
  const forecast = new Map((data.forecast?.groups ?? []).map((g) => [tupleKey(g.keys), g]));
  const measureKind = (measure: 'cost' | 'vcpuHours'): CellKind => (measure === 'cost' ? 'money' : 'hours');
  const cols: Col<Group>[] = [
    ...grouping.dimensions.map((dimension, i): Col<Group> => [dimensionHeader(dimension, m), 'text', (g) => g.labels[i] ?? g.keys[i]]),
    [m.columns.servers, 'int', (g) => g.servers],
    [m.columns.vcpuHours, 'hours', (g) => g.vcpuHours],
    [m.columns.ramGbHours, 'hours', (g) => g.ramGbHours],
    [m.columns.diskGbHours, 'hours', (g) => g.diskGbHours],
  ];
  if (grouping.totals.cost) {
    const header = {
      compute: m.columns.compute,
      volumes: m.columns.storage,
      floatingIps: m.columns.floatingIps,
      subtotal: m.columns.subtotal,
      discount: m.columns.discount,
      tax: m.columns.tax,
      total: m.workbook.total,
    };
    for (const field of costFields) cols.push([header[field], 'money', (g) => money(g.cost?.[field])]);
  }
  if (data.comparison) {
    const kind = measureKind(data.comparison.measure);
    cols.push(
      [m.workbook.previous, kind, (g) => money(compared.get(tupleKey(g.keys))?.previous)],
      [m.workbook.change, kind, (g) => money(compared.get(tupleKey(g.keys))?.delta)],
      [m.workbook.changePercent, 'percent', (g) => compared.get(tupleKey(g.keys))?.deltaPercent ?? null],
    );
  }
  if (data.forecast) {
    cols.push([m.workbook.forecast, measureKind(data.forecast.measure), (g) => money(forecast.get(tupleKey(g.keys))?.forecast)]);
  }
  const t = grouping.totals;
  const footer: Cell[] = [
    m.workbook.total,
    ...grouping.dimensions.slice(1).map(() => null),
    t.servers,
    t.vcpuHours,
    t.ramGbHours,
    t.diskGbHours,
    ...(t.cost ? costFields.map((f) => money(t.cost?.[f])) : []),
    ...(data.comparison ? [money(data.comparison.totals.previous), money(data.comparison.totals.delta), data.comparison.totals.deltaPercent] : []),
    ...(data.forecast ? [money(data.forecast.totals.forecast)] : []),
  ];
  return table(m.workbook.sheets.byGroup, cols, grouping.groups, footer);
}

/** The series sheet, named by its step: one row per step and group, the per-step totals summed last. */
export function seriesSheet(data: ReportData, m: Messages): SheetModel | undefined {
  const series = data.series;
  if (!series) return undefined;
  const withCost = series.totals.some((p) => p.total !== undefined);
  type Row = { step: (typeof series.steps)[number]; group: string; point: SeriesPoint | undefined };
  const rows: Row[] = series.steps.flatMap((step, i) => series.groups.map((g) => ({ step, group: g.others ? m.others : g.label, point: g.points[i] })));
  const cols: Col<Row>[] = [
    [m.workbook.start, 'dateTime', (r) => wallClock(r.step.start, data.timezone)],
    [m.workbook.step, 'text', (r) => r.step.label],
    [m.workbook.group, 'text', (r) => r.group],
    [m.columns.hours, 'hours', (r) => Number(r.step.hours)],
    [m.columns.vcpuHours, 'hours', (r) => r.point?.vcpuHours],
    [m.columns.ramGbHours, 'hours', (r) => r.point?.ramGbHours],
    [m.columns.diskGbHours, 'hours', (r) => r.point?.diskGbHours],
    ...(withCost
      ? ([
          [m.columns.subtotal, 'money', (r) => money(r.point?.subtotal)],
          [m.workbook.total, 'money', (r) => money(r.point?.total)],
        ] satisfies Col<Row>[])
      : []),
    [m.workbook.complete, 'text', (r) => (r.step.complete ? m.yes : m.no)],
  ];
  const totals = series.totals;
  const sum = (get: (p: SeriesPoint) => number | string | undefined) => Math.round(totals.reduce((n, p) => n + Number(get(p) ?? 0) * 100, 0)) / 100;
  const footer: Cell[] = [
    m.workbook.total,
    null,
    null,
    null,
    sum((p) => p.vcpuHours),
    sum((p) => p.ramGbHours),
    sum((p) => p.diskGbHours),
    ...(withCost ? [sum((p) => p.subtotal), sum((p) => p.total)] : []),
  ];
  return table(m.workbook.sheets.steps[series.step], cols, rows, footer);
}

/** Budgets against their group's actual cost and forecast. */
export function budgetSheet(data: ReportData, m: Messages): SheetModel | undefined {
  const budgets = data.budgets;
  if (!budgets?.length) return undefined;
  type Budget = (typeof budgets)[number];
  return table<Budget>(
    m.workbook.budgets,
    [
      [m.workbook.group, 'text', (b) => b.label],
      [m.workbook.budget, 'money', (b) => money(b.amount)],
      [m.workbook.actual, 'money', (b) => money(b.actual)],
      [m.workbook.usedPercent, 'percent', (b) => b.usedPercent],
      [m.workbook.forecast, 'money', (b) => money(b.forecast)],
      [m.workbook.forecastPercent, 'percent', (b) => b.forecastPercent],
    ],
    budgets,
  );
}
