import { allocate } from './allocate';
import { attributionSentence, noneKey, type GroupKeys } from './group-keys';
import { Dec, fromHundredths, toHundredths } from './money';
import type { GroupingSection, GroupRow, ProjectCost, SeriesPoint, SeriesSection } from './report-data';
import { firstStepAfter, type TimeStep } from './time-steps';

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
  /** Sizes (servers): what one hour of the line weighs in vCPU-, RAM- and disk-hours. */
  vcpus: number;
  ramMb: number;
  diskGb: number;
  /** Priced lines: the exact hourly rate. */
  rate?: Dec;
}

/** What groups are compared, forecast and ordered by: the cost total (cost reports) or vCPU-hours (usage). */
export type Measure = 'cost' | 'vcpuHours';

export const keyOf = (keys: readonly string[]) => JSON.stringify(keys);

export const allocationSentence =
  'Discount and tax are computed per project, as in the project table, and each project’s are shared among its groups ' +
  'in proportion to their subtotals in that project, by the largest-remainder method (ties to the first group in key order); ' +
  'so the groups sum to the totals to the cent.';

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
  const accOf = (k: string, keys: string[]) => {
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
    const k = keyOf(item.keys);
    const a = accOf(k, item.keys);
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
      shares.set(k, (shares.get(k) ?? 0n) + cents);
      perProject.set(item.projectId, shares);
    }
  }
  if (byProject) {
    for (const p of byProject) {
      const shares = perProject.get(p.projectId);
      if (!shares) continue;
      // In key order, so ties go the same way whatever order the lines come in.
      const keys = [...shares.keys()].sort();
      const weights = keys.map((k) => shares.get(k)!);
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
    for (const a of accs.values()) {
      const list = byFirst.get(a.keys[0]!);
      if (list) list.push(a);
      else byFirst.set(a.keys[0]!, [a]);
    }
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

const figures = ['vcpuHours', 'ramGbHours', 'diskGbHours', 'subtotal', 'total'] as const;
type Figure = (typeof figures)[number];

/** Hourly rates are scaled to integers with this many decimals (far below a cent of any period). */
const rateScale = new Dec(10).pow(30);
const weightFigures = ['vcpu', 'ram', 'disk', 'cost'] as const;
type Weights = Record<(typeof weightFigures)[number], bigint[]>;

/**
 * Per-step weights of each group, per figure, in integers: each item's milliseconds in the step ×
 * its vCPUs, RAM MB, disk GB or hourly rate (× 10^30). Steps an item covers whole are added through
 * a running sum (a difference array), so the work is per item, not per item and step.
 */
function stepWeights(items: readonly GroupedItem[], steps: readonly TimeStep[]): Weights {
  const n = steps.length;
  const zeros = (): Weights => ({ vcpu: Array(n).fill(0n), ram: Array(n).fill(0n), disk: Array(n).fill(0n), cost: Array(n).fill(0n) });
  const a = { partial: zeros(), diff: zeros() };
  for (const item of items) {
    const per: Record<(typeof weightFigures)[number], bigint> = {
      vcpu: item.usage ? BigInt(item.vcpus) : 0n,
      ram: item.usage ? BigInt(item.ramMb) : 0n,
      disk: item.usage ? BigInt(item.diskGb) : 0n,
      cost: item.rate ? BigInt(item.rate.times(rateScale).toFixed(0)) : 0n,
    };
    const first = firstStepAfter(steps, item.from);
    for (let i = first; i < n && steps[i]!.start < item.to; i++) {
      const s = steps[i]!;
      const whole = item.from <= s.start && item.to >= s.end;
      if (whole && i > first) {
        // Whole steps from here on: one entry at the start of the run and one after its end.
        let last = i;
        while (last + 1 < n && steps[last + 1]!.end <= item.to) last++;
        for (const f of weightFigures) {
          a.diff[f][i]! += per[f];
          if (last + 1 < n) a.diff[f][last + 1]! -= per[f];
        }
        i = last;
        continue;
      }
      const ms = BigInt(Math.min(item.to, s.end) - Math.max(item.from, s.start));
      if (ms > 0n) for (const f of weightFigures) a.partial[f][i]! += ms * per[f];
    }
  }
  const w = a.partial;
  for (const f of weightFigures) {
    let running = 0n;
    for (let i = 0; i < n; i++) {
      running += a.diff[f][i]!;
      if (running !== 0n) w[f][i] = w[f][i]! + running * BigInt(steps[i]!.end - steps[i]!.start);
    }
  }
  return w;
}

/** Each group's printed figures split among a period's steps, in hundredths, by group key. */
export interface StepSplits {
  steps: readonly TimeStep[];
  splits: Map<string, Record<Figure, bigint[]>>;
}

/** Each group's printed figures split among the steps, in hundredths. */
export function splitGroups(items: readonly GroupedItem[], rows: readonly GroupRow[], steps: readonly TimeStep[], priced: boolean): StepSplits {
  const itemsOf = new Map<string, GroupedItem[]>();
  for (const item of items) {
    const k = keyOf(item.keys);
    const list = itemsOf.get(k);
    if (list) list.push(item);
    else itemsOf.set(k, [item]);
  }
  const fallback = steps.map((s) => BigInt(s.end - s.start));
  const zero = steps.map(() => 0n);
  const out = new Map<string, Record<Figure, bigint[]>>();
  for (const row of rows) {
    const k = keyOf(row.keys);
    // One group at a time: its weights are garbage as soon as they are split.
    const mine = itemsOf.get(k);
    const w = mine ? stepWeights(mine, steps) : undefined;
    const split: Record<Figure, bigint[]> = {
      vcpuHours: allocate(toHundredths(row.vcpuHours), w?.vcpu ?? zero, fallback),
      ramGbHours: allocate(toHundredths(row.ramGbHours), w?.ram ?? zero, fallback),
      diskGbHours: allocate(toHundredths(row.diskGbHours), w?.disk ?? zero, fallback),
      subtotal: priced ? allocate(toHundredths(row.cost?.subtotal ?? '0.00'), w?.cost ?? zero, fallback) : [],
      total: priced ? allocate(toHundredths(row.cost?.total ?? '0.00'), w?.cost ?? zero, fallback) : [],
    };
    out.set(k, split);
  }
  return { steps, splits: out };
}

function point(split: Record<Figure, bigint[]>, i: number, priced: boolean): SeriesPoint {
  return {
    vcpuHours: Number(fromHundredths(split.vcpuHours[i]!)),
    ramGbHours: Number(fromHundredths(split.ramGbHours[i]!)),
    diskGbHours: Number(fromHundredths(split.diskGbHours[i]!)),
    ...(priced ? { subtotal: fromHundredths(split.subtotal[i]!), total: fromHundredths(split.total[i]!) } : {}),
  };
}

function addSplits(list: Iterable<Record<Figure, bigint[]>>, n: number): Record<Figure, bigint[]> {
  const sum: Record<Figure, bigint[]> = { vcpuHours: [], ramGbHours: [], diskGbHours: [], subtotal: [], total: [] };
  for (const f of figures) sum[f] = Array<bigint>(n).fill(0n);
  for (const x of list) {
    for (const f of figures) {
      const from = x[f];
      const to = sum[f];
      for (let i = 0; i < from.length; i++) to[i]! += from[i]!;
    }
  }
  return sum;
}

/** The series section: the groups (in `grouping` order, beyond `topGroups` summed as "others") per step. */
export function buildSeries(
  step: SeriesSection['step'],
  { steps, splits }: StepSplits,
  grouping: GroupingSection,
  priced: boolean,
  topGroups: number | undefined,
  rounding: string,
): SeriesSection {
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
  const all = addSplits(splits.values(), n);
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
