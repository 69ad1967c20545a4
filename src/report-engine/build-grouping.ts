import { allocate, fromHundredths, toHundredths } from './allocate';
import { attributionSentence, noneKey, type GroupKeys } from './group-keys';
import { Dec } from './money';
import type { GroupingSection, GroupRow, ProjectCost, SeriesPoint, SeriesSection } from './report-data';
import { overlapHours, stepHours, type TimeStep } from './time-steps';

/** One usage line or cost line, with its group and what the series needs to split it in time. */
export interface GroupedItem {
  keys: string[];
  projectId: string;
  /** Printed usage figures (servers). */
  usage?: { vcpuHours: number; ramGbHours: number; diskGbHours: number };
  /** Printed cost (cost reports). */
  amount?: string;
  /** When the resource counted, clipped to the period: [from, to) in epoch ms. */
  from: number;
  to: number;
  /** Per hour: vCPUs, RAM GB and disk GB (servers) and the exact hourly rate (priced lines). */
  vcpus: number;
  ramGb: number;
  diskGb: number;
  rate?: Dec;
}

/** What groups are compared, forecast and ordered by: the cost total (cost reports) or vCPU-hours (usage). */
export type Measure = 'cost' | 'vcpuHours';

export const keyOf = (keys: readonly string[]) => JSON.stringify(keys);

export const allocationSentence =
  'Discount and tax are computed per project, as in the project table, and each project’s are shared among its groups ' +
  'in proportion to their subtotals in that project, by the largest-remainder method; so the groups sum to the totals to the cent.';

/** A group's figure for `measure`, in hundredths. */
export function measureOf(row: Pick<GroupRow, 'vcpuHours' | 'cost'>, measure: Measure): bigint {
  return measure === 'cost' ? toHundredths(row.cost?.total ?? '0.00') : toHundredths(row.vcpuHours);
}

type Acc = {
  keys: string[];
  servers: number;
  vcpu: bigint;
  ram: bigint;
  disk: bigint;
  kinds: { compute: bigint; volumes: bigint; floatingIps: bigint };
  discount: bigint;
  tax: bigint;
};

const costKinds = ['compute', 'volumes', 'floatingIps'] as const;

/**
 * Sums items into groups (and, with two dimensions, first-level parents). In cost reports each
 * project's discount and tax (`byProject`) are shared among the project's groups, so every figure
 * of the groups sums to the report's totals.
 */
export function buildGrouping(
  items: readonly (GroupedItem & { kind: 'server' | 'volume' | 'floatingIp' })[],
  keyer: GroupKeys,
  measure: Measure,
  byProject?: readonly ProjectCost[],
): GroupingSection {
  const accs = new Map<string, Acc>();
  const accOf = (keys: string[]) => {
    const k = keyOf(keys);
    let a = accs.get(k);
    if (!a) {
      a = { keys, servers: 0, vcpu: 0n, ram: 0n, disk: 0n, kinds: { compute: 0n, volumes: 0n, floatingIps: 0n }, discount: 0n, tax: 0n };
      accs.set(k, a);
    }
    return a;
  };
  // Per project: each group's subtotal there, to share the project's discount and tax.
  const perProject = new Map<string, Map<string, bigint>>();
  for (const item of items) {
    const a = accOf(item.keys);
    if (item.usage) {
      a.servers += 1;
      a.vcpu += toHundredths(item.usage.vcpuHours);
      a.ram += toHundredths(item.usage.ramGbHours);
      a.disk += toHundredths(item.usage.diskGbHours);
    }
    if (item.amount !== undefined) {
      const cents = toHundredths(item.amount);
      a.kinds[item.kind === 'server' ? 'compute' : item.kind === 'volume' ? 'volumes' : 'floatingIps'] += cents;
      const shares = perProject.get(item.projectId) ?? new Map<string, bigint>();
      shares.set(keyOf(item.keys), (shares.get(keyOf(item.keys)) ?? 0n) + cents);
      perProject.set(item.projectId, shares);
    }
  }
  if (byProject) {
    for (const p of byProject) {
      const shares = perProject.get(p.projectId);
      if (!shares) continue;
      const keys = [...shares.keys()];
      const weights = keys.map((k) => new Dec(shares.get(k)!.toString()));
      const discount = allocate(toHundredths(p.discount), weights);
      const tax = allocate(toHundredths(p.tax), weights);
      keys.forEach((k, i) => {
        accs.get(k)!.discount += discount[i]!;
        accs.get(k)!.tax += tax[i]!;
      });
    }
  }
  const toRow = (a: Acc): GroupRow => {
    const labels = keyer.labels(a.keys);
    const row: GroupRow = {
      keys: a.keys,
      labels,
      label: labels.join(' / '),
      servers: a.servers,
      vcpuHours: Number(fromHundredths(a.vcpu)),
      ramGbHours: Number(fromHundredths(a.ram)),
      diskGbHours: Number(fromHundredths(a.disk)),
    };
    if (byProject) {
      const subtotal = a.kinds.compute + a.kinds.volumes + a.kinds.floatingIps;
      row.cost = {
        compute: fromHundredths(a.kinds.compute),
        volumes: fromHundredths(a.kinds.volumes),
        floatingIps: fromHundredths(a.kinds.floatingIps),
        subtotal: fromHundredths(subtotal),
        discount: fromHundredths(a.discount),
        tax: fromHundredths(a.tax),
        total: fromHundredths(subtotal - a.discount + a.tax),
      };
    }
    return row;
  };
  const order = (rows: GroupRow[]) =>
    rows.sort((x, y) => {
      const d = measureOf(y, measure) - measureOf(x, measure);
      return d > 0n ? 1 : d < 0n ? -1 : x.label.localeCompare(y.label);
    });
  const groups = order([...accs.values()].map(toRow));
  const sumAccs = (keys: string[], list: Acc[]): Acc => {
    const s: Acc = { keys, servers: 0, vcpu: 0n, ram: 0n, disk: 0n, kinds: { compute: 0n, volumes: 0n, floatingIps: 0n }, discount: 0n, tax: 0n };
    for (const a of list) {
      s.servers += a.servers;
      s.vcpu += a.vcpu;
      s.ram += a.ram;
      s.disk += a.disk;
      for (const k of costKinds) s.kinds[k] += a.kinds[k];
      s.discount += a.discount;
      s.tax += a.tax;
    }
    return s;
  };
  let parents: GroupRow[] | undefined;
  if (keyer.dimensions.length === 2) {
    const byFirst = new Map<string, Acc[]>();
    for (const a of accs.values()) byFirst.set(a.keys[0]!, [...(byFirst.get(a.keys[0]!) ?? []), a]);
    parents = order([...byFirst.entries()].map(([first, list]) => toRow(sumAccs([first], list))));
    // Parent labels: only the first dimension's.
    for (const p of parents) {
      p.labels = p.labels.slice(0, 1);
      p.label = p.labels[0]!;
    }
  }
  const { keys: _k, labels: _l, label: _lb, ...totals } = toRow(sumAccs([], [...accs.values()]));
  return {
    dimensions: [...keyer.dimensions],
    noneKey,
    attribution: attributionSentence,
    attributionRule: 'attached-server-else-project',
    ...(byProject ? { allocation: allocationSentence } : {}),
    groups,
    ...(parents ? { parents } : {}),
    totals,
  };
}

type Figure = 'vcpuHours' | 'ramGbHours' | 'diskGbHours' | 'subtotal' | 'total';

/** Exact per-step weights of each group, per figure: each item's hours in the step × its size or rate. */
function stepWeights(items: readonly GroupedItem[], steps: readonly TimeStep[]) {
  const weights = new Map<string, { vcpu: Dec[]; ram: Dec[]; disk: Dec[]; cost: Dec[] }>();
  const zero = () => steps.map(() => new Dec(0));
  for (const item of items) {
    const k = keyOf(item.keys);
    let w = weights.get(k);
    if (!w) {
      w = { vcpu: zero(), ram: zero(), disk: zero(), cost: zero() };
      weights.set(k, w);
    }
    const hours = overlapHours(steps, item.from, item.to);
    hours.forEach((h, i) => {
      if (h.isZero()) return;
      if (item.usage) {
        w.vcpu[i] = w.vcpu[i]!.plus(h.times(item.vcpus));
        w.ram[i] = w.ram[i]!.plus(h.times(item.ramGb));
        w.disk[i] = w.disk[i]!.plus(h.times(item.diskGb));
      }
      if (item.rate) w.cost[i] = w.cost[i]!.plus(h.times(item.rate));
    });
  }
  return weights;
}

/** Each group's printed figures split among the steps, in hundredths. */
export function splitGroups(
  items: readonly GroupedItem[],
  rows: readonly GroupRow[],
  steps: readonly TimeStep[],
  priced: boolean,
): Map<string, Record<Figure, bigint[]>> {
  const weights = stepWeights(items, steps);
  const fallback = stepHours(steps);
  const out = new Map<string, Record<Figure, bigint[]>>();
  for (const row of rows) {
    const k = keyOf(row.keys);
    const w = weights.get(k);
    const zero = steps.map(() => new Dec(0));
    const split: Record<Figure, bigint[]> = {
      vcpuHours: allocate(toHundredths(row.vcpuHours), w?.vcpu ?? zero, fallback),
      ramGbHours: allocate(toHundredths(row.ramGbHours), w?.ram ?? zero, fallback),
      diskGbHours: allocate(toHundredths(row.diskGbHours), w?.disk ?? zero, fallback),
      subtotal: priced ? allocate(toHundredths(row.cost?.subtotal ?? '0.00'), w?.cost ?? zero, fallback) : [],
      total: priced ? allocate(toHundredths(row.cost?.total ?? '0.00'), w?.cost ?? zero, fallback) : [],
    };
    out.set(k, split);
  }
  return out;
}

function point(split: Record<Figure, bigint[]>, i: number, priced: boolean): SeriesPoint {
  return {
    vcpuHours: Number(fromHundredths(split.vcpuHours[i]!)),
    ramGbHours: Number(fromHundredths(split.ramGbHours[i]!)),
    diskGbHours: Number(fromHundredths(split.diskGbHours[i]!)),
    ...(priced ? { subtotal: fromHundredths(split.subtotal[i]!), total: fromHundredths(split.total[i]!) } : {}),
  };
}

function addSplits(list: Record<Figure, bigint[]>[], n: number): Record<Figure, bigint[]> {
  const sum = (f: Figure) => Array.from({ length: n }, (_, i) => list.reduce((s, x) => s + (x[f][i] ?? 0n), 0n));
  return { vcpuHours: sum('vcpuHours'), ramGbHours: sum('ramGbHours'), diskGbHours: sum('diskGbHours'), subtotal: sum('subtotal'), total: sum('total') };
}

/** The series section: the groups (in `grouping` order, beyond `topGroups` summed as "others") per step. */
export function buildSeries(
  step: SeriesSection['step'],
  steps: readonly TimeStep[],
  items: readonly GroupedItem[],
  grouping: GroupingSection,
  priced: boolean,
  topGroups: number | undefined,
  rounding: string,
): SeriesSection {
  const splits = splitGroups(items, grouping.groups, steps, priced);
  const n = steps.length;
  const shown = topGroups === undefined ? grouping.groups : grouping.groups.slice(0, topGroups);
  const rest = topGroups === undefined ? [] : grouping.groups.slice(topGroups);
  const series: SeriesSection['groups'] = shown.map((g) => {
    const s = splits.get(keyOf(g.keys))!;
    return { keys: g.keys, label: g.label, others: false, points: steps.map((_, i) => point(s, i, priced)) };
  });
  if (rest.length > 0) {
    const s = addSplits(
      rest.map((g) => splits.get(keyOf(g.keys))!),
      n,
    );
    series.push({ keys: ['(others)'], label: `(others: ${rest.length})`, others: true, points: steps.map((_, i) => point(s, i, priced)) });
  }
  const all = addSplits([...splits.values()], n);
  return {
    step,
    rounding,
    topGroups: topGroups ?? null,
    steps: steps.map((s) => ({
      label: s.label,
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
      hours: new Dec(s.end - s.start).div(3_600_000).toFixed(),
      complete: s.complete,
    })),
    groups: series,
    totals: steps.map((_, i) => point(all, i, priced)),
  };
}
