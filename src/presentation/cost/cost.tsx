import type { CostLine, ProjectCost } from '../../report-engine/report-data';
import { ChartRow } from '../components/chart-figure';
import type { Column, TableModel, TableRow } from '../components/data-table';
import { donutChart, horizontalBarChart, topWithOthers } from '../components/charts';
import { nameCell } from '../components/cells';
import { chargebackParts } from '../chargeback/chargeback';
import { notesPart, priceListPart, cardsPart, titlePart, wasteParts } from '../components/common-parts';
import type { DocPart, ReportView } from '../view';

/** What a cost line is: flavor or volume type and size, or nothing for an address. */
function detail(v: ReportView, l: CostLine): string {
  const { m, f } = v;
  if (l.kind === 'server') return `${l.detail ?? ''} · ${m.basis[l.basis]}`;
  if (l.kind === 'volume') return `${f.num(l.sizeGb ?? 0)} GB${l.detail ? ` · ${l.detail}` : ''}`;
  return l.basis === 'none' ? m.basis.none : '';
}

/** Every cost line grouped by project, with subtotals (before discount and tax) and a grand total. */
export function costLineTable(v: ReportView): TableModel<CostLine> {
  const cost = v.data.cost!;
  const { m, f } = v;
  const columns: Column<CostLine>[] = [
    { key: 'resource', header: m.columns.resource, width: 26, cell: (l) => nameCell(v, l.resourceName, l.kind === 'floatingIp' ? undefined : l.resourceId) },
    { key: 'kind', header: m.columns.kind, width: 8, cell: (l) => m.costKinds[l.kind] },
    { key: 'detail', header: m.columns.detail, width: 18, cell: (l) => detail(v, l) },
    { key: 'hours', header: m.columns.hours, numeric: true, width: 8, cell: (l) => f.decimal(l.hours, 2) },
    { key: 'rate', header: m.columns.rate, numeric: true, width: 9, cell: (l) => f.decimal(l.hourlyRate, 6) },
    { key: 'amount', header: m.columns.amount, numeric: true, width: 10, cell: (l) => f.money(l.amount) },
  ];
  const byProject = new Map<string, CostLine[]>();
  for (const l of cost.lines) {
    const list = byProject.get(l.projectId);
    if (list) list.push(l);
    else byProject.set(l.projectId, [l]);
  }
  const rows: TableRow<CostLine>[] = [];
  for (const p of cost.byProject) {
    const lines = byProject.get(p.projectId) ?? [];
    if (lines.length === 0) continue;
    rows.push({ kind: 'group', label: p.projectName });
    for (const row of lines) rows.push({ kind: 'row', row });
    rows.push({ kind: 'subtotal', label: `${m.columns.subtotal} · ${p.projectName}`, values: { amount: f.money(p.subtotal) } });
  }
  if (rows.length > 0) rows.push({ kind: 'total', label: `${m.columns.subtotal} · ${m.totalAll}`, values: { amount: f.money(cost.totals.subtotal) } });
  return { columns, rows, empty: m.empty };
}

function projectCostTable(v: ReportView): TableModel<ProjectCost> {
  const cost = v.data.cost!;
  const { m, f } = v;
  const money = (key: Exclude<keyof ProjectCost, 'projectId' | 'projectName'>, header: string, width = 9): Column<ProjectCost> => ({
    key,
    header,
    numeric: true,
    width,
    cell: (r) => f.money(r[key]),
  });
  const t = cost.totals;
  return {
    empty: m.empty,
    columns: [
      { key: 'project', header: m.columns.project, width: 20, cell: (r) => r.projectName },
      money('compute', m.columns.compute),
      money('volumes', m.columns.storage),
      money('floatingIps', m.columns.floatingIps),
      money('subtotal', m.columns.subtotal),
      money('discount', m.columns.discount),
      money('tax', m.columns.tax),
      money('total', m.total, 10),
    ],
    rows: [
      ...cost.byProject.map((row) => ({ kind: 'row' as const, row })),
      {
        kind: 'total',
        label: m.totalAll,
        values: Object.fromEntries((['compute', 'volumes', 'floatingIps', 'subtotal', 'discount', 'tax', 'total'] as const).map((k) => [k, f.money(t[k])])),
      },
    ],
  };
}

/** The cost report: totals, cost by project, waste, every cost line, and the price list used. */
export function costParts(v: ReportView): DocPart[] {
  const cost = v.data.cost;
  if (!cost) throw new Error('cost data missing');
  const { m, f, theme } = v;
  const t = cost.totals;
  const waste = v.data.waste;
  const wasteCount = waste ? waste.shutoffServers.length + waste.unattachedVolumes.length + waste.unassociatedFloatingIps.length : 0;
  const chart = { width: 420, height: 210, palette: theme.palette, format: (n: number) => f.money(n.toFixed(2)) };
  const top = topWithOthers(
    cost.byProject.map((p) => ({ label: p.projectName, value: Number(p.total) })),
    8,
    m.others,
  );
  const kinds = [
    { label: m.costKinds.server, value: Number(t.compute) },
    { label: m.costKinds.volume, value: Number(t.volumes) },
    { label: m.costKinds.floatingIp, value: Number(t.floatingIps) },
  ].filter((k) => k.value > 0);
  return [
    titlePart(v),
    cardsPart([
      { label: m.cards.totalCost, value: f.money(t.total), hint: m.cards.totalCostHint(f.money(t.subtotal), f.money(t.tax)) },
      { label: m.cards.compute, value: f.money(t.compute) },
      { label: m.cards.storage, value: f.money(t.volumes) },
      { label: m.cards.floatingIps, value: f.money(t.floatingIps) },
      ...(waste ? [{ label: m.cards.waste, value: f.money(waste.totalCost ?? '0'), hint: m.cards.wasteHint(f.int(wasteCount)), alert: wasteCount > 0 }] : []),
    ]),
    {
      kind: 'block',
      weight: 300,
      render: () =>
        top.length > 0 ? (
          <ChartRow
            charts={[
              { caption: m.charts.topProjectsByCost, svg: horizontalBarChart(top, chart) },
              { caption: m.charts.costByKind, svg: donutChart(kinds, { ...chart, width: 300 }) },
            ]}
          />
        ) : null,
    },
    { kind: 'table', heading: m.sections.costByProject, table: projectCostTable(v) },
    ...chargebackParts(v),
    ...wasteParts(v),
    { kind: 'table', heading: m.sections.costLines, table: costLineTable(v) },
    notesPart(v, [
      m.footnotes.costRules,
      m.footnotes.costRounding,
      m.footnotes.novaUsage,
      ...(waste ? [m.footnotes.wasteShutoff(f.int(waste.shutoffDays)), m.footnotes.wasteCostPeriod] : []),
    ]),
    ...priceListPart(v),
  ];
}
