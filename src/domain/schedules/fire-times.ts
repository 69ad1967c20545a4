/**
 * When a schedule fires, computed the way EventBridge Scheduler documents it, so the schedule view,
 * the local scheduler and AWS agree.
 *
 * - **cron** is evaluated on the wall clock of the schedule's time zone. Around daylight-saving
 *   changes EventBridge Scheduler "automatically adjusts": a fire time that falls in the hour skipped
 *   in spring **does not fire** that day, and a fire time in the hour repeated in autumn **fires once**,
 *   at its first occurrence (daylight time). E.g. `cron(30 2 * * ? *)` in Europe/Berlin does not fire
 *   on 2025-03-30 and fires at 00:30Z (02:30 CEST) on 2025-10-26.
 * - **rate** counts fixed durations from the start date (or the creation time): a day is 24 hours,
 *   so a daily rate drifts by an hour on the wall clock across a change, as on AWS.
 * - **at** fires once at the wall-clock time; if that time is skipped by spring forward it fires at the
 *   same wall time read with the offset from before the change (02:30 in a 02:00→03:00 gap fires at
 *   03:30), so a one-time schedule is never lost; a repeated time fires at its first occurrence.
 *   Like EventBridge, `at` ignores startDate and endDate.
 *
 * startDate is inclusive and endDate exclusive. Every walk steps field by field (year, month, day,
 * hour, minute), never minute by minute, and ends at year 2199, the last year cron allows.
 */
import { AppError } from '../errors';
import { daysInMonth, parseScheduleExpression, type CronSchedule, type LocalDateTime, type ScheduleExpression } from './expression';
import { resolveWallClock, wallClockAt } from '../zoned-time';

export interface FireTimeOptions {
  /** IANA time zone the expression is evaluated in. */
  timezone: string;
  /** Only fire times strictly after this instant are returned. */
  after: Date;
  /** How many fire times to return at most (capped at 1000). */
  count: number;
  startDate?: Date;
  endDate?: Date;
  /** When the schedule was created: a rate schedule without startDate counts from here. */
  createdAt?: Date;
}

const maxCount = 1000;

/**
 * The next fire times of a schedule expression, ascending. Fewer than `count` when the schedule ends
 * (endDate, the year field, a one-time schedule). Throws an `AppError` (`invalid_expression`) for an
 * expression that does not parse.
 */
export function nextFireTimes(expression: string | ScheduleExpression, options: FireTimeOptions): Date[] {
  const parsed = typeof expression === 'string' ? parseScheduleExpression(expression) : { ok: true as const, value: expression };
  if (!parsed.ok) throw new AppError('invalid_expression', `Invalid schedule expression: ${parsed.error}`);
  const count = Math.min(Math.max(0, Math.floor(options.count)), maxCount);
  if (count === 0) return [];
  const expr = parsed.value;
  if (expr.kind === 'at') return atFireTime(expr.at, options);
  const after = options.after.getTime();
  const start = options.startDate?.getTime() ?? -Infinity;
  const end = options.endDate?.getTime() ?? Infinity;
  if (expr.kind === 'rate') return rateFireTimes(expr.intervalMs, after, start, end, count, options);
  return cronFireTimes(expr.cron, options.timezone, after, start, end, count);
}

function atFireTime(at: LocalDateTime, options: FireTimeOptions): Date[] {
  const r = resolveWallClock(at, options.timezone);
  const instant = r.kind === 'unique' ? r.instant : r.kind === 'repeated' ? r.earlier : r.shifted;
  return instant > options.after.getTime() ? [new Date(instant)] : [];
}

function rateFireTimes(interval: number, after: number, start: number, end: number, count: number, options: FireTimeOptions): Date[] {
  const anchor = options.startDate?.getTime() ?? options.createdAt?.getTime() ?? after + interval;
  const lower = Math.max(after + 1, start);
  const k = Math.max(0, Math.ceil((lower - anchor) / interval));
  const out: Date[] = [];
  for (let t = anchor + k * interval; out.length < count && t < end; t += interval) out.push(new Date(t));
  return out;
}

function cronFireTimes(cron: CronSchedule, timeZone: string, after: number, start: number, end: number, count: number): Date[] {
  const lower = Math.max(after + 1, start);
  const out: Date[] = [];
  // Wall-clock order is instant order here: skipped times are dropped and repeated ones take their
  // first occurrence, so the walk can start at the wall clock of `lower` and stop at `end`.
  for (const local of localTimes(cron, wallClockAt(lower, timeZone))) {
    const r = resolveWallClock(local, timeZone);
    if (r.kind === 'skipped') continue;
    const instant = r.kind === 'unique' ? r.instant : r.earlier;
    if (instant >= end) break;
    if (instant < lower) continue;
    out.push(new Date(instant));
    if (out.length >= count) break;
  }
  return out;
}

/** Wall-clock times matching `cron` from `from` (to the minute) on, ascending. */
function* localTimes(cron: CronSchedule, from: LocalDateTime): Generator<LocalDateTime> {
  for (const year of cron.years) {
    if (year < from.year) continue;
    const firstYear = year === from.year;
    for (const month of cron.months) {
      if (firstYear && month < from.month) continue;
      const firstMonth = firstYear && month === from.month;
      for (const day of matchingDays(cron, year, month)) {
        if (firstMonth && day < from.day) continue;
        const firstDay = firstMonth && day === from.day;
        for (const hour of cron.hours) {
          if (firstDay && hour < from.hour) continue;
          const firstHour = firstDay && hour === from.hour;
          for (const minute of cron.minutes) {
            if (firstHour && minute < from.minute) continue;
            yield { year, month, day, hour, minute, second: 0 };
          }
        }
      }
    }
  }
}

/** The days of `year`-`month` the day-of-month and day-of-week rules allow, ascending. */
export function matchingDays(cron: Pick<CronSchedule, 'dayOfMonth' | 'dayOfWeek'>, year: number, month: number): number[] {
  const last = daysInMonth(year, month);
  // 1 = SUN ... 7 = SAT, the cron numbering.
  const weekdayOf = (day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  const dom = cron.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      return dom.days.filter((d) => d <= last);
    case 'last':
      return [last];
    case 'last-weekday':
      return [nearestWeekday(last, last, weekdayOf)];
    case 'nearest-weekday':
      return dom.day <= last ? [nearestWeekday(dom.day, last, weekdayOf)] : [];
    case 'any':
      break;
  }
  const dow = cron.dayOfWeek;
  const days: number[] = [];
  for (let d = 1; d <= last; d++) {
    const wd = weekdayOf(d);
    switch (dow.kind) {
      case 'any':
      case 'days':
        if (dow.kind === 'any' || dow.days.includes(wd)) days.push(d);
        break;
      case 'last-of-month':
        if (wd === dow.day && d + 7 > last) days.push(d);
        break;
      case 'nth-of-month':
        if (wd === dow.day && Math.ceil(d / 7) === dow.nth) days.push(d);
        break;
    }
  }
  return days;
}

/** The Monday-Friday day nearest `day`, never leaving the month (Quartz's `W`). */
function nearestWeekday(day: number, last: number, weekdayOf: (day: number) => number): number {
  const wd = weekdayOf(day);
  if (wd === 7) return day === 1 ? day + 2 : day - 1; // Saturday: Friday before, or Monday after the 1st
  if (wd === 1) return day === last ? day - 2 : day + 1; // Sunday: Monday after, or Friday before the last
  return day;
}
