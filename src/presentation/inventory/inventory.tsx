import type { ProjectInventory, ServerRow } from '../../report-engine/report-data';
import { chosenMetadata } from '../../domain/free-record';
import { html } from 'hono/html';
import { ChartRow } from '../components/chart-figure';
import type { Column, TableModel, TableRow } from '../components/data-table';
import { DataTable } from '../components/data-table';
import { donutChart, horizontalBarChart, topWithOthers } from '../components/charts';
import { dateTimeCell, linesCell, nameCell, statusCell } from '../components/cells';
import { notesPart, priceListPart, cardsPart, titlePart, wasteParts } from '../components/common-parts';
import { otherStatusColour, statusColour } from '../status-colours';
import type { DocPart, ReportView } from '../view';

/** Columns of the server table, from the spec's column list. Related fields share a cell: Chromium's layout cost grows with the number of cells, not lines. */
export function serverColumns(v: ReportView): Column<ServerRow>[] {
  const { m, f } = v;
  const chosen = new Set<string>(v.data.presentation.columns);
  const has = (c: string) => chosen.has(c);
  const cols: Column<ServerRow>[] = [];
  if (has('name') || has('id')) {
    cols.push({
      key: 'name',
      header: has('name') ? m.columns.server : m.columns.id,
      width: 19,
      cell: (r) => (has('name') ? nameCell(v, r.name, has('id') ? r.id : undefined, r.partial) : r.id),
    });
  }
  if (has('project')) cols.push({ key: 'project', header: m.columns.project, width: 10, cell: (r) => r.projectName });
  if (has('status')) cols.push({ key: 'status', header: m.columns.status, width: 7, cell: (r) => statusCell(v, r, has('powerState')) });
  else if (has('powerState'))
    cols.push({ key: 'power', header: m.columns.powerState, width: 7, cell: (r) => (r.powerState ? (m.powerStates[r.powerState] ?? r.powerState) : '') });
  const image = (r: ServerRow) => (r.partial ? '' : r.imageId === null ? m.bootFromVolume : (r.imageName ?? m.imageGone));
  if (has('flavor')) {
    cols.push({
      key: 'flavor',
      header: has('image') ? m.columns.flavorImage : m.columns.flavor,
      width: 11,
      cell: (r) => (has('image') && !r.partial ? html`${r.flavor ?? ''}<br /><span class="s">${image(r)}</span>` : (r.flavor ?? '')),
    });
  } else if (has('image')) cols.push({ key: 'image', header: m.columns.image, width: 10, cell: image });
  if (has('vcpus')) cols.push({ key: 'vcpus', header: m.columns.vcpus, numeric: true, width: 4.5, cell: (r) => f.int(r.vcpus) });
  if (has('ram')) cols.push({ key: 'ram', header: m.columns.ramGb, numeric: true, width: 5.5, cell: (r) => f.gbFromMb(r.ramMb) });
  // Three volumes at most, then a count: a server with fifty volumes must not fill a page.
  const volumeLines = (r: ServerRow) => {
    const shown = r.volumes.slice(0, 3).map((x) => `+${f.num(x.sizeGb)} GB${x.volumeType ? ` ${x.volumeType}` : ''}`);
    if (r.volumes.length > 3) shown.push(m.columns.moreItems(f.int(r.volumes.length - 3)));
    return shown;
  };
  if (has('disk')) {
    // Attached volumes go beneath the root disk: one cell less per row (Chromium's cost is per cell).
    const withVolumes = has('volumes');
    cols.push({
      key: 'disk',
      header: withVolumes ? m.columns.diskVolumes : m.columns.diskGb,
      numeric: true,
      width: withVolumes ? 8 : 5.5,
      cell: (r) => (withVolumes && r.volumes.length > 0 ? html`${f.int(r.diskGb)}<br />${linesCell(volumeLines(r), true)}` : f.int(r.diskGb)),
    });
  } else if (has('volumes')) {
    cols.push({ key: 'volumes', header: m.columns.volumes, width: 8, cell: (r) => linesCell(volumeLines(r).map((l) => l.slice(1))) });
  }
  if (has('fixedIps') || has('floatingIps')) {
    const header = has('fixedIps') && has('floatingIps') ? m.columns.addresses : has('fixedIps') ? m.columns.fixedIps : m.columns.floatingIps;
    cols.push({
      key: 'addresses',
      header,
      width: 11,
      cell: (r) => {
        const fixed = has('fixedIps') ? r.fixedIps : [];
        // Floating addresses beneath the fixed ones, muted and marked, when both are shown.
        const floating = has('floatingIps') ? r.floatingIps.map((a) => (fixed.length > 0 ? `${a} (${m.floatingMarker})` : a)) : [];
        return html`${linesCell(fixed)}${fixed.length > 0 && floating.length > 0 ? html`<br />` : ''}${linesCell(floating, fixed.length > 0)}`;
      },
    });
  }
  if (has('availabilityZone') || has('host')) {
    cols.push({
      key: 'zone',
      header: has('availabilityZone') && has('host') ? m.columns.zoneHost : has('host') ? m.columns.host : m.columns.availabilityZone,
      width: 8,
      cell: (r) => linesCell([...(has('availabilityZone') && r.availabilityZone ? [r.availabilityZone] : []), ...(has('host') && r.host ? [r.host] : [])]),
    });
  }
  if (has('created')) cols.push({ key: 'created', header: m.columns.created, width: 6.5, cell: (r) => f.date(r.created) });
  if (has('metadata') && v.data.presentation.metadataKeys.length > 0) {
    cols.push({ key: 'metadata', header: m.columns.metadata, width: 10, cell: (r) => linesCell(chosenMetadata(r.metadata, v.data.presentation.metadataKeys)) });
  }
  if (has('cost') && v.data.inventory?.totals.monthlyCost !== undefined) {
    cols.push({ key: 'cost', header: m.columns.monthlyCost, numeric: true, width: 7, cell: (r) => (r.monthlyCost ? f.money(r.monthlyCost) : '') });
  }
  return cols;
}

/** The servers grouped by project, with a subtotal per project and a grand total. */
export function serverTable(v: ReportView): TableModel<ServerRow> {
  const inv = v.data.inventory;
  const { m, f } = v;
  const rows: TableRow<ServerRow>[] = [];
  if (!inv) return { columns: [], rows, empty: m.empty };
  const byProject = new Map<string, ServerRow[]>();
  for (const s of inv.servers) {
    const list = byProject.get(s.projectId);
    if (list) list.push(s);
    else byProject.set(s.projectId, [s]);
  }
  const figures = (t: { vcpus: number; ramMb: number; diskGb: number; monthlyCost?: string }) => ({
    vcpus: f.int(t.vcpus),
    ram: f.gbFromMb(t.ramMb),
    disk: f.int(t.diskGb),
    ...(t.monthlyCost !== undefined ? { cost: f.money(t.monthlyCost) } : {}),
  });
  for (const p of inv.byProject) {
    const servers = byProject.get(p.projectId) ?? [];
    if (servers.length === 0) continue;
    rows.push({ kind: 'group', label: p.projectName, detail: `${f.int(p.servers)} ${m.columns.servers.toLowerCase()}` });
    for (const row of servers) rows.push({ kind: 'row', row });
    const serverCost = servers.some((s) => s.monthlyCost !== undefined)
      ? (servers.reduce((sum, s) => sum + Math.round(Number(s.monthlyCost ?? 0) * 100), 0) / 100).toFixed(2)
      : undefined;
    rows.push({
      kind: 'subtotal',
      label: `${m.total} · ${p.projectName}`,
      values: figures({ vcpus: p.vcpus, ramMb: p.ramMb, diskGb: p.diskGb, monthlyCost: serverCost }),
    });
  }
  if (rows.length > 0) {
    const t = inv.totals;
    const serverCost =
      t.monthlyCost !== undefined ? (inv.servers.reduce((sum, s) => sum + Math.round(Number(s.monthlyCost ?? 0) * 100), 0) / 100).toFixed(2) : undefined;
    rows.push({
      kind: 'total',
      label: `${m.totalAll} · ${f.int(t.servers)} ${m.columns.servers.toLowerCase()}`,
      values: figures({ vcpus: t.vcpus, ramMb: t.ramMb, diskGb: t.diskGb, monthlyCost: serverCost }),
    });
  }
  return { columns: serverColumns(v), rows, empty: m.empty };
}

function projectTable(v: ReportView): TableModel<ProjectInventory> {
  const inv = v.data.inventory!;
  const { m, f } = v;
  const priced = inv.totals.monthlyCost !== undefined;
  const columns: Column<ProjectInventory>[] = [
    { key: 'project', header: m.columns.project, width: 20, cell: (r) => r.projectName },
    { key: 'servers', header: m.columns.servers, numeric: true, width: 7, cell: (r) => f.int(r.servers) },
    { key: 'active', header: m.columns.active, numeric: true, width: 6, cell: (r) => f.int(r.active) },
    { key: 'shutoff', header: m.columns.shutoff, numeric: true, width: 6, cell: (r) => f.int(r.shutoff) },
    { key: 'vcpus', header: m.columns.vcpus, numeric: true, width: 6, cell: (r) => f.int(r.vcpus) },
    { key: 'ram', header: m.columns.ramGb, numeric: true, width: 7, cell: (r) => f.gbFromMb(r.ramMb) },
    { key: 'disk', header: m.columns.diskGb, numeric: true, width: 7, cell: (r) => f.int(r.diskGb) },
    { key: 'volumes', header: m.columns.volumes, numeric: true, width: 6, cell: (r) => f.int(r.volumes) },
    { key: 'volumeGb', header: m.columns.volumeGb, numeric: true, width: 7, cell: (r) => f.num(r.volumeGb) },
    { key: 'fips', header: m.columns.floatingIps, numeric: true, width: 7, cell: (r) => f.int(r.floatingIps) },
    ...(priced ? [{ key: 'cost', header: m.columns.monthlyCost, numeric: true, width: 9, cell: (r: ProjectInventory) => f.money(r.monthlyCost ?? '0') }] : []),
  ];
  const t = inv.totals;
  return {
    columns,
    empty: m.empty,
    rows: [
      ...inv.byProject.map((row) => ({ kind: 'row' as const, row })),
      {
        kind: 'total',
        label: m.total,
        values: {
          servers: f.int(t.servers),
          active: f.int(t.active),
          shutoff: f.int(t.shutoff),
          vcpus: f.int(t.vcpus),
          ram: f.gbFromMb(t.ramMb),
          disk: f.int(t.diskGb),
          volumes: f.int(t.volumes),
          volumeGb: f.num(t.volumeGb),
          fips: f.int(t.floatingIps),
          ...(priced ? { cost: f.money(t.monthlyCost ?? '0') } : {}),
        },
      },
    ],
  };
}

function groupTable(
  v: ReportView,
  header: string,
  groups: { key: string; servers: number; vcpus: number; ramMb: number; diskGb: number }[],
): TableModel<(typeof groups)[number]> {
  const { m, f } = v;
  return {
    empty: m.empty,
    columns: [
      { key: 'key', header, width: 14, cell: (r) => r.key || m.unknown },
      { key: 'servers', header: m.columns.servers, numeric: true, width: 6, cell: (r) => f.int(r.servers) },
      { key: 'vcpus', header: m.columns.vcpus, numeric: true, width: 5, cell: (r) => f.int(r.vcpus) },
      { key: 'ram', header: m.columns.ramGb, numeric: true, width: 6, cell: (r) => f.gbFromMb(r.ramMb) },
      { key: 'disk', header: m.columns.diskGb, numeric: true, width: 6, cell: (r) => f.int(r.diskGb) },
    ],
    rows: groups.map((row) => ({ kind: 'row' as const, row })),
  };
}

/** The inventory report: summary, charts, totals by project, status and flavor, waste, and every server, volume and floating IP. */
export function inventoryParts(v: ReportView): DocPart[] {
  const inv = v.data.inventory;
  if (!inv) throw new Error('inventory data missing');
  const { m, f, theme } = v;
  const t = inv.totals;
  const priced = t.monthlyCost !== undefined;
  const waste = v.data.waste;
  const wasteCount = waste ? waste.shutoffServers.length + waste.unattachedVolumes.length + waste.unassociatedFloatingIps.length : 0;
  const chart = { width: 340, height: 200, palette: theme.palette, format: (n: number) => f.num(n) };
  const noop = (items: { label: string; value: number }[]) => items.length > 0;
  const vcpuItems = topWithOthers(
    inv.byProject.map((p) => ({ label: p.projectName, value: p.vcpus })),
    8,
    m.others,
  );
  const statusItems = topWithOthers(
    inv.byStatus.map((s) => ({ label: s.status, value: s.servers, colour: statusColour(s.status) })),
    6,
    m.others,
    otherStatusColour,
  );
  const flavorItems = topWithOthers(
    inv.byFlavor.map((s) => ({ label: s.flavor || m.unknown, value: s.servers })),
    8,
    m.others,
  );
  // Attached volumes and associated addresses show in their server's row, and idle ones under waste;
  // these tables list the rest (attached to servers the filters left out, or ports of other devices).
  const listed = new Set(inv.servers.map((s) => s.id));
  const volumes = inv.volumes.filter((x) => x.attachedServerIds.length > 0 && !x.attachedServerIds.some((id) => listed.has(id)));
  const floating = inv.floatingIps.filter((x) => x.portId !== null && !(x.serverId && listed.has(x.serverId)));

  // Volumes and addresses share the optional cost column: each row carries its own monthly cost.
  const monthlyCostColumn: Column<{ monthlyCost?: string | null }> = {
    key: 'cost',
    header: m.columns.monthlyCost,
    numeric: true,
    width: 7,
    cell: (r) => (r.monthlyCost ? f.money(r.monthlyCost) : ''),
  };
  const volumeTable: TableModel<(typeof volumes)[number]> = {
    empty: m.empty,
    columns: [
      { key: 'name', header: m.columns.volume, width: 22, cell: (r) => nameCell(v, r.name ?? '', r.id) },
      { key: 'project', header: m.columns.project, width: 12, cell: (r) => r.projectName },
      { key: 'size', header: m.columns.size, numeric: true, width: 6, cell: (r) => f.num(r.sizeGb) },
      { key: 'type', header: m.columns.type, width: 9, cell: (r) => r.volumeType ?? '' },
      { key: 'status', header: m.columns.status, width: 8, cell: (r) => r.status },
      { key: 'attached', header: m.columns.attachedTo, width: 16, cell: (r) => linesCell(r.attachedTo) },
      { key: 'created', header: m.columns.created, width: 8, cell: (r) => dateTimeCell(v, r.createdAt) },
      ...(priced ? [monthlyCostColumn] : []),
    ],
    rows: volumes.map((row) => ({ kind: 'row' as const, row })),
  };
  const ipTable: TableModel<(typeof floating)[number]> = {
    empty: m.empty,
    columns: [
      { key: 'address', header: m.columns.address, width: 16, cell: (r) => nameCell(v, r.address, r.id) },
      { key: 'project', header: m.columns.project, width: 12, cell: (r) => r.projectName },
      { key: 'status', header: m.columns.status, width: 7, cell: (r) => r.status },
      { key: 'fixed', header: m.columns.fixedIp, width: 10, cell: (r) => r.fixedIpAddress ?? '' },
      { key: 'server', header: m.columns.server, width: 16, cell: (r) => r.server ?? '' },
      { key: 'created', header: m.columns.created, width: 8, cell: (r) => dateTimeCell(v, r.createdAt) },
      ...(priced ? [monthlyCostColumn] : []),
    ],
    rows: floating.map((row) => ({ kind: 'row' as const, row })),
  };

  const footnotes = [m.footnotes.ramGb, m.footnotes.scopeResources];
  if (priced) footnotes.push(m.footnotes.monthlyEstimate);
  if (waste) footnotes.push(m.footnotes.wasteShutoff(f.int(waste.shutoffDays)), ...(priced ? [m.footnotes.wasteCostMonth] : []));

  return [
    titlePart(v),
    cardsPart([
      { label: m.cards.servers, value: f.int(t.servers), hint: m.cards.serversHint(f.int(t.active), f.int(t.shutoff)) },
      { label: m.cards.vcpus, value: f.int(t.vcpus) },
      { label: m.cards.ram, value: `${f.gbFromMb(t.ramMb)} GB` },
      { label: m.cards.volumes, value: f.int(t.volumes), hint: m.cards.volumesHint(`${f.num(t.volumeGb)} GB`) },
      { label: m.cards.floatingIps, value: f.int(t.floatingIps), hint: m.cards.floatingIpsHint(f.int(waste?.unassociatedFloatingIps.length ?? 0)) },
      ...(priced ? [{ label: m.cards.monthlyCost, value: f.money(t.monthlyCost ?? '0'), hint: m.cards.monthlyCostHint }] : []),
      ...(waste
        ? [
            {
              label: m.cards.waste,
              value: priced && waste.totalCost ? f.money(waste.totalCost) : f.int(wasteCount),
              hint: m.cards.wasteHint(f.int(wasteCount)),
              alert: wasteCount > 0,
            },
          ]
        : []),
    ]),
    {
      kind: 'block',
      weight: 300,
      render: () =>
        noop(vcpuItems) ? (
          <ChartRow
            charts={[
              { caption: m.charts.vcpusByProject, svg: horizontalBarChart(vcpuItems, chart) },
              { caption: m.charts.serversByStatus, svg: donutChart(statusItems, chart) },
              { caption: m.charts.serversByFlavor, svg: horizontalBarChart(flavorItems, { ...chart, palette: [theme.accent] }) },
            ]}
          />
        ) : null,
    },
    { kind: 'table', heading: m.sections.byProject, table: projectTable(v) },
    {
      kind: 'block',
      weight: 8 * (inv.byStatus.length + inv.byFlavor.length) + 20,
      outline: [
        { title: m.sections.byStatus, level: 1 },
        { title: m.sections.byFlavor, level: 1 },
      ],
      render: (anchor) => (
        <div class="pair">
          <section>
            <h3 id={anchor(0)}>{m.sections.byStatus}</h3>
            <DataTable
              table={groupTable(
                v,
                m.columns.status,
                inv.byStatus.map((s) => ({ ...s, key: s.status })),
              )}
              from={0}
              to={inv.byStatus.length}
              continued={m.continued}
            />
          </section>
          <section>
            <h3 id={anchor(1)}>{m.sections.byFlavor}</h3>
            <DataTable
              table={groupTable(
                v,
                m.columns.flavor,
                inv.byFlavor.map((s) => ({ ...s, key: s.flavor })),
              )}
              from={0}
              to={inv.byFlavor.length}
              continued={m.continued}
            />
          </section>
        </div>
      ),
    },
    ...wasteParts(v),
    { kind: 'table', heading: m.sections.servers, table: serverTable(v) },
    ...(volumes.length > 0 ? [{ kind: 'table' as const, heading: m.sections.otherVolumes, table: volumeTable }] : []),
    ...(floating.length > 0 ? [{ kind: 'table' as const, heading: m.sections.otherFloatingIps, table: ipTable }] : []),
    notesPart(v, footnotes),
    ...priceListPart(v),
  ];
}
