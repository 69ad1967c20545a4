/**
 * Shapes of the API's responses, for the OpenAPI document and for contract tests that check real
 * responses against it. Request bodies are not repeated here: the document takes those from the
 * schemas the routes validate with.
 */
import * as z from 'zod';
import { artifactFormats, runStatuses } from '../../../domain/report-run';
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
