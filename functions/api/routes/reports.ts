import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { artifactFormats, runStatuses, type ReportRun } from '../../core/report-run';
import { reportTypes } from '../../core/report-spec';
import { requestReport } from '../../core/request-report';
import { parseOrThrow } from '../../core/validate';
import { baseUrl, jsonBody, requireScope, type ApiDeps, type AppEnv } from '../app';
import type { Caller } from '../caller';
import { problem } from '../problem';
import { runView } from '../run-view';

export const listReportsQuerySchema = z.strictObject({
  status: z.enum(runStatuses).optional(),
  type: z.enum(reportTypes).optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export const downloadQuerySchema = z.strictObject({
  format: z.enum(artifactFormats).optional(),
  expiresIn: z.coerce.number().int().min(1).max(604_800).optional(),
});

/** A run the caller may see, or 404 (never 403: another owner's run does not exist for the caller). */
async function visibleRun(deps: ApiDeps, caller: Caller, id: string): Promise<ReportRun> {
  const run = await deps.runs.get(id);
  if (!run || (run.owner !== caller.owner && !caller.admin)) throw new NotFoundError(`Report ${id} not found.`);
  return run;
}

/** `/v1/reports`: request, list, read, download and delete report runs. */
export function reportRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const denied = requireScope(c, 'reports:write');
    if (denied) return denied;
    const body = await jsonBody(c);
    if (!body.ok) return body.response;
    const run = await requestReport(deps, { owner: c.get('caller').owner, body: body.body });
    const view = runView(run, baseUrl(c));
    c.header('location', view.links.self);
    return c.json({ id: run.id, status: run.status, links: view.links }, 202);
  });

  app.get('/', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const query = parseOrThrow(listReportsQuerySchema, c.req.query());
    const caller = c.get('caller');
    const page = await deps.runs.list({ ...query, owner: caller.admin ? undefined : caller.owner });
    const base = baseUrl(c);
    const next = page.nextCursor ? new URL(`${base}/v1/reports`) : undefined;
    if (next) {
      for (const [k, v] of Object.entries(c.req.query())) if (k !== 'cursor') next.searchParams.set(k, v);
      next.searchParams.set('cursor', page.nextCursor!);
    }
    return c.json({ items: page.items.map((r) => runView(r, base)), nextCursor: page.nextCursor, links: { next: next?.toString() } });
  });

  app.get('/:id', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    const urls: Record<string, string> = {};
    if (run.status === 'succeeded') {
      for (const a of run.artifacts) {
        urls[a.format] = await deps.artifacts.presignGet(a.key, deps.settings.downloadUrlTtlSeconds, `${run.type}-report-${run.id}.${a.key.split('.').pop()}`);
      }
    }
    return c.json(runView(run, baseUrl(c), urls));
  });

  app.get('/:id/download', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const query = parseOrThrow(downloadQuerySchema, c.req.query());
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    if (run.status !== 'succeeded') return problem(c, 409, 'report-not-ready', `Report ${run.id} is ${run.status}; downloads exist once it has succeeded.`);
    const artifact = query.format ? run.artifacts.find((a) => a.format === query.format) : run.artifacts[0];
    if (!artifact) return problem(c, 404, 'format-not-rendered', `Report ${run.id} was not rendered as ${query.format}; it has ${run.artifacts.map((a) => a.format).join(', ')}.`);
    const url = await deps.artifacts.presignGet(artifact.key, query.expiresIn ?? deps.settings.downloadUrlTtlSeconds, `${run.type}-report-${run.id}.${artifact.key.split('.').pop()}`);
    return c.redirect(url, 302);
  });

  app.get('/:id/data', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    const artifact = run.artifacts.find((a) => a.format === 'json');
    if (run.status !== 'succeeded' || !artifact) return problem(c, 409, 'report-not-ready', `Report ${run.id} has no JSON snapshot${run.status === 'succeeded' ? '; request the report with "json" among its formats' : ` yet: it is ${run.status}`}.`);
    const body = await deps.artifacts.get(artifact.key);
    if (!body) throw new NotFoundError(`The data of report ${run.id} is gone (expired).`);
    return c.body(new TextDecoder().decode(body), 200, { 'content-type': 'application/json' });
  });

  app.delete('/:id', async (c) => {
    const denied = requireScope(c, 'reports:write');
    if (denied) return denied;
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    if (run.status === 'running') return problem(c, 409, 'report-running', `Report ${run.id} is running; delete it once it has finished.`);
    await deps.artifacts.delete(run.artifacts.map((a) => a.key));
    await deps.runs.delete(run.id);
    return c.body(null, 204);
  });

  return app;
}
