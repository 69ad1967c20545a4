import type { ReportNote } from '../../report-engine/report-data';
import type { Column, TableModel } from './data-table';
import { Footnotes } from './footnotes';
import { SummaryCards, type Card } from './summary-cards';
import { TitleBlock } from './title-block';
import { nameCell } from './cells';
import { periodText } from '../period-text';
import type { DocPart, ReportView } from '../view';

/** The row of summary cards under the title. */
export function cardsPart(cards: Card[]): DocPart {
  return { kind: 'block', weight: 40, render: () => <SummaryCards cards={cards} /> };
}

/** The title block: logo, kind, title, and facts about scope, period, filters and generation. */
export function titlePart(v: ReportView): DocPart {
  const { data, m, f } = v;
  const facts: string[] = [];
  if (data.period) facts.push(periodText(m, f, data.period));
  facts.push(data.scope.allProjects ? m.scopeAll(f.int(data.scope.projects.length)) : m.scopeProjects(data.scope.projects.map((p) => p.name).join(', ')));
  const filters = describeFilters(data.filters);
  if (filters) facts.push(m.filtersApplied(filters));
  facts.push(m.generatedAt(`${f.longDateTime(data.generatedAt)} (${data.timezone})`));
  return {
    kind: 'block',
    weight: 50,
    outline: [{ title: m.sections.summary, level: 1 }],
    render: (anchor) => (
      <TitleBlock
        id={anchor(0)}
        logoDataUrl={v.theme.logoDataUrl}
        organisation={v.theme.organisation}
        kind={m.reportKind[data.type]}
        title={data.title}
        facts={facts}
      />
    ),
  };
}

/** Filters as `key: value` text (they are echoed from the spec, so keep to known keys). */
function describeFilters(filters: Record<string, unknown> | undefined): string {
  if (!filters) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) parts.push(`${key}=${value.join('|')}`);
    else if (value && typeof value === 'object') parts.push(...Object.entries(value).map(([k, x]) => `${key}.${k}=${String(x)}`));
    else parts.push(`${key}=${String(value)}`);
  }
  return parts.join('; ');
}

/** Notes about the data plus the methodology footnotes a report type needs. */
export function notesPart(v: ReportView, footnotes: string[]): DocPart {
  const { m, f } = v;
  const notes = v.data.notes.map((n: ReportNote) => {
    switch (n.code) {
      case 'partialServers':
        return m.notes.partialServers(f.int(n.count));
      case 'hostHidden':
        return m.notes.hostHidden;
      case 'unpricedFlavors':
        return m.notes.unpricedFlavors(n.flavors.join(', '));
      case 'periodClamped':
        return m.notes.periodClamped(f.dateTime(n.requestedEnd));
      case 'usageWithoutInventory':
        return m.notes.usageWithoutInventory(f.int(n.count));
      case 'compactColumns':
        return m.notes.compactColumns(f.int(n.servers));
    }
  });
  return {
    kind: 'block',
    weight: 60,
    // The outline points to the first list printed: the notes, or without any the methodology.
    outline: [{ title: notes.length > 0 ? m.sections.notes : m.sections.methodology, level: 1 }],
    render: (anchor) => (
      <>
        <Footnotes id={anchor(0)} title={m.sections.notes} items={notes} />
        <Footnotes id={notes.length > 0 ? undefined : anchor(0)} title={m.sections.methodology} items={footnotes} />
      </>
    ),
  };
}

/** The waste section: each list a table, so a cloud with thousands of idle volumes still chunks. */
export function wasteParts(v: ReportView): DocPart[] {
  const waste = v.data.waste;
  if (!waste) return [];
  const { m, f } = v;
  const priced = waste.costBasis !== null;
  const costColumn = <T extends { cost?: string }>(): Column<T>[] =>
    priced ? [{ key: 'cost', header: m.columns.cost, numeric: true, width: 8, cell: (r: T) => (r.cost ? f.money(r.cost) : '') }] : [];
  const projectColumn = <T extends { projectName: string }>(): Column<T> => ({
    key: 'project',
    header: m.columns.project,
    width: 12,
    cell: (r: T) => r.projectName,
  });

  const shutoff: TableModel<(typeof waste.shutoffServers)[number]> = {
    empty: m.empty,
    columns: [
      { key: 'name', header: m.columns.server, width: 24, cell: (r) => nameCell(v, r.name, r.id) },
      projectColumn(),
      { key: 'flavor', header: m.columns.flavor, width: 10, cell: (r) => r.flavor ?? '' },
      { key: 'since', header: m.columns.since, width: 10, cell: (r) => f.date(r.since) },
      { key: 'days', header: m.columns.days, numeric: true, width: 6, cell: (r) => f.int(r.days) },
      ...costColumn(),
    ],
    rows: waste.shutoffServers.map((row) => ({ kind: 'row' as const, row })),
  };
  const volumes: TableModel<(typeof waste.unattachedVolumes)[number]> = {
    empty: m.empty,
    columns: [
      { key: 'name', header: m.columns.volume, width: 24, cell: (r) => nameCell(v, r.name ?? '', r.id) },
      projectColumn(),
      { key: 'type', header: m.columns.type, width: 10, cell: (r) => r.volumeType ?? '' },
      { key: 'created', header: m.columns.created, width: 10, cell: (r) => f.date(r.createdAt) },
      { key: 'size', header: m.columns.size, numeric: true, width: 6, cell: (r) => f.num(r.sizeGb) },
      ...costColumn(),
    ],
    rows: waste.unattachedVolumes.map((row) => ({ kind: 'row' as const, row })),
  };
  const ips: TableModel<(typeof waste.unassociatedFloatingIps)[number]> = {
    empty: m.empty,
    columns: [
      { key: 'address', header: m.columns.address, width: 24, cell: (r) => nameCell(v, r.address, r.id) },
      projectColumn(),
      { key: 'created', header: m.columns.created, width: 26, cell: (r) => (r.createdAt ? f.date(r.createdAt) : '') },
      ...costColumn(),
    ],
    rows: waste.unassociatedFloatingIps.map((row) => ({ kind: 'row' as const, row })),
  };
  if (priced) {
    const sum = (items: { cost?: string }[]) => f.money(items.reduce((s, i) => s + Math.round(Number(i.cost ?? 0) * 100), 0) / 100 + '');
    shutoff.rows.push({ kind: 'total', label: m.total, values: { cost: sum(waste.shutoffServers) } });
    volumes.rows.push({ kind: 'total', label: m.total, values: { cost: sum(waste.unattachedVolumes) } });
    ips.rows.push({ kind: 'total', label: m.total, values: { cost: sum(waste.unassociatedFloatingIps) } });
  }
  return [
    { kind: 'block', weight: 10, outline: [{ title: m.sections.waste, level: 1 }], render: (anchor) => <h2 id={anchor(0)}>{m.sections.waste}</h2> },
    { kind: 'table', level: 3, heading: m.sections.wasteShutoff(f.int(waste.shutoffDays)), table: shutoff },
    { kind: 'table', level: 3, heading: m.sections.wasteVolumes, table: volumes },
    { kind: 'table', level: 3, heading: m.sections.wasteFloatingIps, table: ips },
  ];
}

/** The price list the costs used, printed as an appendix. */
export function priceListPart(v: ReportView): DocPart[] {
  const pl = v.data.priceList;
  if (!pl) return [];
  const { m, f } = v;
  const money = (value: string) => `${f.decimal(value, 6)} ${pl.currency}`;
  const units: [string, string | undefined][] = [
    [m.priceList.vcpuHour, pl.units?.vcpuHour],
    [m.priceList.ramGbHour, pl.units?.ramGbHour],
    [m.priceList.diskGbHour, pl.units?.diskGbHour],
    [m.priceList.volumeGbMonth, pl.units?.volumeGbMonth],
    [m.priceList.floatingIpHour, pl.units?.floatingIpHour],
  ];
  const flavors = Object.entries(pl.flavors ?? {});
  return [
    {
      kind: 'block',
      weight: 40 + flavors.length * 2,
      outline: [{ title: m.sections.priceList, level: 1 }],
      render: (anchor) => (
        <section style="break-before:page">
          <h2 id={anchor(0)}>{m.sections.priceList}</h2>
          <p>
            {m.priceList.name}: <strong>{pl.name ?? '—'}</strong> · {m.priceList.currency}: <strong>{pl.currency}</strong>
            {pl.discountPercent !== undefined ? ` · ${m.priceList.discount}: ${f.percent(pl.discountPercent)}` : ''}
            {pl.taxPercent !== undefined ? ` · ${m.priceList.tax}: ${f.percent(pl.taxPercent)}` : ''}
          </p>
          <div class="pair">
            <table class="data">
              <caption>{m.priceList.unitPrices}</caption>
              <thead>
                <tr>
                  <th>{m.columns.item}</th>
                  <th class="n">{m.columns.price}</th>
                </tr>
              </thead>
              <tbody>
                {units.map(([label, value]) => (
                  <tr>
                    <td>{label}</td>
                    <td class="n">{value === undefined ? '—' : money(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table class="data">
              <caption>
                {m.priceList.flavorPrices} ({m.priceList.perHour})
              </caption>
              <thead>
                <tr>
                  <th>{m.columns.flavor}</th>
                  <th class="n">{m.columns.price}</th>
                </tr>
              </thead>
              <tbody>
                {flavors.length === 0 ? (
                  <tr>
                    <td colspan={2} class="empty">
                      {m.empty}
                    </td>
                  </tr>
                ) : (
                  flavors.map(([name, price]) => (
                    <tr>
                      <td>{name}</td>
                      <td class="n">{money(price)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </section>
      ),
    },
  ];
}
