/** The body of `POST /v1/schedules/preview`: an expression to read aloud and to compute fire times for. */
import * as z from 'zod';
import { locales, timeZoneSchema } from '../report-spec';
import { scheduleDatesSchema, scheduleExpressionSchema } from './schedule';

/** Fire times a preview lists. */
export const previewFireTimes = 5;

/** Body of `POST /v1/schedules/preview`. Unknown fields are rejected; the dates follow the schedule's rules. */
export const schedulePreviewBodySchema = z
  .strictObject({
    expression: scheduleExpressionSchema,
    timezone: timeZoneSchema,
    startDate: z.iso.datetime({ offset: true }).optional(),
    endDate: z.iso.datetime({ offset: true }).optional(),
    locale: z.enum(locales).optional().describe('Language of `description`; without it, the request’s `Accept-Language` (default `en`).'),
  })
  .superRefine((b, ctx) => {
    const dates = scheduleDatesSchema.safeParse(b);
    if (!dates.success) for (const issue of dates.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type SchedulePreviewBody = z.output<typeof schedulePreviewBodySchema>;
