import * as z from 'zod';
import { deliverySchema, reportSpecSchema } from './report-spec';
import { deliverWhenSchema } from './schedules/deliver-when';
import type { ReportJob } from './report-run';
import { traceparentPattern } from './telemetry';

/** A malformed trace context is dropped, never the job: the report matters more than its trace. */
const traceparent = z.string().regex(traceparentPattern).optional().catch(undefined);

/** Queue messages are parsed like any other input: a malformed one is reported, not retried. */
export const reportJobSchema: z.ZodType<ReportJob> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), runId: z.string().min(1), traceparent }),
  z.object({
    kind: z.literal('scheduled'),
    scheduleId: z.string().min(1),
    owner: z.string().min(1),
    scheduledTime: z.string().min(1),
    spec: reportSpecSchema,
    delivery: deliverySchema.optional(),
    deliverWhen: deliverWhenSchema.optional(),
    traceparent,
    traceLink: traceparent,
  }),
  z.object({ kind: z.literal('deliver'), runId: z.string().min(1), channel: z.string().min(1), traceparent }),
]) as z.ZodType<ReportJob>;
