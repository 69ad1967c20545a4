/**
 * Parsing of the six fields of an EventBridge `cron(...)` expression. Each field is parsed on its own
 * into the set of values it allows; the day fields also know `?`, `L`, `W` and `#`. Error messages name
 * the field and quote the offending text, because they are shown to the person who typed it.
 *
 * Grammar (EventBridge "Cron expressions reference"):
 *
 * | field        | values               | wildcards      |
 * | ------------ | -------------------- | -------------- |
 * | minutes      | 0-59                 | , - * /        |
 * | hours        | 0-23                 | , - * /        |
 * | day-of-month | 1-31                 | , - * ? / L W  |
 * | month        | 1-12 or JAN-DEC      | , - * /        |
 * | day-of-week  | 1-7 or SUN-SAT       | , - * ? L #    |
 * | year         | 1970-2199            | , - * /        |
 */

/** `{ ok: true, value } | { ok: false, error }`: a parse that cannot be half done. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** Static description of one numeric cron field. */
export interface CronFieldSpec {
  name: 'minutes' | 'hours' | 'day-of-month' | 'month' | 'day-of-week' | 'year';
  min: number;
  max: number;
  /** Names accepted instead of numbers, index 0 standing for `min`. */
  names?: readonly string[];
  /** Whether `/` steps are allowed (EventBridge documents none for day-of-week). */
  steps: boolean;
}

export const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
/** 1 = SUN ... 7 = SAT, as EventBridge (and Quartz) number them. */
export const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

export const cronFields = {
  minutes: { name: 'minutes', min: 0, max: 59, steps: true },
  hours: { name: 'hours', min: 0, max: 23, steps: true },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31, steps: true },
  month: { name: 'month', min: 1, max: 12, names: monthNames, steps: true },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: dayNames, steps: false },
  year: { name: 'year', min: 1970, max: 2199, steps: true },
} as const satisfies Record<string, CronFieldSpec>;

function describeRange(spec: CronFieldSpec): string {
  const numeric = `${spec.min}-${spec.max}`;
  return spec.names ? `${numeric} or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : numeric;
}

/** One value: a number in range or (for month and day-of-week) a three-letter name. */
export function parseCronValue(spec: CronFieldSpec, text: string): Result<number> {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < spec.min || n > spec.max) return fail(`${spec.name}: "${text}" is out of range ${spec.min}-${spec.max}`);
    return ok(n);
  }
  if (spec.names) {
    const index = spec.names.indexOf(text.toUpperCase() as never);
    if (index >= 0) return ok(spec.min + index);
  }
  return fail(`${spec.name}: "${text}" is not a valid value (${describeRange(spec)})`);
}

/**
 * A plain list field: comma-separated items, each `*`, `v`, `a-b`, `*\/n`, `v/n` or `a-b/n`.
 * Returns the allowed values, sorted and unique.
 */
export function parseCronList(spec: CronFieldSpec, text: string): Result<number[]> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') return fail(`${spec.name}: empty item in "${text}"`);
    const parsed = parseCronItem(spec, item);
    if (!parsed.ok) return parsed;
    for (const v of parsed.value) values.add(v);
  }
  return ok([...values].sort((a, b) => a - b));
}

function parseCronItem(spec: CronFieldSpec, item: string): Result<number[]> {
  const [rangeText, stepText, extra] = item.split('/');
  if (extra !== undefined) return fail(`${spec.name}: "${item}" has more than one "/"`);
  let step = 1;
  if (stepText !== undefined) {
    if (!spec.steps) return fail(`${spec.name}: "/" steps are not allowed in ${spec.name} ("${item}")`);
    if (!/^\d+$/.test(stepText)) return fail(`${spec.name}: step "${stepText}" in "${item}" must be a whole number`);
    step = Number(stepText);
    const span = spec.max - spec.min + 1;
    if (step < 1 || step > span) return fail(`${spec.name}: step "${stepText}" in "${item}" must be between 1 and ${span}`);
  }
  let start: number;
  let end: number;
  if (rangeText === '*') {
    start = spec.min;
    end = spec.max;
  } else if (rangeText.includes('-')) {
    const [a, b, more] = rangeText.split('-');
    if (more !== undefined || a === '' || b === '') return fail(`${spec.name}: "${item}" is not a valid range`);
    const from = parseCronValue(spec, a);
    if (!from.ok) return from;
    const to = parseCronValue(spec, b);
    if (!to.ok) return to;
    // Quartz wraps reversed ranges around; EventBridge does not document it, so say so instead of guessing.
    if (to.value < from.value) return fail(`${spec.name}: range "${rangeText}" runs backwards; write it as two ranges`);
    start = from.value;
    end = to.value;
  } else {
    const v = parseCronValue(spec, rangeText);
    if (!v.ok) return v;
    start = v.value;
    // `5/15` means 5, 20, 35, 50: a start value with a step runs to the end of the field.
    end = stepText !== undefined ? spec.max : v.value;
  }
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return ok(values);
}

/** Day-of-month: `?`, a list, `L` (last day), `LW` (last weekday) or `nW` (weekday nearest day n). */
export type DayOfMonthRule =
  { kind: 'any' } | { kind: 'days'; days: number[] } | { kind: 'last' } | { kind: 'last-weekday' } | { kind: 'nearest-weekday'; day: number };

/** Day-of-week (1 = SUN ... 7 = SAT): `?`, a list, `dL` (last d of the month) or `d#n` (n-th d of the month). */
export type DayOfWeekRule =
  { kind: 'any' } | { kind: 'days'; days: number[] } | { kind: 'last-of-month'; day: number } | { kind: 'nth-of-month'; day: number; nth: number };

export function parseDayOfMonth(text: string): Result<DayOfMonthRule> {
  const spec = cronFields.dayOfMonth;
  const upper = text.toUpperCase();
  if (upper === '?') return ok({ kind: 'any' });
  if (upper === 'L') return ok({ kind: 'last' });
  if (upper === 'LW') return ok({ kind: 'last-weekday' });
  const weekday = /^(\d+)W$/.exec(upper);
  if (weekday) {
    const day = parseCronValue(spec, weekday[1]);
    return day.ok ? ok({ kind: 'nearest-weekday', day: day.value }) : day;
  }
  if (/[LW]/.test(upper)) {
    return fail(`${spec.name}: "${text}" is not valid; "L", "LW" and "nW" stand alone and cannot be combined with other values`);
  }
  if (upper.includes('?')) return fail(`${spec.name}: "?" stands alone and cannot be combined with other values`);
  const days = parseCronList(spec, upper);
  return days.ok ? ok({ kind: 'days', days: days.value }) : days;
}

export function parseDayOfWeek(text: string): Result<DayOfWeekRule> {
  const spec = cronFields.dayOfWeek;
  const upper = text.toUpperCase();
  if (upper === '?') return ok({ kind: 'any' });
  // `L` alone is the last day of the week: Saturday.
  if (upper === 'L') return ok({ kind: 'days', days: [7] });
  if (upper.includes('#')) {
    if (upper.includes(',')) return fail(`${spec.name}: "${text}" is not valid; with "#" the field holds a single expression`);
    const m = /^([^#]+)#(\d+)$/.exec(upper);
    if (!m) return fail(`${spec.name}: "${text}" is not valid; write "#" as day#n, e.g. 3#2 for the second Tuesday`);
    const day = parseCronValue(spec, m[1]);
    if (!day.ok) return day;
    const nth = Number(m[2]);
    if (nth < 1 || nth > 5) return fail(`${spec.name}: "#${m[2]}" in "${text}" is out of range 1-5`);
    return ok({ kind: 'nth-of-month', day: day.value, nth });
  }
  const last = /^(.+)L$/.exec(upper);
  if (last && !upper.includes(',')) {
    const day = parseCronValue(spec, last[1]);
    return day.ok ? ok({ kind: 'last-of-month', day: day.value }) : day;
  }
  if (upper.includes('L')) return fail(`${spec.name}: "${text}" is not valid; "L" and "dL" cannot be combined with other values`);
  if (upper.includes('?')) return fail(`${spec.name}: "?" stands alone and cannot be combined with other values`);
  const days = parseCronList(spec, upper);
  return days.ok ? ok({ kind: 'days', days: days.value }) : days;
}
