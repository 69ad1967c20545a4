import { html } from 'hono/html';
import type { BudgetRow, ComparisonSection, ForecastSection, GroupingSection, GroupRow, ReportData, SeriesSection } from '../../report-engine/report-data';
import { ChartRow } from '../components/chart-figure';
import { horizontalBarChart, topWithOthers } from '../components/charts';
import type { Cell, Column, TableModel, TableRow } from '../components/data-table';
import { stackedBarChart, type StackSeries } from '../components/stacked-chart';
import type { DocPart, ReportView } from '../view';

/** The grey of the "others" bar and stack: not a group's colour. */
const othersColour = '#94a3b8';
/** Charts show at most this many groups (then "others") when the spec sets no `topGroups`. */
const defaultTopGroups = 8;
/** Budget use from which a row is marked as a warning, and as over budget. */
export const budgetWarningPercent = 80;
export const budgetOverPercent = 100;

const keyOf = (keys: readonly string[]) => JSON.stringify(keys);

/** How the sections measure a group: money in cost reports, vCPU-hours in usage reports. */
function measureOf(v: ReportView) {
  const { data, m, f } = v;
  const cost = data.type === 'cost' && data.cost !== undefined;
  return {
    cost,
    name: cost ? m.chargeback.cost : m.chargeback.vcpuHours,
    /** A two-decimal figure (string or number) in the measure's unit. */
    format: (x: string | number) => (cost ? f.money(String(x)) : f.fixed2(Number(x))),
    /** A signed change: "+" before increases. */
    delta: (x: string) => `${Number(x) > 0 ? '+' : ''}${cost ? f.money(x) : f.fixed2(Number(x))}`,
  };
}

/** A dimension (`metadata:cost_center`) in words. */
function dimensionName(v: ReportView, dimension: string): string {
  const d = v.m.chargeback.dimensions;
  const at = dimension.indexOf(':');
  if (at > 0) {
    const kind = dimension.slice(0, at);
    const key = dimension.slice(at + 1);
    if (kind === 'metadata') return d.metadata(key);
    if (kind === 'tag') return d.tag(key);
  }
  if (dimension === 'project' || dimension === 'domain' || dimension === 'flavor' || dimension === 'availabilityZone') return d[dimension];
  return dimension;
}

/**
 * Display labels of every group the grouping lists (and its parents), by keys: the "(none)" key in
 * the report's language. Series, comparison, forecast and budgets name groups by the same keys.
 */
function groupLabels(v: ReportView) {
  const { data, m } = v;
  const labels = new Map<string, string>();
  const none = data.grouping?.noneKey ?? '(none)';
  const show = (keys: string[], parts: string[]) => parts.map((l, i) => (keys[i] === none ? m.chargeback.none : l)).join(' / ');
  for (const g of [...(data.grouping?.groups ?? []), ...(data.grouping?.parents ?? [])]) labels.set(keyOf(g.keys), show(g.keys, g.labels));
  return (g: { keys: string[]; label: string }) => {
    const known = labels.get(keyOf(g.keys));
    if (known !== undefined) return known;
    // A group of the previous period only, or a budget for a group with no use: its label as given.
    return g.keys.every((k) => k === none) ? g.keys.map(() => m.chargeback.none).join(' / ') : g.label;
  };
}

/** Usage and cost figures of a group row, as table columns. */
function groupColumns(v: ReportView, withCost: boolean): Column<GroupRow>[] {
  const { m, f } = v;
  const money = (key: 'compute' | 'volumes' | 'floatingIps' | 'subtotal' | 'discount' | 'tax' | 'total', header: string): Column<GroupRow> => ({
    key,
    header,
    numeric: true,
    width: 8,
    cell: (r) => (r.cost ? f.money(r.cost[key]) : ''),
  });
  return [
    { key: 'servers', header: m.columns.servers, numeric: true, width: 5.5, cell: (r) => f.int(r.servers) },
    { key: 'vcpuHours', header: m.columns.vcpuHours, numeric: true, width: 8, cell: (r) => f.fixed2(r.vcpuHours) },
    ...(withCost
      ? [
          money('compute', m.columns.compute),
          money('volumes', m.columns.storage),
          money('floatingIps', m.columns.floatingIps),
          money('subtotal', m.columns.subtotal),
          money('discount', m.columns.discount),
          money('tax', m.columns.tax),
          money('total', m.total),
        ]
      : [
          { key: 'ramGbHours', header: m.columns.ramGbHours, numeric: true, width: 8, cell: (r: GroupRow) => f.fixed2(r.ramGbHours) },
          { key: 'diskGbHours', header: m.columns.diskGbHours, numeric: true, width: 8, cell: (r: GroupRow) => f.fixed2(r.diskGbHours) },
        ]),
  ];
}

/** A group row's figures as a subtotal or total line's values. */
function groupValues(v: ReportView, r: Omit<GroupRow, 'keys' | 'labels' | 'label'>, columns: Column<GroupRow>[]): Record<string, Cell> {
  const row = { ...r, keys: [], labels: [], label: '' } as GroupRow;
  return Object.fromEntries(columns.filter((c) => c.key !== 'group').map((c) => [c.key, c.cell(row)]));
}

/** The grouping table: groups (under their parents, with subtotals, for two dimensions) and the total. */
export function groupingTable(v: ReportView, grouping: GroupingSection): TableModel<GroupRow> {
  const { m } = v;
  const label = groupLabels(v);
  const twoLevels = grouping.dimensions.length === 2 && grouping.parents !== undefined;
  const figures = groupColumns(v, grouping.totals.cost !== undefined);
  const columns: Column<GroupRow>[] = [
    {
      key: 'group',
      header: grouping.dimensions.map((d) => dimensionName(v, d)).join(' / '),
      width: 20,
      // Under a parent the row names its second-level group only.
      cell: (r) => (twoLevels ? (r.keys[1] === grouping.noneKey ? m.chargeback.none : r.labels[1]) : label(r)),
    },
    ...figures,
  ];
  const rows: TableRow<GroupRow>[] = [];
  if (twoLevels) {
    for (const parent of grouping.parents!) {
      const children = grouping.groups.filter((g) => g.keys[0] === parent.keys[0]);
      const name = label(parent);
      rows.push({ kind: 'group', label: name });
      for (const row of children) rows.push({ kind: 'row', row });
      rows.push({ kind: 'subtotal', label: `${m.total} · ${name}`, values: groupValues(v, parent, figures) });
    }
  } else {
    for (const row of grouping.groups) rows.push({ kind: 'row', row });
  }
  if (rows.length > 0) rows.push({ kind: 'total', label: m.total, values: groupValues(v, grouping.totals, figures) });
  return { columns, rows, empty: m.empty };
}

/** Grouping: the table, a bar chart of the largest groups, and how volumes, IPs, discount and tax are attributed. */
function groupingParts(v: ReportView, grouping: GroupingSection, topGroups: number): DocPart[] {
  const { m, theme } = v;
  const measure = measureOf(v);
  const label = groupLabels(v);
  const items = topWithOthers(
    grouping.groups.map((g) => ({ label: label(g), value: measure.cost ? Number(g.cost?.total ?? 0) : g.vcpuHours })),
    topGroups + 1,
    m.others,
    othersColour,
  );
  const chart = horizontalBarChart(items, {
    // As wide as the page's row, so its text is drawn at the size of the other charts'.
    width: 900,
    height: Math.max(100, 16 + 18 * items.length),
    palette: theme.palette,
    format: (n) => measure.format(n.toFixed(2)),
  });
  const dimensions = grouping.dimensions.map((d) => dimensionName(v, d)).join(' / ');
  const heading = m.chargeback.sections.grouping(dimensions);
  return [
    {
      kind: 'block',
      weight: 120,
      outline: [{ title: heading, level: 1 }],
      render: (anchor) => (
        <section>
          <h2 id={anchor(0)}>{heading}</h2>
          {items.length > 0 ? <ChartRow charts={[{ caption: m.chargeback.charts.byGroup(measure.name), svg: chart }]} /> : null}
        </section>
      ),
    },
    { kind: 'table', level: 3, heading: m.chargeback.sections.groups, table: groupingTable(v, grouping) },
    {
      kind: 'block',
      weight: 20,
      render: () => (
        <>
          <p class="muted method">{m.chargeback.attribution}</p>
          {grouping.allocation ? <p class="muted method">{m.chargeback.allocation}</p> : null}
        </>
      ),
    },
  ];
}

/** The series' groups for the chart: at most `top` of them, the rest (and the engine's "others") summed. */
function seriesStacks(v: ReportView, series: SeriesSection, top: number, value: (p: SeriesSection['totals'][number]) => number): StackSeries[] {
  const label = groupLabels(v);
  const own = series.groups.filter((g) => !g.others);
  const others = series.groups.filter((g) => g.others);
  const kept = own.slice(0, top);
  const folded = [...own.slice(top), ...others];
  const stacks: StackSeries[] = kept.map((g) => ({ label: label(g), values: g.points.map(value) }));
  if (folded.length > 0) {
    stacks.push({
      label: v.m.others,
      colour: othersColour,
      values: series.steps.map((_, i) => Math.round(folded.reduce((n, g) => n + value(g.points[i]) * 100, 0)) / 100),
    });
  }
  return stacks;
}

/** Series: a stacked chart of the measure per step by group, a table of steps × totals, the rounding rule. */
function seriesParts(v: ReportView, series: SeriesSection, topGroups: number): DocPart[] {
  const { m, f, theme } = v;
  const measure = measureOf(v);
  const step = m.chargeback.steps[series.step];
  const value = (p: SeriesSection['totals'][number]) => (measure.cost ? Number(p.total ?? 0) : p.vcpuHours);
  const stacks = seriesStacks(v, series, topGroups, value);
  const svg = stackedBarChart(
    series.steps.map((s) => s.label),
    stacks,
    { width: 900, height: 250 + 14 * Math.ceil(stacks.length / 5), palette: theme.palette, format: (n) => f.int(n) },
  );
  type Row = { step: SeriesSection['steps'][number]; point: SeriesSection['totals'][number] };
  const cost = series.totals.some((p) => p.total !== undefined);
  const columns: Column<Row>[] = [
    {
      key: 'step',
      header: m.chargeback.columns.step,
      width: 12,
      cell: (r) => (r.step.complete ? r.step.label : html`${r.step.label} <span class="s">(${m.chargeback.columns.partialStep})</span>`),
    },
    { key: 'hours', header: m.columns.hours, numeric: true, width: 6, cell: (r) => f.decimal(r.step.hours, 2) },
    { key: 'vcpuHours', header: m.columns.vcpuHours, numeric: true, width: 9, cell: (r) => f.fixed2(r.point.vcpuHours) },
    { key: 'ramGbHours', header: m.columns.ramGbHours, numeric: true, width: 9, cell: (r) => f.fixed2(r.point.ramGbHours) },
    { key: 'diskGbHours', header: m.columns.diskGbHours, numeric: true, width: 9, cell: (r) => f.fixed2(r.point.diskGbHours) },
    ...(cost
      ? [
          { key: 'subtotal', header: m.columns.subtotal, numeric: true, width: 9, cell: (r: Row) => f.money(r.point.subtotal ?? '0') },
          { key: 'total', header: m.total, numeric: true, width: 9, cell: (r: Row) => f.money(r.point.total ?? '0') },
        ]
      : []),
  ];
  const sum = (pick: (p: SeriesSection['totals'][number]) => number) => Math.round(series.totals.reduce((n, p) => n + pick(p) * 100, 0)) / 100;
  const totalValues: Record<string, Cell> = {
    hours: f.decimal(String(series.steps.reduce((n, s) => n + Number(s.hours), 0)), 2),
    vcpuHours: f.fixed2(sum((p) => p.vcpuHours)),
    ramGbHours: f.fixed2(sum((p) => p.ramGbHours)),
    diskGbHours: f.fixed2(sum((p) => p.diskGbHours)),
    ...(cost ? { subtotal: f.money(sum((p) => Number(p.subtotal ?? 0)).toFixed(2)), total: f.money(sum((p) => Number(p.total ?? 0)).toFixed(2)) } : {}),
  };
  const rows: TableRow<Row>[] = series.steps.map((s, i) => ({ kind: 'row', row: { step: s, point: series.totals[i] } }));
  if (rows.length > 0) rows.push({ kind: 'total', label: m.total, values: totalValues });
  const heading = m.chargeback.sections.series(step);
  const partial = series.steps.some((s) => !s.complete);
  return [
    {
      kind: 'block',
      weight: 150,
      outline: [{ title: heading, level: 1 }],
      render: (anchor) => (
        <section>
          <h2 id={anchor(0)}>{heading}</h2>
          {stacks.length > 0 ? <ChartRow charts={[{ caption: m.chargeback.charts.series(measure.name, step), svg }]} /> : null}
        </section>
      ),
    },
    { kind: 'table', level: 3, heading: m.chargeback.sections.seriesTotals, table: { columns, rows, empty: m.empty } },
    {
      kind: 'block',
      weight: 20,
      render: () => (
        <>
          <p class="muted method">{m.chargeback.rounding}</p>
          {partial ? <p class="muted method">{m.chargeback.incompleteSteps}</p> : null}
        </>
      ),
    },
  ];
}

/** The comparison's rule in the report's language: from the English sentence's numbers, or the dates. */
function comparisonRule(v: ReportView, comparison: ComparisonSection): string {
  const { m, f, data } = v;
  const months = /^The (?:calendar month|(\d+) calendar months) just before/.exec(comparison.rule);
  if (months) return m.chargeback.previousMonths(months[1] ?? '1', data.timezone);
  const hours = /\((\d+(?:\.\d+)?) hours\)/.exec(comparison.rule);
  if (hours) return m.chargeback.previousHours(f.decimal(hours[1], 2));
  return comparison.rule;
}

/** A change in percent, signed, or a dash where the previous figure was zero. */
function percentChange(v: ReportView, p: number | null): string {
  return p === null ? '—' : `${p > 0 ? '+' : ''}${v.f.percent(p)}`;
}

/** Comparison: totals now and before, the change, largest movers, new and gone groups, and each group's change. */
function comparisonParts(v: ReportView, comparison: ComparisonSection): DocPart[] {
  const { m, f } = v;
  const measure = measureOf(v);
  const label = groupLabels(v);
  const byKey = new Map(comparison.groups.map((g) => [keyOf(g.keys), g]));
  const named = (keys: string[][]) => keys.map((k) => byKey.get(keyOf(k))).filter((g) => g !== undefined);
  const list = (keys: string[][], withDelta: boolean) => {
    const groups = named(keys);
    return groups.length === 0
      ? m.chargeback.noneListed
      : groups.map((g, i) => (
          <>
            {i > 0 ? '; ' : ''}
            <span class="nw">{withDelta ? `${label(g)} (${measure.delta(g.delta)}, ${percentChange(v, g.deltaPercent)})` : label(g)}</span>
          </>
        ));
  };
  const t = comparison.totals;
  const heading = m.chargeback.sections.comparison;
  type Row = ComparisonSection['groups'][number];
  const columns: Column<Row>[] = [
    { key: 'group', header: m.chargeback.columns.group, width: 22, cell: (r) => label(r) },
    {
      key: 'status',
      header: m.chargeback.columns.status,
      width: 7,
      cell: (r) => (r.status === 'continuing' ? '' : html`<span class="tag">${m.chargeback.status[r.status]}</span>`),
    },
    { key: 'current', header: m.chargeback.columns.current, numeric: true, width: 10, cell: (r) => measure.format(r.current) },
    { key: 'previous', header: m.chargeback.columns.previous, numeric: true, width: 10, cell: (r) => measure.format(r.previous) },
    { key: 'delta', header: m.chargeback.columns.delta, numeric: true, width: 10, cell: (r) => measure.delta(r.delta) },
    { key: 'deltaPercent', header: m.chargeback.columns.deltaPercent, numeric: true, width: 8, cell: (r) => percentChange(v, r.deltaPercent) },
  ];
  const rows: TableRow<Row>[] = comparison.groups.map((row) => ({ kind: 'row', row }));
  if (rows.length > 0)
    rows.push({
      kind: 'total',
      label: m.total,
      values: {
        current: measure.format(t.current),
        previous: measure.format(t.previous),
        delta: measure.delta(t.delta),
        deltaPercent: percentChange(v, t.deltaPercent),
      },
    });
  return [
    {
      kind: 'block',
      weight: 60,
      outline: [{ title: heading, level: 1 }],
      render: (anchor) => (
        <section class="compare">
          <h2 id={anchor(0)}>{heading}</h2>
          <p class="muted">
            {m.chargeback.previousPeriod(f.dateTime(comparison.previousPeriod.start), f.dateTime(comparison.previousPeriod.end))}{' '}
            {comparisonRule(v, comparison)}
          </p>
          <div class="cards">
            <div class="card">
              <div class="label">{m.chargeback.columns.current}</div>
              <div class="value">{measure.format(t.current)}</div>
            </div>
            <div class="card">
              <div class="label">{m.chargeback.columns.previous}</div>
              <div class="value">{measure.format(t.previous)}</div>
            </div>
            <div class="card">
              <div class="label">{m.chargeback.columns.delta}</div>
              <div class="value">{measure.delta(t.delta)}</div>
              <div class="hint">{percentChange(v, t.deltaPercent)}</div>
            </div>
          </div>
          <ul class="facts">
            <li>
              <strong>{m.chargeback.largestMovers}:</strong> {list(comparison.largestMovers, true)}
            </li>
            <li>
              <strong>{m.chargeback.newGroups}:</strong> {list(comparison.newGroups, false)}
            </li>
            <li>
              <strong>{m.chargeback.goneGroups}:</strong> {list(comparison.goneGroups, false)}
            </li>
          </ul>
        </section>
      ),
    },
    { kind: 'table', level: 3, heading: m.chargeback.sections.comparisonGroups, table: { columns, rows, empty: m.empty } },
  ];
}

/** Forecast: per group the figure so far, the complete days' part, and the month-end forecast, with the method. */
function forecastParts(v: ReportView, forecast: ForecastSection): DocPart[] {
  const { m, f } = v;
  const measure = measureOf(v);
  const label = groupLabels(v);
  type Row = ForecastSection['groups'][number];
  const forecastCell = (x: string | null) => (x === null ? html`<span class="s">${m.chargeback.noForecast}</span>` : measure.format(x));
  const columns: Column<Row>[] = [
    { key: 'group', header: m.chargeback.columns.group, width: 24, cell: (r) => label(r) },
    { key: 'actual', header: m.chargeback.columns.actual, numeric: true, width: 10, cell: (r) => measure.format(r.actual) },
    { key: 'completeDays', header: m.chargeback.columns.completeDays, numeric: true, width: 10, cell: (r) => measure.format(r.completeDaysAmount) },
    { key: 'forecast', header: m.chargeback.columns.forecast, numeric: true, width: 10, cell: (r) => forecastCell(r.forecast) },
  ];
  const t = forecast.totals;
  const rows: TableRow<Row>[] = forecast.groups.map((row) => ({ kind: 'row', row }));
  if (rows.length > 0)
    rows.push({
      kind: 'total',
      label: m.total,
      values: { actual: measure.format(t.actual), completeDays: measure.format(t.completeDaysAmount), forecast: forecastCell(t.forecast) },
    });
  return [
    { kind: 'table', heading: m.chargeback.sections.forecast(forecast.month), table: { columns, rows, empty: m.empty } },
    {
      kind: 'block',
      weight: 20,
      render: () => (
        <p class="muted method">
          {m.chargeback.forecastFacts(f.int(forecast.completeDays), f.int(forecast.daysInMonth))} {m.chargeback.forecastMethod}
        </p>
      ),
    },
  ];
}

/** Budget use as a meter, its percentage and, from 80%, a word: colour is never the only sign. */
function budgetCell(v: ReportView, percent: number | undefined): Cell {
  if (percent === undefined) return '';
  const { m, f } = v;
  const level = percent >= budgetOverPercent ? 'over' : percent >= budgetWarningPercent ? 'warning' : 'ok';
  const width = Math.max(0, Math.min(100, percent)).toFixed(1);
  const word = level === 'ok' ? '' : html` <b class="lvl lvl-${level}">${level === 'over' ? '▲ ' : '● '}${m.chargeback.budgetLevel[level]}</b>`;
  return html`<span class="meter meter-${level}"><span style="width:${width}%"></span></span><span class="pct">${f.percent(percent)}</span>${word}`;
}

/** Budgets: per group the budget, use so far and forecast, each against the budget. */
export function budgetTable(v: ReportView, budgets: BudgetRow[]): TableModel<BudgetRow> {
  const { m, f } = v;
  const label = groupLabels(v);
  const withForecast = budgets.some((b) => b.forecast !== undefined);
  const money = (amount: string, currency: string) =>
    currency === (v.data.cost?.currency ?? currency) ? f.money(amount) : `${f.fixed2(Number(amount))} ${currency}`;
  return {
    empty: m.empty,
    columns: [
      { key: 'group', header: m.chargeback.columns.group, width: 18, cell: (r) => label(r) },
      { key: 'amount', header: m.chargeback.columns.budget, numeric: true, width: 9, cell: (r) => money(r.amount, r.currency) },
      { key: 'actual', header: m.chargeback.columns.actual, numeric: true, width: 9, cell: (r) => money(r.actual, r.currency) },
      { key: 'used', header: m.chargeback.columns.used, width: 18, cell: (r) => budgetCell(v, r.usedPercent) },
      ...(withForecast
        ? [
            {
              key: 'forecast',
              header: m.chargeback.columns.forecast,
              numeric: true,
              width: 9,
              cell: (r: BudgetRow) => (r.forecast ? money(r.forecast, r.currency) : ''),
            },
            { key: 'forecastUsed', header: m.chargeback.columns.forecastUsed, width: 18, cell: (r: BudgetRow) => budgetCell(v, r.forecastPercent) },
          ]
        : []),
    ],
    rows: budgets.map((row) => ({ kind: 'row' as const, row })),
  };
}

function budgetParts(v: ReportView, budgets: BudgetRow[]): DocPart[] {
  const { m } = v;
  return [
    { kind: 'table', heading: m.chargeback.sections.budgets, table: budgetTable(v, budgets) },
    { kind: 'block', weight: 10, render: () => <p class="muted method">{m.chargeback.budgetThresholds}</p> },
  ];
}

/** The chargeback sections a usage or cost report's data holds, in reading order (none when it holds none). */
export function chargebackParts(v: ReportView): DocPart[] {
  const d: ReportData = v.data;
  const top = d.series?.topGroups ?? defaultTopGroups;
  return [
    ...(d.grouping ? groupingParts(v, d.grouping, top) : []),
    ...(d.series ? seriesParts(v, d.series, top) : []),
    ...(d.comparison ? comparisonParts(v, d.comparison) : []),
    ...(d.forecast ? forecastParts(v, d.forecast) : []),
    ...(d.budgets && d.budgets.length > 0 ? budgetParts(v, d.budgets) : []),
  ];
}
