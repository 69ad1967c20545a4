/**
 * Shapes of the API's responses, for the OpenAPI document and for contract tests that check real
 * responses against it. Request bodies are not repeated here: the document takes those from the
 * schemas the routes validate with.
 */
import * as z from 'zod';
import { artifactFormats, runStatuses } from '../../../domain/report-run';
import { deliveryChannels } from '../../../domain/delivery/channels';
import { deliverySchema, reportSpecSchema, reportTypes } from '../../../domain/report-spec';

const url = z.string().describe('An absolute URL.');
const instant = z.string().describe('ISO 8601 instant.');

/** RFC 9457 problem details, as every 4xx and 5xx of the API is answered. */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('Stable URI of the kind of problem, e.g. urn:openstack-reports:problem:validation-failed.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().describe('The request path.'),
    requestId: z
      .string()
      .optional()
      .describe("The request's id, as in the `X-Request-Id` header (API Gateway's request id on AWS): quote it when reporting a problem."),
    errors: z
      .array(z.object({ path: z.string().describe('Dotted path of the invalid field (`period.start`, `query.limit`, `(body)`).'), message: z.string() }))
      .optional()
      .describe('Every invalid field, for validation problems.'),
  })
  .meta({ title: 'Problem' });

const runLinksSchema = z.object({
  self: url,
  download: url.optional().describe('Present once the run has succeeded.'),
  data: url.optional().describe('The JSON snapshot the report was rendered from: every succeeded run has one, whatever its formats.'),
});

/** `202` answer of `POST /v1/reports`. */
export const reportAcceptedSchema = z.object({ id: z.string(), status: z.enum(runStatuses), links: runLinksSchema }).meta({ title: 'ReportAccepted' });

const deliverWhenViewSchema = z
  .object({ budgetThresholds: z.array(z.number()), includeForecast: z.boolean() })
  .describe('Delivered only when a budget reaches one of these percentages (or, with includeForecast, is forecast to), once per group and period.');

const deliveryGateSchema = z
  .object({
    decision: z.enum(['deliver', 'skip']),
    reason: z.string(),
    evaluatedAt: instant,
    crossings: z.array(
      z.object({
        keys: z.array(z.string()),
        label: z.string(),
        threshold: z.number(),
        basis: z.enum(['actual', 'forecast']),
        percent: z.number(),
        alreadySentBy: z.string().optional().describe('The run that sent this alert first, this period.'),
      }),
    ),
  })
  .describe('Runs of a schedule with deliverWhen: whether the budget thresholds let the run be delivered, and why. The run itself is kept either way.');

/** A report run as `GET /v1/reports/{id}` shows it. */
export const reportRunSchema = z
  .object({
    id: z.string(),
    type: z.enum(reportTypes),
    status: z.enum(runStatuses),
    owner: z.string(),
    scheduleId: z.string().optional(),
    createdAt: instant,
    updatedAt: instant,
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
    attempts: z.number().int(),
    nextAttemptAt: instant.optional().describe('While a failed attempt waits to be retried: when the worker tries again.'),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    stages: z.array(z.object({ name: z.string(), startedAt: instant, ms: z.number() })).describe('Wall time of each stage (fetch, render, store, deliver).'),
    summary: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    deliveries: z
      .record(
        z.string(),
        z.object({
          status: z.enum(['pending', 'sent', 'failed']),
          attempts: z.number().int().describe("Tries so far (a webhook's every POST); pending: another follows at nextAttemptAt."),
          nextAttemptAt: instant.optional().describe('While pending after a failed try: when the worker tries again.'),
          at: instant.optional(),
          error: z.string().optional(),
          recipients: z
            .array(z.object({ address: z.string(), status: z.enum(['sent', 'failed']), error: z.string().optional() }))
            .optional()
            .describe("E-mail: each recipient settled so far, with the mail server's reply when it refused one; those not listed are still to be sent."),
        }),
      )
      .optional(),
    deliveryGate: deliveryGateSchema.optional(),
    spec: reportSpecSchema,
    artifacts: z.array(
      z.object({
        format: z.enum(artifactFormats),
        bytes: z.number().int(),
        contentType: z.string(),
        download: url.describe('API link that redirects to a fresh presigned URL.'),
        url: url.optional().describe('A presigned URL, valid for the configured time (default 15 minutes).'),
      }),
    ),
    links: runLinksSchema,
  })
  .meta({ title: 'ReportRun' });

/** `GET /v1/reports`. */
export const reportPageSchema = z
  .object({ items: z.array(reportRunSchema), nextCursor: z.string().optional(), links: z.object({ next: url.optional() }) })
  .meta({ title: 'ReportPage' });

const deliveryViewSchema = deliverySchema.omit({ webhook: true }).extend({
  webhook: z.object({ url, hasSecret: z.boolean().describe('The secret itself is never shown.') }).optional(),
});

/** A schedule as the API shows it. */
export const scheduleSchema = z
  .object({
    id: z.string(),
    owner: z.string(),
    name: z.string().optional(),
    expression: z.string(),
    timezone: z.string(),
    startDate: instant.optional(),
    endDate: instant.optional(),
    enabled: z.boolean(),
    report: reportSpecSchema,
    delivery: deliveryViewSchema.optional(),
    deliverWhen: deliverWhenViewSchema.optional(),
    createdAt: instant,
    updatedAt: instant,
    syncState: z.enum(['pending', 'active', 'deleting']).describe('Whether the scheduler is known to match this record.'),
    lastRuns: z.array(z.object({ runId: z.string(), scheduledTime: instant, status: z.enum(runStatuses) })).optional(),
    nextFireTimes: z.array(instant).describe('The next five fire times; empty while disabled or once over.'),
    links: z.object({ self: url, run: url }),
  })
  .meta({ title: 'Schedule' });

/** `GET /v1/schedules`. */
export const schedulePageSchema = z
  .object({ items: z.array(scheduleSchema), nextCursor: z.string().optional(), links: z.object({ next: url.optional() }) })
  .meta({ title: 'SchedulePage' });

/** `202` answer of `POST /v1/schedules/{id}/run`. */
export const scheduleRunAcceptedSchema = z
  .object({
    scheduleId: z.string(),
    scheduledTime: instant,
    runId: z.string().describe('The run the worker records for this firing; poll it at links.report.'),
    links: z.object({ report: url, schedule: url }),
  })
  .meta({ title: 'ScheduleRunAccepted' });

/** `GET /v1/health`. */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.record(
      z.string(),
      z.object({
        status: z.enum(['ok', 'down']),
        latencyMs: z.number().optional().describe('Only to a caller with an `admin` token.'),
        error: z.string().optional().describe('Why the dependency is down; only to a caller with an `admin` token.'),
      }),
    ),
  })
  .meta({ title: 'Health' });

/**
 * API Gateway's own error body (on AWS, a request its stage throttles answers 429 with this), not
 * problem+json: the request never reached the app.
 */
export const gatewayMessageSchema = z.object({ message: z.string() }).meta({ title: 'GatewayMessage' });

const utcDate = z.iso.date().describe('A UTC date (yyyy-mm-dd).');
const percentiles = {
  count: z.number().int().describe('Timings counted.'),
  p50Ms: z.number().describe('Median, in milliseconds: linearly interpolated inside the histogram bucket it falls in.'),
  p95Ms: z.number().describe('95th percentile, in milliseconds, found the same way.'),
};

/** `GET /v1/stats`. */
export const statsSchema = z
  .object({
    days: z.union([z.literal(7), z.literal(30)]),
    from: utcDate.describe('First UTC day counted (inclusive).'),
    to: utcDate.describe('Last UTC day counted (inclusive): today.'),
    scope: z.enum(['own', 'owner', 'all']).describe('`own`: the caller’s runs; `owner`: the owner an admin named; `all`: every owner’s (admins).'),
    owner: z.string().optional().describe('Whose runs, unless `scope` is `all`.'),
    runs: z.object({
      total: z.number().int().describe('Runs requested in the window (by the API or a schedule).'),
      succeeded: z.number().int().describe('Runs that succeeded in the window (by the day they finished).'),
      failed: z.number().int().describe('Runs that failed for good in the window (a retried attempt is not a failure).'),
      queued: z.number().int().describe('Runs queued now (including those waiting for a retry).'),
      running: z.number().int().describe('Runs running now.'),
      successRate: z.number().min(0).max(1).nullable().describe('succeeded / (succeeded + failed), rounded to 4 decimals; null when none finished.'),
    }),
    perDay: z
      .array(z.object({ date: utcDate, succeeded: z.number().int(), failed: z.number().int() }))
      .describe('Every day of the window, oldest first, zeros included.'),
    durations: z.object({
      byType: z
        .array(z.object({ type: z.enum(reportTypes), ...percentiles }))
        .describe('The time of the attempt that succeeded (its stages added up), of the runs that succeeded in the window, per report type that has any.'),
      byStage: z
        .array(z.object({ stage: z.string(), ...percentiles }))
        .describe('Wall time of each stage (fetch, render, store, deliver) of the runs finished in the window.'),
    }),
    deliveries: z
      .array(z.object({ channel: z.enum(deliveryChannels), sent: z.number().int(), failed: z.number().int() }))
      .describe('Deliveries settled in the window, per channel that has any (a retried attempt is not a failure).'),
    failureReasons: z
      .array(
        z.object({
          code: z.string(),
          message: z.string().describe('What the code means, the same for every run (never a tenant’s data).'),
          count: z.number().int(),
        }),
      )
      .describe('Why runs failed in the window, most frequent first (at most 10).'),
  })
  .meta({ title: 'Stats' });

/** `GET /v1/projects`. */
export const projectListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        domainId: z.string().optional().describe('Absent only when Keystone does not say.'),
        enabled: z.boolean().describe('A disabled project can still be reported on; its resources remain.'),
      }),
    ),
  })
  .meta({ title: 'ProjectList' });

/** `POST /v1/schedules/preview`. */
export const schedulePreviewSchema = z
  .object({
    description: z.string().describe('The expression in words, with its time zone, in the requested language.'),
    next: z
      .array(z.string().describe('ISO 8601 instant with the time zone’s offset.'))
      .describe('The next five fire times from now (fewer once the schedule ends).'),
  })
  .meta({ title: 'SchedulePreview' });
