import { AppError } from '../domain/errors';
import { defaultPeriodPreset, isCalendarDate, specLimits, type PeriodSpec } from '../domain/report-spec';
import { Dec } from './money';
import { addToDate, calendarDateIn, startOfDay } from './zoned-time';

/** A period resolved to instants: [start, end). */
export interface ResolvedPeriod {
  start: Date;
  end: Date;
  preset?: string;
  timezone: string;
  /** Set when the requested end lay in the future and was moved to now. */
  requestedEnd?: Date;
}

/** The period usage and cost reports cover when the spec gives none. */
export const defaultPeriod: PeriodSpec = { preset: defaultPeriodPreset, timezone: 'UTC' };

/**
 * Resolves a period spec relative to `now`, in the spec's time zone. Presets use whole calendar
 * days: `last-7-days` and `last-30-days` end at today's midnight (today is not complete), `last-month`
 * is the previous calendar month, `month-to-date` and `year-to-date` end now. An end in the future is
 * moved to now, because Nova would count hours that have not happened yet for running servers.
 */
export function resolvePeriod(spec: PeriodSpec | undefined, now: Date): ResolvedPeriod {
  const period = spec ?? defaultPeriod;
  const tz = period.timezone ?? 'UTC';
  const today = calendarDateIn(tz, now);
  const firstOfMonth = { ...today, day: 1 };
  let start: Date;
  let end: Date;
  switch (period.preset) {
    case 'last-month':
      start = startOfDay(tz, addToDate(firstOfMonth, { months: -1 }));
      end = startOfDay(tz, firstOfMonth);
      break;
    case 'month-to-date':
      start = startOfDay(tz, firstOfMonth);
      end = now;
      break;
    case 'last-7-days':
    case 'last-30-days':
      start = startOfDay(tz, addToDate(today, { days: period.preset === 'last-7-days' ? -7 : -30 }));
      end = startOfDay(tz, today);
      break;
    case 'year-to-date':
      start = startOfDay(tz, { year: today.year, month: 1, day: 1 });
      end = now;
      break;
    default:
      if (!period.start || !period.end) {
        throw new AppError('invalid_period', 'A period needs a preset, or both start and end.');
      }
      start = instantOf(period.start, tz);
      end = instantOf(period.end, tz);
  }
  let requestedEnd: Date | undefined;
  if (end.getTime() > now.getTime()) {
    requestedEnd = end;
    end = now;
  }
  if (start.getTime() >= end.getTime()) {
    throw new AppError(
      'invalid_period',
      start.getTime() >= now.getTime()
        ? `The period starts in the future (${start.toISOString()}); usage exists only up to now.`
        : `The period is empty: ${start.toISOString()} to ${end.toISOString()}.`,
    );
  }
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (days > specLimits.periodDays) {
    throw new AppError(
      'period_too_long',
      `The period is ${Math.ceil(days)} days long; usage and cost reports cover at most ${specLimits.periodDays} days. Split it into shorter reports.`,
    );
  }
  return { start, end, preset: period.preset, timezone: tz, ...(requestedEnd ? { requestedEnd } : {}) };
}

/** Hours in a period, exact. */
export function periodHours(period: { start: Date; end: Date }): Dec {
  return new Dec(period.end.getTime() - period.start.getTime()).div(3_600_000);
}

/** A datetime as given, or a calendar date as the start of that day in `timeZone`. */
function instantOf(value: string, timeZone: string): Date {
  if (!isCalendarDate(value)) return new Date(value);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return startOfDay(timeZone, { year, month, day });
}
