import { addToDate, calendarDateIn, startOfDay, type CalendarDate } from './zoned-time';

export type StepKind = 'day' | 'week' | 'month';

/** One step of a series: [start, end) clipped to the period, in epoch ms. */
export interface TimeStep {
  label: string;
  start: number;
  end: number;
  /** False when the period cuts the step short. */
  complete: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function label(kind: StepKind, d: CalendarDate): string {
  return kind === 'month' ? `${d.year}-${pad(d.month)}` : `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** The calendar date a step containing `date` starts on: the day, the Monday before (ISO week), the first of the month. */
function stepStart(kind: StepKind, date: CalendarDate): CalendarDate {
  if (kind === 'day') return date;
  if (kind === 'month') return { ...date, day: 1 };
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return addToDate(date, { days: -((weekday + 6) % 7) });
}

/**
 * The steps covering [start, end) in `timeZone`: local midnights (DST-aware: a day is 23 or 25 hours
 * on a change; a midnight that DST skips starts at the first hour that exists), Mondays, or firsts of
 * the month. The first and last steps are clipped to the period.
 */
export function timeSteps(kind: StepKind, period: { start: Date; end: Date }, timeZone: string): TimeStep[] {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const steps: TimeStep[] = [];
  let date = stepStart(kind, calendarDateIn(timeZone, period.start));
  let from = startOfDay(timeZone, date).getTime();
  while (from < end) {
    const next = addToDate(date, kind === 'month' ? { months: 1 } : { days: kind === 'week' ? 7 : 1 });
    const to = startOfDay(timeZone, next).getTime();
    if (to > start) steps.push({ label: label(kind, date), start: Math.max(from, start), end: Math.min(to, end), complete: from >= start && to <= end });
    date = next;
    from = to;
  }
  return steps;
}

/** The index of the first step that ends after `instant` (steps are contiguous and ordered). */
export function firstStepAfter(steps: readonly TimeStep[], instant: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]!.end > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
