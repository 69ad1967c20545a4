/**
 * EventBridge Scheduler schedule expressions: `cron(...)`, `rate(...)` and `at(...)`, parsed into a
 * form the fire-time calculation (`fire-times.ts`) walks field by field. Parsing is strict where
 * EventBridge is strict, so an expression we accept is one CreateSchedule accepts too.
 */
import { cronFields, parseCronList, parseDayOfMonth, parseDayOfWeek, type DayOfMonthRule, type DayOfWeekRule, type Result } from './cron-fields';

export type { Result } from './cron-fields';

/** A parsed `cron(minutes hours day-of-month month day-of-week year)`. Value lists are sorted. */
export interface CronSchedule {
  minutes: number[];
  hours: number[];
  dayOfMonth: DayOfMonthRule;
  months: number[];
  dayOfWeek: DayOfWeekRule;
  years: number[];
}

export type RateUnit = 'minute' | 'hour' | 'day';

/** A wall-clock date and time with no zone attached. Months are 1-12. */
export type { LocalDateTime } from '../zoned-time';
import type { LocalDateTime } from '../zoned-time';

/** A valid schedule expression; `source` is the expression as given (trimmed). */
export type ScheduleExpression =
  | { kind: 'cron'; source: string; cron: CronSchedule }
  | { kind: 'rate'; source: string; value: number; unit: RateUnit; intervalMs: number }
  | { kind: 'at'; source: string; at: LocalDateTime };

const unitMs: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * Parses an EventBridge Scheduler expression. Errors say what is wrong and where, e.g.
 * `day-of-week: "8" is out of range 1-7`.
 */
export function parseScheduleExpression(expression: string): Result<ScheduleExpression> {
  const source = expression.trim();
  const m = /^(cron|rate|at)\((.*)\)$/s.exec(source);
  if (!m) return { ok: false, error: 'must be cron(...), rate(...) or at(...)' };
  const [, kind, body] = m;
  if (kind === 'cron') {
    const cron = parseCron(body);
    return cron.ok ? { ok: true, value: { kind, source, cron: cron.value } } : cron;
  }
  if (kind === 'rate') return parseRate(source, body);
  return parseAt(source, body);
}

function parseCron(body: string): Result<CronSchedule> {
  const parts = body.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 6) {
    return {
      ok: false,
      error: `cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length}`,
    };
  }
  const [minText, hourText, domText, monthText, dowText, yearText] = parts;
  const minutes = parseCronList(cronFields.minutes, minText);
  if (!minutes.ok) return minutes;
  const hours = parseCronList(cronFields.hours, hourText);
  if (!hours.ok) return hours;
  const dayOfMonth = parseDayOfMonth(domText);
  if (!dayOfMonth.ok) return dayOfMonth;
  const months = parseCronList(cronFields.month, monthText.toUpperCase());
  if (!months.ok) return months;
  const dayOfWeek = parseDayOfWeek(dowText);
  if (!dayOfWeek.ok) return dayOfWeek;
  const years = parseCronList(cronFields.year, yearText);
  if (!years.ok) return years;
  const domAny = dayOfMonth.value.kind === 'any';
  const dowAny = dayOfWeek.value.kind === 'any';
  // EventBridge: "If you specify a value or * in one of the fields, you must use a ? in the other."
  if (domAny === dowAny) {
    return {
      ok: false,
      error: domAny
        ? 'day-of-month and day-of-week cannot both be "?"; give one of them a value or *'
        : 'one of day-of-month and day-of-week must be "?" (e.g. "cron(0 8 * * ? *)" or "cron(0 8 ? * MON-FRI *)")',
    };
  }
  return {
    ok: true,
    value: {
      minutes: minutes.value,
      hours: hours.value,
      dayOfMonth: dayOfMonth.value,
      months: months.value,
      dayOfWeek: dayOfWeek.value,
      years: years.value,
    },
  };
}

function parseRate(source: string, body: string): Result<ScheduleExpression> {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(body);
  if (!m) return { ok: false, error: 'rate needs a value and a unit, e.g. rate(5 minutes)' };
  const [, valueText, unitText] = m;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    return { ok: false, error: `rate: value must be a positive whole number, got "${valueText}"` };
  }
  const value = Number(valueText);
  const unitMatch = /^(minute|hour|day)(s?)$/.exec(unitText);
  if (!unitMatch) return { ok: false, error: `rate: unit must be minute(s), hour(s) or day(s), got "${unitText}"` };
  const unit = unitMatch[1] as RateUnit;
  const plural = unitMatch[2] === 's';
  // EventBridge rejects "1 minutes" and "5 minute".
  if (value === 1 && plural) return { ok: false, error: `rate: use the singular for 1: "1 ${unit}", not "1 ${unitText}"` };
  if (value > 1 && !plural) return { ok: false, error: `rate: use the plural above 1: "${value} ${unit}s", not "${value} ${unitText}"` };
  if (value * unitMs[unit] > 100 * 365 * unitMs.day) return { ok: false, error: `rate: "${valueText} ${unitText}" is too long` };
  return { ok: true, value: { kind: 'rate', source, value, unit, intervalMs: value * unitMs[unit] } };
}

function parseAt(source: string, body: string): Result<ScheduleExpression> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
  if (!m) return { ok: false, error: `at: "${body}" must be a local date and time as yyyy-mm-ddThh:mm:ss` };
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (year < 1970 || year > 2199) return { ok: false, error: `at: year "${m[1]}" is out of range 1970-2199` };
  if (month < 1 || month > 12) return { ok: false, error: `at: month "${m[2]}" is out of range 01-12` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: `at: day "${m[3]}" does not exist in ${m[1]}-${m[2]}` };
  }
  if (hour > 23) return { ok: false, error: `at: hour "${m[4]}" is out of range 00-23` };
  if (minute > 59) return { ok: false, error: `at: minute "${m[5]}" is out of range 00-59` };
  if (second > 59) return { ok: false, error: `at: second "${m[6]}" is out of range 00-59` };
  return { ok: true, value: { kind: 'at', source, at: { year, month, day, hour, minute, second } } };
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
