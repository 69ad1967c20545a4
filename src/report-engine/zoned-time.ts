/**
 * Calendar arithmetic in an IANA time zone: the wall-clock date of an instant, and the instant a
 * wall-clock midnight falls on (DST-aware), on top of the zone conversions schedules use too.
 */
import { resolveWallClock, wallClockAt } from '../domain/zoned-time';

export interface CalendarDate {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
}

/** The wall-clock date of an instant in a time zone. */
export function calendarDateIn(timeZone: string, instant: Date): CalendarDate {
  const w = wallClockAt(instant.getTime(), timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** Adds days (or months) to a calendar date, normalising overflow (Jan 32 → Feb 1). */
export function addToDate(date: CalendarDate, add: { days?: number; months?: number }): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + (add.months ?? 0), date.day + (add.days ?? 0)));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The first instant of a calendar day in a time zone. Where DST skips midnight (America/Sao_Paulo
 * until 2019), the day starts at the first wall-clock time that exists, e.g. 01:00.
 */
export function startOfDay(timeZone: string, date: CalendarDate): Date {
  const r = resolveWallClock({ ...date, hour: 0, minute: 0, second: 0 }, timeZone);
  return new Date(r.kind === 'unique' ? r.instant : r.kind === 'repeated' ? r.earlier : r.shifted);
}
