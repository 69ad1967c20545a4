import type { ProjectUsageRow, QuotaRow, ServerUsageRow } from '../../report-engine/report-data';
import { quotaResources } from '../../report-engine/report-data';
import { html } from 'hono/html';
import { ChartRow } from '../components/chart-figure';
import type { Column, TableModel, TableRow } from '../components/data-table';
import { horizontalBarChart, topWithOthers } from '../components/charts';
import { quotaUseChart, type QuotaBar } from '../components/quota-chart';
import { nameCell } from '../components/cells';
import { chargebackParts } from '../chargeback/chargeback';
import { notesPart, cardsPart, titlePart } from '../components/common-parts';
import { labelOf } from '../messages';
import type { DocPart, ReportView } from '../view';

/** Per-server usage grouped by project, with project subtotals and a grand total. */
export function serverUsageTable(v: ReportView): TableModel<ServerUsageRow> {
  const usage = v.data.usage!;
  const { m, f } = v;
  const columns: Column<ServerUsageRow>[] = [
    { key: 'name', header: m.columns.server, width: 20, cell: (r) => nameCell(v, r.name, r.id) },
    { key: 'flavor', header: m.columns.flavor, width: 9, cell: (r) => r.flavor },
    { key: 'vcpus', header: m.columns.vcpus, numeric: true, width: 4.5, cell: (r) => f.int(r.vcpus) },
    { key: 'ram', header: m.columns.ramGb, numeric: true, width: 5.5, cell: (r) => f.gbFromMb(r.ramMb) },
    { key: 'disk', header: m.columns.diskGb, numeric: true, width: 5.5, cell: (r) => f.int(r.diskGb) },
    { key: 'hours', header: m.columns.hours, numeric: true, width: 7, cell: (r) => f.fixed2(r.hours) },
    { key: 'vcpuHours', header: m.columns.vcpuHours, numeric: true, width: 8, cell: (r) => f.fixed2(r.vcpuHours) },
    { key: 'ramGbHours', header: m.columns.ramGbHours, numeric: true, width: 8.5, cell: (r) => f.fixed2(r.ramGbHours) },
    { key: 'diskGbHours', header: m.columns.diskGbHours, numeric: true, width: 8.5, cell: (r) => f.fixed2(r.diskGbHours) },
    {
      key: 'state',
      header: m.columns.state,
      width: 8,
      cell: (r) => {
        const state = labelOf(m.usageStates, r.state);
        return r.endedAt ? html`${state}<br /><span class="s">${f.date(r.endedAt)}</span>` : state;
      },
    },
  ];
  const byProject = new Map<string, ServerUsageRow[]>();
  for (const s of usage.servers) {
    const list = byProject.get(s.projectId);
    if (list) list.push(s);
    else byProject.set(s.projectId, [s]);
  }
  const figures = (t: { vcpuHours: number; ramGbHours: number; diskGbHours: number }) => ({
    vcpuHours: f.fixed2(t.vcpuHours),
    ramGbHours: f.fixed2(t.ramGbHours),
    diskGbHours: f.fixed2(t.diskGbHours),
  });
  const rows: TableRow<ServerUsageRow>[] = [];
  for (const p of usage.byProject) {
    const servers = byProject.get(p.projectId) ?? [];
    if (servers.length === 0) continue;
    rows.push({ kind: 'group', label: p.projectName, detail: `${f.int(p.servers)} ${m.columns.servers.toLowerCase()}` });
    for (const row of servers) rows.push({ kind: 'row', row });
    rows.push({ kind: 'subtotal', label: `${m.total} · ${p.projectName}`, values: figures(p) });
  }
  if (rows.length > 0)
    rows.push({ kind: 'total', label: `${m.totalAll} · ${f.int(usage.totals.servers)} ${m.columns.servers.toLowerCase()}`, values: figures(usage.totals) });
  return { columns, rows, empty: m.empty };
}

function projectUsageTable(v: ReportView): TableModel<ProjectUsageRow> {
  const usage = v.data.usage!;
  const { m, f } = v;
  const t = usage.totals;
  return {
    empty: m.empty,
    columns: [
      { key: 'project', header: m.columns.project, width: 22, cell: (r) => r.projectName },
      { key: 'servers', header: m.columns.servers, numeric: true, width: 7, cell: (r) => f.int(r.servers) },
      { key: 'vcpuHours', header: m.columns.vcpuHours, numeric: true, width: 10, cell: (r) => f.fixed2(r.vcpuHours) },
      { key: 'ramGbHours', header: m.columns.ramGbHours, numeric: true, width: 10, cell: (r) => f.fixed2(r.ramGbHours) },
      { key: 'diskGbHours', header: m.columns.diskGbHours, numeric: true, width: 10, cell: (r) => f.fixed2(r.diskGbHours) },
      { key: 'volumeGb', header: m.columns.volumeGb, numeric: true, width: 8, cell: (r) => f.num(r.volumeGb) },
    ],
    rows: [
      ...usage.byProject.map((row) => ({ kind: 'row' as const, row })),
      {
        kind: 'total',
        label: m.total,
        values: {
          servers: f.int(t.servers),
          vcpuHours: f.fixed2(t.vcpuHours),
          ramGbHours: f.fixed2(t.ramGbHours),
          diskGbHours: f.fixed2(t.diskGbHours),
          volumeGb: f.num(t.volumeGb),
        },
      },
    ],
  };
}

function quotaTable(v: ReportView): TableModel<QuotaRow> {
  const { m, f } = v;
  const cell = (r: QuotaRow, key: (typeof quotaResources)[number]) => {
    const q = r.resources.find((x) => x.resource === key);
    if (!q) return '';
    // RAM quotas are in MB; shown in GB like every other RAM figure.
    const show = (n: number) => (key === 'ram' ? f.gbFromMb(n) : f.num(n));
    return html`${show(q.inUse)} /
    ${q.limit === null ? m.unlimited : show(q.limit)}${q.percent !== null ? html`<br /><span class="s">${f.percent(q.percent)}</span>` : ''}`;
  };
  return {
    empty: m.empty,
    columns: [
      { key: 'project', header: m.columns.project, width: 18, cell: (r) => r.projectName },
      ...quotaResources.map((key) => ({ key, header: m.quotaResources[key], numeric: true, width: 10, cell: (r: QuotaRow) => cell(r, key) })),
    ],
    rows: v.data.usage!.quotas.map((row) => ({ kind: 'row' as const, row })),
  };
}

/** The usage report: usage by project and server over the period, and quota use. */
export function usageParts(v: ReportView): DocPart[] {
  const usage = v.data.usage;
  if (!usage) throw new Error('usage data missing');
  const { m, f, theme } = v;
  const t = usage.totals;
  const chart = { width: 340, height: 210, palette: theme.palette, format: (n: number) => f.num(Math.round(n)) };
  const byProject = topWithOthers(
    usage.byProject.map((p) => ({ label: p.projectName, value: p.vcpuHours })),
    8,
    m.others,
  );
  const topServers = [...usage.servers]
    .sort((a, b) => b.vcpuHours - a.vcpuHours)
    .slice(0, 8)
    .map((s) => ({ label: s.name || s.id, value: s.vcpuHours }));
  const quotaKeys = ['cores', 'ram', 'instances', 'gigabytes'] as const;
  const barOf = (q: QuotaRow, key: string): QuotaBar => {
    const r = q.resources.find((x) => x.resource === key);
    return !r ? null : r.percent === null ? 'unlimited' : { percent: r.percent };
  };
  const percentOf = (q: QuotaRow, key: string) => q.resources.find((r) => r.resource === key)?.percent ?? null;
  // Projects without a limit on any charted quota cannot run out: they would be empty rows.
  const topQuota = usage.quotas
    .filter((q) => quotaKeys.some((k) => percentOf(q, k) !== null))
    .map((q) => ({ q, max: Math.max(...quotaKeys.map((k) => percentOf(q, k) ?? 0)) }))
    .sort((a, b) => b.max - a.max)
    .slice(0, 6)
    .map((x) => x.q);
  const charts = [
    { caption: m.charts.usageByProject, svg: horizontalBarChart(byProject, chart) },
    { caption: m.charts.topServers, svg: horizontalBarChart(topServers, { ...chart, palette: [theme.accent] }) },
  ];
  if (topQuota.length > 0) {
    charts.push({
      caption: m.charts.quotaUse,
      svg: quotaUseChart(
        topQuota.map((q) => q.projectName),
        quotaKeys.map((k) => ({ name: m.quotaResources[k], bars: topQuota.map((q) => barOf(q, k)) })),
        { ...chart, format: (n) => f.percent(n), unlimitedLabel: m.unlimited },
      ),
    });
  }
  return [
    titlePart(v),
    cardsPart([
      { label: m.cards.vcpuHours, value: f.int(Math.round(t.vcpuHours)) },
      { label: m.cards.ramGbHours, value: f.int(Math.round(t.ramGbHours)) },
      { label: m.cards.diskGbHours, value: f.int(Math.round(t.diskGbHours)) },
      { label: m.cards.serversWithUsage, value: f.int(t.servers) },
      { label: m.cards.volumeGb, value: `${f.num(t.volumeGb)} GB` },
    ]),
    { kind: 'block', weight: 300, render: () => (usage.servers.length > 0 ? <ChartRow charts={charts} /> : null) },
    { kind: 'table', heading: m.sections.usageByProject, table: projectUsageTable(v) },
    ...chargebackParts(v),
    { kind: 'table', heading: m.sections.quotas, table: quotaTable(v) },
    { kind: 'table', heading: m.sections.serverUsage, table: serverUsageTable(v) },
    notesPart(v, [m.footnotes.novaUsage, m.footnotes.volumeUsage, m.footnotes.quotas, m.footnotes.ramGb]),
  ];
}
