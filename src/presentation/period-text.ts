import type { Formatters } from './format';
import type { Messages } from './messages';

/** A report's period: [start, end), ISO instants, and the preset it was resolved from. */
export interface PeriodFacts {
  start: string;
  end: string;
  preset?: string;
}

/**
 * The period for a reader, as the report's title block and its e-mail say it: whole days as first
 * and last day ("Feb 1, 2026 to Feb 28, 2026"), since the end is exclusive; otherwise start and end
 * with times. A preset names itself first ("last month: …").
 */
export function periodText(m: Messages, f: Formatters, period: PeriodFacts): string {
  const { start, end } = period;
  const midnight = (iso: string) => f.time(iso) === '00:00';
  const preset = period.preset ? `${m.presets[period.preset] ?? period.preset}: ` : '';
  if (midnight(start) && midnight(end)) {
    return preset + m.period(f.longDate(start), f.longDate(new Date(Date.parse(end) - 1).toISOString()), f.timezone);
  }
  return preset + m.period(f.longDateTime(start), f.longDateTime(end), f.timezone);
}
