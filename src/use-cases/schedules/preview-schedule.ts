import type { Clock } from '../../domain/ports';
import type { Locale } from '../../domain/report-spec';
import { describeExpression } from '../../domain/schedules/describe-expression';
import { parseScheduleExpression } from '../../domain/schedules/expression';
import { nextFireTimes } from '../../domain/schedules/fire-times';
import { previewFireTimes, schedulePreviewBodySchema } from '../../domain/schedules/preview-body';
import { parseOrThrow } from '../../domain/validate';
import { isoInZone } from '../../domain/zoned-time';

/** What `POST /v1/schedules/preview` answers. */
export interface SchedulePreview {
  description: string;
  /** ISO instants with the time zone's offset, ascending. */
  next: string[];
}

/**
 * An expression in words and its next fire times from now, as a schedule made of it now would fire
 * (a rate without a start date counts from now, as from a schedule's creation). Saves nothing.
 * `locale` is the request's language when the body names none.
 */
export function previewSchedule(deps: { clock: Clock }, input: { body: unknown; locale: Locale }): SchedulePreview {
  const body = parseOrThrow(schedulePreviewBodySchema, input.body);
  const parsed = parseScheduleExpression(body.expression);
  // The schema has already checked the expression; this only narrows the type.
  if (!parsed.ok) throw new Error(parsed.error);
  const now = deps.clock.now();
  const startDate = body.startDate ? new Date(body.startDate) : undefined;
  const endDate = body.endDate ? new Date(body.endDate) : undefined;
  const next = nextFireTimes(parsed.value, { timezone: body.timezone, after: now, count: previewFireTimes, startDate, endDate, createdAt: now });
  return {
    description: describeExpression(parsed.value, { timezone: body.timezone, locale: body.locale ?? input.locale, startDate, endDate }),
    next: next.map((d) => isoInZone(d.getTime(), body.timezone)),
  };
}
