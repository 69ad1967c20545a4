import type { Budget } from '../domain/price-list';
import { keyOf, measureOf, type Measure, type StepSplits } from './build-grouping';
import { Dec, fromHundredths, moneyString, toHundredths } from './money';
import type { BudgetRow, ComparisonSection, ForecastSection, GroupingSection, GroupRow } from './report-data';
import { addToDate, calendarDateIn, startOfDay } from './zoned-time';

const pct = (part: bigint, whole: bigint): number | null =>
  whole === 0n ? null : new Dec(part.toString()).div(whole.toString()).times(100).toDecimalPlaces(1, Dec.ROUND_HALF_UP).toNumber();

/**
 * The period a report is compared with: the same number of calendar months just before it when it is
 * whole local months (`last-month`: the month before), otherwise the same length of time just before it.
 */
export function previousPeriod(period: { start: Date; end: Date }, timeZone: string): { start: Date; end: Date; rule: string } {
  const s = calendarDateIn(timeZone, period.start);
  const e = calendarDateIn(timeZone, period.end);
  const wholeMonths =
    s.day === 1 && e.day === 1 && startOfDay(timeZone, s).getTime() === period.start.getTime() && startOfDay(timeZone, e).getTime() === period.end.getTime();
  if (wholeMonths) {
    const months = (e.year - s.year) * 12 + (e.month - s.month);
    return {
      start: startOfDay(timeZone, addToDate(s, { months: -months })),
      end: period.start,
      rule: `The ${months === 1 ? 'calendar month' : `${months} calendar months`} just before the period, in ${timeZone}.`,
    };
  }
  const ms = period.end.getTime() - period.start.getTime();
  return {
    start: new Date(period.start.getTime() - ms),
    end: period.start,
    rule: `The same length of time (${new Dec(ms).div(3_600_000).toFixed()} hours) just before the period.`,
  };
}

/** `new`: nothing before; `gone`: nothing now. */
function status(current: bigint, previous: bigint): 'new' | 'gone' | 'continuing' {
  if (previous === 0n && current !== 0n) return 'new';
  if (current === 0n && previous !== 0n) return 'gone';
  return 'continuing';
}

/** Totals and per-group deltas of two groupings of the same dimensions. */
export function buildComparison(
  current: GroupingSection,
  previous: GroupingSection,
  previousPeriodOf: { start: Date; end: Date; rule: string },
  measure: Measure,
  unit: string,
): ComparisonSection {
  const before = new Map(previous.groups.map((g) => [keyOf(g.keys), g]));
  const now = new Map(current.groups.map((g) => [keyOf(g.keys), g]));
  const figures = (cur: bigint, prev: bigint) => ({
    current: fromHundredths(cur),
    previous: fromHundredths(prev),
    delta: fromHundredths(cur - prev),
    deltaPercent: pct(cur - prev, prev),
  });
  const rows: ComparisonSection['groups'] = [];
  for (const g of current.groups) {
    const p = before.get(keyOf(g.keys));
    const cur = measureOf(g, measure);
    const prev = p ? measureOf(p, measure) : 0n;
    rows.push({ keys: g.keys, label: g.label, status: status(cur, prev), ...figures(cur, prev) });
  }
  for (const p of previous.groups) {
    if (now.has(keyOf(p.keys))) continue;
    const prev = measureOf(p, measure);
    rows.push({ keys: p.keys, label: p.label, status: status(0n, prev), ...figures(0n, prev) });
  }
  const size = (d: string) => {
    const h = toHundredths(d);
    return h < 0n ? -h : h;
  };
  const movers = rows
    .filter((r) => r.delta !== '0.00')
    .sort((a, b) => {
      const d = size(b.delta) - size(a.delta);
      return d > 0n ? 1 : d < 0n ? -1 : a.label.localeCompare(b.label);
    })
    .slice(0, 5);
  const total = (g: GroupingSection) => g.groups.reduce((s, x) => s + measureOf(x, measure), 0n);
  return {
    previousPeriod: { start: previousPeriodOf.start.toISOString(), end: previousPeriodOf.end.toISOString() },
    rule: previousPeriodOf.rule,
    measure,
    unit,
    totals: figures(total(current), total(previous)),
    groups: rows,
    largestMovers: movers.map((r) => r.keys),
    newGroups: rows.filter((r) => r.status === 'new').map((r) => r.keys),
    goneGroups: rows.filter((r) => r.status === 'gone').map((r) => r.keys),
  };
}

export const forecastMethod =
  'Average of the complete days so far × days in the month: the figure of the month’s complete local days (split by day as in ' +
  'the series) ÷ their number × the days of the month, rounded half-up to two decimals. Today, not complete yet, is left out.';

/** A month-to-date report's forecast per group and, for budgets, per first-level parent. */
export interface Forecast {
  section: ForecastSection;
  /** Forecast (hundredths) by group key, parents included; absent before the first complete day. */
  byKey: Map<string, bigint>;
}

/** Forecasts the month of a month-to-date period from its complete days (`daily`: the groups split by day). */
export function buildForecast(
  period: { start: Date },
  timeZone: string,
  { steps, splits }: StepSplits,
  grouping: GroupingSection,
  measure: Measure,
  unit: string,
): Forecast {
  const first = calendarDateIn(timeZone, period.start);
  const daysInMonth = new Date(Date.UTC(first.year, first.month, 0)).getUTCDate();
  const complete = steps.map((s) => s.complete);
  const completeDays = complete.filter(Boolean).length;
  const figure = measure === 'cost' ? 'total' : 'vcpuHours';
  const byKey = new Map<string, bigint>();
  const project = (actual: bigint, parts: bigint[]) => {
    const cda = parts.reduce((s, v, i) => (complete[i] ? s + v : s), 0n);
    const forecast =
      completeDays === 0 ? null : BigInt(new Dec(cda.toString()).div(completeDays).times(daysInMonth).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
    return {
      actual: fromHundredths(actual),
      completeDaysAmount: fromHundredths(cda),
      forecast: forecast === null ? null : fromHundredths(forecast),
      raw: forecast,
    };
  };
  const groups: ForecastSection['groups'] = grouping.groups.map((g) => {
    const f = project(measureOf(g, measure), splits.get(keyOf(g.keys))![figure]);
    if (f.raw !== null) byKey.set(keyOf(g.keys), f.raw);
    return { keys: g.keys, label: g.label, actual: f.actual, completeDaysAmount: f.completeDaysAmount, forecast: f.forecast };
  });
  const sumParts = (rows: readonly GroupRow[]) => {
    const sum = steps.map(() => 0n);
    for (const g of rows) splits.get(keyOf(g.keys))![figure].forEach((v, i) => (sum[i]! += v));
    return sum;
  };
  const childrenOf = new Map<string, GroupRow[]>();
  for (const g of grouping.parents ? grouping.groups : []) {
    const list = childrenOf.get(g.keys[0]!);
    if (list) list.push(g);
    else childrenOf.set(g.keys[0]!, [g]);
  }
  for (const parent of grouping.parents ?? []) {
    const f = project(measureOf(parent, measure), sumParts(childrenOf.get(parent.keys[0]!) ?? []));
    if (f.raw !== null) byKey.set(keyOf(parent.keys), f.raw);
  }
  const t = project(
    grouping.groups.reduce((s, g) => s + measureOf(g, measure), 0n),
    sumParts(grouping.groups),
  );
  return {
    section: {
      method: forecastMethod,
      measure,
      unit,
      month: `${first.year}-${String(first.month).padStart(2, '0')}`,
      daysInMonth,
      completeDays,
      totals: { actual: t.actual, completeDaysAmount: t.completeDaysAmount, forecast: t.forecast },
      groups,
    },
    byKey,
  };
}

/** A budget as it applies to this report: from the spec, or from the price list when its `groupBy` fits. */
export type BudgetInput = Budget & { groupBy?: string[] };

/**
 * Budgets against the cost groups. A budget's keys match a group's keys or labels (one key: a
 * first-level group); a budget the spec gives replaces the price list's for the same keys.
 */
export function buildBudgets(
  specBudgets: readonly Budget[],
  priceListBudgets: readonly BudgetInput[],
  grouping: GroupingSection,
  currency: string,
  forecast: Forecast | undefined,
): BudgetRow[] {
  const dims = grouping.dimensions;
  const fits = (b: BudgetInput) => b.keys.length <= dims.length && (!b.groupBy || keyOf(b.groupBy) === keyOf(dims));
  const chosen = new Map<string, BudgetInput>();
  for (const b of priceListBudgets) if (fits(b)) chosen.set(keyOf(b.keys), b);
  for (const b of specBudgets) if (fits(b)) chosen.set(keyOf(b.keys), b);
  const rows = [...grouping.groups, ...(grouping.parents ?? [])];
  return [...chosen.values()].map((b) => {
    const group = rows.find((g) => g.keys.length === b.keys.length && b.keys.every((k, i) => g.keys[i] === k || g.labels[i] === k));
    const amount = moneyString(new Dec(b.amount));
    const amountH = toHundredths(amount);
    const actual = group ? measureOf(group, 'cost') : 0n;
    const f = forecast ? (group ? forecast.byKey.get(keyOf(group.keys)) : forecast.section.completeDays > 0 ? 0n : undefined) : undefined;
    return {
      keys: group ? group.keys : b.keys,
      label: group ? group.label : b.keys.join(' / '),
      amount,
      currency,
      actual: fromHundredths(actual),
      ...(f !== undefined ? { forecast: fromHundredths(f), forecastPercent: pct(f, amountH) ?? 0 } : {}),
      usedPercent: pct(actual, amountH) ?? 0,
    };
  });
}
