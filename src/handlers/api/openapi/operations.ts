/**
 * The API's operations as the OpenAPI document lists them. The path list and the prose are written
 * here; every schema comes from the zod schemas the routes validate with (`test/api/openapi.test.ts`
 * checks that each route of the app is listed).
 */
import type { z } from 'zod';
import { createReportBodySchema } from '../../../domain/report-spec';
import { createScheduleBodySchema, updateScheduleBodySchema } from '../../../domain/schedules/schedule';
import { schedulePreviewBodySchema } from '../../../domain/schedules/preview-body';
import type { Scope } from '../../../domain/caller';
import { downloadQuerySchema, listReportsQuerySchema, listSchedulesQuerySchema, noQuerySchema, statsQuerySchema } from '../query-schemas';
import { headerExamples, requestExamples, responseExamples, type Examples } from './examples';
import {
  healthSchema,
  projectListSchema,
  reportAcceptedSchema,
  reportPageSchema,
  reportRunSchema,
  schedulePageSchema,
  scheduleRunAcceptedSchema,
  schedulePreviewSchema,
  scheduleSchema,
  statsSchema,
} from './response-schemas';

/** A JSON body named in `components.schemas`, with examples of it. */
export interface JsonBody {
  name: string;
  schema: z.ZodType;
  examples: Examples;
}

/** One operation of the API. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path (`/v1/reports/{id}`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'reports' | 'schedules' | 'service';
  /** The scope the caller needs; absent for public operations. */
  scope?: Scope;
  query?: z.ZodType;
  /** JSON request body, named in `components.schemas`. */
  body?: JsonBody;
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
  success: {
    status: number;
    description: string;
    /** JSON response body, named in `components.schemas`. */
    body?: JsonBody;
    /** A body without a schema of its own (the JSON snapshot, this document, the docs page and its files), by media type. */
    content?: Record<string, { examples?: Examples }>;
    headers?: Record<string, { description: string; example: string }>;
  };
  /** A second non-error answer with the success body (health: 503 when a dependency is down). */
  alternative?: { status: number; description: string; examples: Examples };
  /**
   * Error statuses beyond those every operation of its kind has (see `errorStatuses`). 429 here
   * means the operation refuses new runs itself (`too-many-runs`), besides API Gateway's throttling.
   */
  extraErrors?: number[];
}

const createScheduleBody = { name: 'CreateScheduleBody', schema: createScheduleBodySchema };
const schedule = { name: 'Schedule', schema: scheduleSchema };

/** Every operation, in the order the document lists them. */
export const operations: Operation[] = [
  {
    method: 'post',
    path: '/v1/reports',
    operationId: 'createReport',
    summary: 'Request a report',
    description:
      'Validates the spec, records a run as `queued` and enqueues it; poll `links.self`. With an `Idempotency-Key`, repeating the request (same key, same body) within 24 h returns the same run; the same key with another body is a 409. An owner with MAX_QUEUED_RUNS_PER_OWNER runs queued or running gets 429 `too-many-runs` with `Retry-After`.',
    tag: 'reports',
    scope: 'reports:write',
    query: noQuerySchema,
    body: { name: 'CreateReportBody', schema: createReportBodySchema, examples: requestExamples.createReport },
    idempotent: true,
    success: {
      status: 202,
      description: 'Accepted: the run is queued (or, for a repeated idempotent request, the existing run).',
      body: { name: 'ReportAccepted', schema: reportAcceptedSchema, examples: responseExamples.createReport },
      headers: {
        Location: { description: 'The run.', example: headerExamples.reportLocation },
        'Idempotent-Replayed': {
          description: '`true` when an earlier request with the same Idempotency-Key created the run.',
          example: headerExamples.idempotentReplayed,
        },
      },
    },
    extraErrors: [409, 429, 503],
  },
  {
    method: 'get',
    path: '/v1/reports',
    operationId: 'listReports',
    summary: 'List reports, newest first',
    description:
      'The caller’s runs (an admin’s: every owner’s), filtered by status, type, schedule (`scheduleId`: a schedule’s run history) and creation time, one page at a time; follow `links.next`.',
    tag: 'reports',
    scope: 'reports:read',
    query: listReportsQuerySchema,
    success: { status: 200, description: 'One page of runs.', body: { name: 'ReportPage', schema: reportPageSchema, examples: responseExamples.listReports } },
  },
  {
    method: 'get',
    path: '/v1/reports/{id}',
    operationId: 'getReport',
    summary: 'Read a report run',
    description: 'Status, stage timings, error, artifact sizes and a link per format (presigned once the run has succeeded).',
    tag: 'reports',
    scope: 'reports:read',
    query: noQuerySchema,
    success: { status: 200, description: 'The run.', body: { name: 'ReportRun', schema: reportRunSchema, examples: responseExamples.getReport } },
  },
  {
    method: 'get',
    path: '/v1/reports/{id}/download',
    operationId: 'downloadReport',
    summary: 'Download a report',
    description:
      'Redirects to a presigned URL of the artifact in the given format (default: the first rendered). `expiresIn` sets its lifetime: default 15 minutes, at most 7 days.',
    tag: 'reports',
    scope: 'reports:read',
    query: downloadQuerySchema,
    success: {
      status: 302,
      description: 'Redirect to the presigned URL.',
      headers: { Location: { description: 'The presigned URL.', example: headerExamples.downloadLocation } },
    },
    extraErrors: [409],
  },
  {
    method: 'get',
    path: '/v1/reports/{id}/data',
    operationId: 'getReportData',
    summary: 'Read the JSON snapshot of a report',
    description:
      'The data the report was rendered from, kept for every succeeded run whatever its formats. 409 (with `Retry-After`) while the run is queued or running; 404 `report-has-no-data` for a failed run, which never has data.',
    tag: 'reports',
    scope: 'reports:read',
    query: noQuerySchema,
    success: { status: 200, description: 'The JSON snapshot.', content: { 'application/json': { examples: responseExamples.getReportData } } },
    extraErrors: [409],
  },
  {
    method: 'delete',
    path: '/v1/reports/{id}',
    operationId: 'deleteReport',
    summary: 'Delete a report and its artifacts',
    tag: 'reports',
    scope: 'reports:write',
    query: noQuerySchema,
    success: { status: 204, description: 'Deleted.' },
    extraErrors: [409],
  },
  {
    method: 'get',
    path: '/v1/stats',
    operationId: 'getStats',
    summary: 'Run statistics of the last 7 or 30 days',
    description:
      'Runs per day by outcome, success rate, duration percentiles by report type and by stage, deliveries by channel and outcome, and the most frequent failure reasons, over the last `days` UTC days (today included). A caller sees its own runs; an admin every owner’s, or one owner’s with `owner`. Counted as runs change state, so the answer costs the same at any number of runs. Percentiles come from fixed histogram buckets (upper bounds 50, 100, 250, 500 ms, 1, 2.5, 5, 10, 30, 60, 120, 300, 600 s, then 15 minutes and beyond), linearly interpolated within the bucket.',
    tag: 'reports',
    scope: 'reports:read',
    query: statsQuerySchema,
    success: { status: 200, description: 'The statistics.', body: { name: 'Stats', schema: statsSchema, examples: responseExamples.getStats } },
  },
  {
    method: 'get',
    path: '/v1/projects',
    operationId: 'listProjects',
    summary: 'The projects the configured cloud can report on',
    description:
      'Every project of the cloud for an admin cloud account (Keystone `/v3/projects`), else those its user may scope to (`/v3/auth/projects`), by name. The names go in a report’s `scope.projectNames`. 502 when the cloud refuses (credentials, permissions), 503 when it does not answer.',
    tag: 'reports',
    scope: 'reports:write',
    query: noQuerySchema,
    success: { status: 200, description: 'The projects.', body: { name: 'ProjectList', schema: projectListSchema, examples: responseExamples.listProjects } },
    extraErrors: [502, 503],
  },
  {
    method: 'post',
    path: '/v1/schedules',
    operationId: 'createSchedule',
    summary: 'Create a schedule',
    description: 'An EventBridge Scheduler expression (`cron(...)`, `rate(...)` or `at(...)`) in a time zone, and the report to run.',
    tag: 'schedules',
    scope: 'schedules:write',
    query: noQuerySchema,
    body: { ...createScheduleBody, examples: requestExamples.createSchedule },
    success: {
      status: 201,
      description: 'Created.',
      body: { ...schedule, examples: responseExamples.createSchedule },
      headers: { Location: { description: 'The schedule.', example: headerExamples.scheduleLocation } },
    },
    extraErrors: [502, 503],
  },
  {
    method: 'get',
    path: '/v1/schedules',
    operationId: 'listSchedules',
    summary: 'List schedules, newest first',
    tag: 'schedules',
    scope: 'schedules:read',
    query: listSchedulesQuerySchema,
    success: {
      status: 200,
      description: 'One page of schedules.',
      body: { name: 'SchedulePage', schema: schedulePageSchema, examples: responseExamples.listSchedules },
    },
  },
  {
    method: 'get',
    path: '/v1/schedules/{id}',
    operationId: 'getSchedule',
    summary: 'Read a schedule and its next five fire times',
    tag: 'schedules',
    scope: 'schedules:read',
    query: noQuerySchema,
    success: { status: 200, description: 'The schedule.', body: { ...schedule, examples: responseExamples.getSchedule } },
  },
  {
    method: 'put',
    path: '/v1/schedules/{id}',
    operationId: 'replaceSchedule',
    summary: 'Replace a schedule',
    description: 'The body is a complete schedule, as for creation; optional fields it leaves out are cleared.',
    tag: 'schedules',
    scope: 'schedules:write',
    query: noQuerySchema,
    body: { ...createScheduleBody, examples: requestExamples.replaceSchedule },
    success: { status: 200, description: 'The schedule as it is now.', body: { ...schedule, examples: responseExamples.replaceSchedule } },
    extraErrors: [409, 502, 503],
  },
  {
    method: 'patch',
    path: '/v1/schedules/{id}',
    operationId: 'updateSchedule',
    summary: 'Change some fields of a schedule',
    description: 'Any subset of the fields; `null` clears an optional one. `report` and `delivery` are replaced whole.',
    tag: 'schedules',
    scope: 'schedules:write',
    query: noQuerySchema,
    body: { name: 'UpdateScheduleBody', schema: updateScheduleBodySchema, examples: requestExamples.updateSchedule },
    success: { status: 200, description: 'The schedule as it is now.', body: { ...schedule, examples: responseExamples.updateSchedule } },
    extraErrors: [409, 502, 503],
  },
  {
    method: 'delete',
    path: '/v1/schedules/{id}',
    operationId: 'deleteSchedule',
    summary: 'Delete a schedule',
    description: 'Its past runs stay.',
    tag: 'schedules',
    scope: 'schedules:write',
    query: noQuerySchema,
    success: { status: 204, description: 'Deleted.' },
    extraErrors: [409, 502, 503],
  },
  {
    method: 'post',
    path: '/v1/schedules/{id}/run',
    operationId: 'runScheduleNow',
    summary: 'Run a schedule now',
    description:
      'Fires the schedule once, now (also when it is disabled). Two requests within the same second make one run. Like a report request, refused with 429 `too-many-runs` and `Retry-After` while the schedule’s owner has MAX_QUEUED_RUNS_PER_OWNER runs queued or running.',
    tag: 'schedules',
    scope: 'schedules:write',
    query: noQuerySchema,
    success: {
      status: 202,
      description: 'Accepted: the run is on its way.',
      body: { name: 'ScheduleRunAccepted', schema: scheduleRunAcceptedSchema, examples: responseExamples.runScheduleNow },
      headers: { Location: { description: 'The run the firing makes.', example: headerExamples.runLocation } },
    },
    extraErrors: [409, 429, 503],
  },
  {
    method: 'post',
    path: '/v1/schedules/preview',
    operationId: 'previewSchedule',
    summary: 'Describe an expression in words and list its next five fire times',
    description:
      'Checks an expression and time zone as creating a schedule would (400 names `expression`, `timezone`, `startDate` or `endDate`), and answers the expression in words, in English or Brazilian Portuguese (`locale`, else `Accept-Language`), with the next five fire times from now as instants with the time zone’s offset. Saves nothing.',
    tag: 'schedules',
    scope: 'schedules:read',
    query: noQuerySchema,
    body: { name: 'SchedulePreviewBody', schema: schedulePreviewBodySchema, examples: requestExamples.previewSchedule },
    success: {
      status: 200,
      description: 'The description and the next fire times.',
      body: { name: 'SchedulePreview', schema: schedulePreviewSchema, examples: responseExamples.previewSchedule },
    },
  },
  {
    method: 'get',
    path: '/v1/health',
    operationId: 'getHealth',
    summary: 'Health of storage, queue and OpenStack',
    description:
      'The overall status and each dependency’s, ok or down. No authentication: latency and error messages are shown only with a bearer token that has the `admin` scope (locally; on AWS the gateway checks no token on this route, so they are logged instead). 503 (with the same body) when one is down.',
    tag: 'service',
    success: { status: 200, description: 'Every dependency is up.', body: { name: 'Health', schema: healthSchema, examples: responseExamples.getHealth } },
    alternative: { status: 503, description: 'At least one dependency is down.', examples: responseExamples.getHealthDown },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tag: 'service',
    success: { status: 200, description: 'OpenAPI 3.1 document.', content: { 'application/json': { examples: responseExamples.getOpenApiDocument } } },
  },
  {
    method: 'get',
    path: '/v1/docs',
    operationId: 'getDocs',
    summary: 'Interactive documentation (Swagger UI)',
    tag: 'service',
    success: { status: 200, description: 'The Swagger UI page.', content: { 'text/html': { examples: responseExamples.getDocs } } },
  },
  {
    method: 'get',
    path: '/v1/docs/{file}',
    operationId: 'getDocsFile',
    summary: 'A file of the Swagger UI page (script, style sheet, icon)',
    tag: 'service',
    success: {
      status: 200,
      description: 'The file, as a style sheet, a script or an icon.',
      content: { 'text/css': {}, 'text/javascript': { examples: responseExamples.getDocsFile }, 'image/png': {} },
    },
    extraErrors: [404],
  },
];

/** Error statuses an operation can answer: those of its kind plus its own. */
export function errorStatuses(op: Operation): number[] {
  // On AWS, API Gateway throttles every route of the stage (429 with its own body).
  const statuses = new Set<number>([...(op.extraErrors ?? []), 429]);
  if (op.scope) {
    // Any query parameter may be wrong, and authentication and scope are checked on every call.
    [400, 401, 403, 500].forEach((s) => statuses.add(s));
    if (op.path.includes('{')) statuses.add(404);
    if (op.body) [413, 415].forEach((s) => statuses.add(s));
  }
  return [...statuses].sort((a, b) => a - b);
}
