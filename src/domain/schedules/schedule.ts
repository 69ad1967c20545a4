/**
 * The schedule record and the API bodies that create and change it. A schedule is a report spec plus
 * an EventBridge Scheduler expression evaluated in a time zone.
 */
import * as z from 'zod';
import { deliverySchema, reportSpecSchema, timeZoneSchema, type Delivery, type ReportSpec } from '../report-spec';
import type { RunStatus } from '../report-run';
import { deliverWhenSchema, type DeliverWhen } from './deliver-when';
import { parseScheduleExpression } from './expression';

export const scheduleLimits = {
  nameLength: 200,
  /** Runs remembered on a schedule record for the schedule view. */
  lastRuns: 10,
} as const;

/** A schedule expression string, checked with the reason in the issue (`expression: day-of-week: ...`). */
export const scheduleExpressionSchema = z
  .string()
  .max(256)
  .superRefine((value, ctx) => {
    const parsed = parseScheduleExpression(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const isoInstant = z.iso.datetime({ offset: true });

/** Checks shared by the create body and a record after an update. */
function checkDates(
  s: { expression?: string; startDate?: string | null; endDate?: string | null; deliverWhen?: unknown; report?: { type: string } },
  ctx: z.RefinementCtx,
): void {
  // Budgets are in cost reports only: a gate on another type would never open.
  if (s.deliverWhen && s.report && s.report.type !== 'cost') {
    ctx.addIssue({ code: 'custom', path: ['deliverWhen'], message: `budget thresholds apply to cost reports only, not ${s.report.type}` });
  }
  if (s.startDate && s.endDate && Date.parse(s.endDate) <= Date.parse(s.startDate)) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be after startDate' });
  }
  // EventBridge ignores both for one-time schedules; refusing them avoids a silent surprise.
  if (s.expression?.trim().startsWith('at(') && (s.startDate || s.endDate)) {
    ctx.addIssue({
      code: 'custom',
      path: [s.startDate ? 'startDate' : 'endDate'],
      message: 'startDate and endDate do not apply to one-time at() schedules',
    });
  }
}

const scheduleFields = {
  name: z.string().trim().min(1).max(scheduleLimits.nameLength),
  expression: scheduleExpressionSchema,
  timezone: timeZoneSchema,
  startDate: isoInstant,
  endDate: isoInstant,
  enabled: z.boolean(),
  report: reportSpecSchema,
  delivery: deliverySchema,
  deliverWhen: deliverWhenSchema,
};

/** Body of `POST /v1/schedules`. Unknown fields are rejected. */
export const createScheduleBodySchema = z
  .strictObject({
    name: scheduleFields.name.optional(),
    expression: scheduleFields.expression,
    timezone: scheduleFields.timezone,
    startDate: scheduleFields.startDate.optional(),
    endDate: scheduleFields.endDate.optional(),
    enabled: scheduleFields.enabled.default(true),
    report: scheduleFields.report,
    delivery: scheduleFields.delivery.optional(),
    /** Deliver only when a budget threshold is reached (see `deliver-when.ts`); without it, every run is delivered. */
    deliverWhen: scheduleFields.deliverWhen.optional(),
  })
  .superRefine(checkDates);
export type CreateScheduleBody = z.output<typeof createScheduleBodySchema>;

/**
 * Body of `PATCH /v1/schedules/{id}`: any subset of the create fields; `null` clears an optional one.
 * `report` and `delivery` are replaced whole, not merged.
 */
export const updateScheduleBodySchema = z
  .strictObject({
    name: scheduleFields.name.nullable().optional(),
    expression: scheduleFields.expression.optional(),
    timezone: scheduleFields.timezone.optional(),
    startDate: scheduleFields.startDate.nullable().optional(),
    endDate: scheduleFields.endDate.nullable().optional(),
    enabled: scheduleFields.enabled.optional(),
    report: scheduleFields.report.optional(),
    delivery: scheduleFields.delivery.nullable().optional(),
    deliverWhen: scheduleFields.deliverWhen.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export type UpdateScheduleBody = z.output<typeof updateScheduleBodySchema>;

/** Whether our record is known to match EventBridge Scheduler (see the use cases for the protocol). */
export type ScheduleSyncState = 'pending' | 'active' | 'deleting';

/** A run a schedule started, newest first on the record. */
export interface ScheduleRunRef {
  runId: string;
  scheduledTime: string;
  status: RunStatus;
}

/** A stored schedule. Dates are ISO 8601 strings. */
export interface Schedule {
  id: string;
  owner: string;
  name?: string;
  expression: string;
  timezone: string;
  startDate?: string;
  endDate?: string;
  enabled: boolean;
  report: ReportSpec;
  delivery?: Delivery;
  /** Deliver only when a budget threshold is reached; runs still happen and are kept. */
  deliverWhen?: DeliverWhen;
  createdAt: string;
  updatedAt: string;
  /** `pending` while a change is being applied to EventBridge Scheduler, `active` once it was. */
  syncState: ScheduleSyncState;
  /** Incremented on every write; conditional writes compare it. */
  version: number;
  lastRuns?: ScheduleRunRef[];
}

/** Re-checks the date rules on a record built from a patch (the patch alone cannot see both dates). */
export const scheduleDatesSchema = z
  .object({
    expression: z.string(),
    startDate: z.string().optional(),
    endDate: z.string().optional(),
    deliverWhen: z.unknown().optional(),
    report: z.object({ type: z.string() }).optional(),
  })
  .superRefine(checkDates);
