/** Query schemas of the routes: strict, so an unknown parameter is a 400. The OpenAPI document lists parameters from them. */
import * as z from 'zod';
import { maxOwnerLength } from '../../domain/caller';
import { artifactFormats, runStatuses } from '../../domain/report-run';
import { reportTypes } from '../../domain/report-spec';

/** Longest lifetime of a presigned download URL: SigV4 allows at most 7 days. */
export const maxDownloadUrlTtlSeconds = 604_800;

const instant = z.iso.datetime({ offset: true });

/** Query of `GET /v1/reports`. */
export const listReportsQuerySchema = z
  .strictObject({
    status: z.enum(runStatuses).optional(),
    type: z.enum(reportTypes).optional(),
    scheduleId: z
      .string()
      .regex(/^[0-9A-Za-z_.-]{1,128}$/, 'is not a schedule id')
      .optional()
      .describe('Only the runs this schedule started: its run history (also after the schedule was deleted).'),
    createdFrom: instant.optional().describe('Only runs created at or after this instant.'),
    createdTo: instant.optional().describe('Only runs created at or before this instant.'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .refine((q) => !q.createdFrom || !q.createdTo || Date.parse(q.createdFrom) <= Date.parse(q.createdTo), {
    path: ['createdTo'],
    message: 'must not be before createdFrom',
  });

/** Query of `GET /v1/reports/{id}/download`. */
export const downloadQuerySchema = z.strictObject({
  format: z.enum(artifactFormats).optional(),
  expiresIn: z.coerce.number().int().min(1).max(maxDownloadUrlTtlSeconds, `may be at most ${maxDownloadUrlTtlSeconds} seconds (7 days)`).optional(),
});

/** Routes that take no query parameters still refuse unknown ones. */
export const noQuerySchema = z.strictObject({});

/** Query of `GET /v1/schedules`. */
export const listSchedulesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** Windows `GET /v1/stats` answers for, in days. */
export const statsWindows = ['7', '30'] as const;

/** Query of `GET /v1/stats`. */
export const statsQuerySchema = z.strictObject({
  days: z.enum(statsWindows).default('7').describe('The window: the last 7 or 30 UTC days, today included.'),
  owner: z
    .string()
    .min(1)
    .max(maxOwnerLength)
    .optional()
    .describe('Admins only: one owner’s statistics (without it an admin sees every owner’s). Another caller may name only itself.'),
});
