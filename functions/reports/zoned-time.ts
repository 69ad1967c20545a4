/**
 * Calendar arithmetic in an IANA time zone with nothing but `Intl`: the wall-clock date of an
 * instant, and the instant a wall-clock midnight falls on (DST-aware).
 */

export interface CalendarDate {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(timeZone: string, ms: number) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, ms: number): number {
  const w = wallClock(timeZone, ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The wall-clock date of an instant in a time zone. */
export function calendarDateIn(timeZone: string, instant: Date): CalendarDate {
  const w = wallClock(timeZone, instant.getTime());
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
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day);
  const first = wallAsUtc - offsetAt(timeZone, wallAsUtc);
  const second = wallAsUtc - offsetAt(timeZone, first);
  const sameDay = (ms: number) => {
    const d = calendarDateIn(timeZone, new Date(ms));
    return d.year === date.year && d.month === date.month && d.day === date.day;
  };
  const candidates = [first, second].filter(sameDay);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second));
}
