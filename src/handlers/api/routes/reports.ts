import { Hono, type Context } from 'hono';
import { NotFoundError, ValidationError } from '../../../domain/errors';
import type { ReportRun } from '../../../domain/report-run';
import { requestReport } from '../../../use-cases/request-report';
import { deploymentPolicy, type ApiDeps } from '../deps';
import type { AppEnv } from '../app-env';
import type { Caller } from '../../../domain/caller';
import { parseIdempotencyKey } from '../idempotency-key';
import { jsonBody } from '../json-body';
import { listPage, nextLink } from '../list-page';
import { problem } from '../problem';
import { parseQuery } from '../query';
import { downloadQuerySchema, listReportsQuerySchema, noQuerySchema } from '../query-schemas';
import { isResourceId } from '../resource-id';
import { runView } from '../run-view';
import { requestReportOnce } from '../request-report-once';
import { createReportBodySchema } from '../../../domain/report-spec';
import { assertDeploymentAllows } from '../../../domain/deployment-policy';
import { requireScope } from '../scope';

/** A run the caller may see, or 404 (never 403: another owner's run does not exist for the caller). */
async function visibleRun(deps: ApiDeps, caller: Caller, id: string): Promise<ReportRun> {
  const run = isResourceId(id) ? await deps.runs.get(id) : undefined;
  if (!run || typeof run.owner !== 'string' || (run.owner !== caller.owner && !caller.admin)) throw new NotFoundError(`Report ${id} does not exist.`);
  return run;
}

function fileName(run: ReportRun, key: string): string {
  return `${run.type}-report-${run.id}.${key.split('.').pop()}`;
}

/** `/v1/reports`: request, list, read, download and delete report runs. */
export function reportRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const denied = requireScope(c, 'reports:write');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const idempotencyKey = parseIdempotencyKey(c.req.header('idempotency-key'));
    if (!idempotencyKey.ok) throw new ValidationError([{ path: 'header.Idempotency-Key', message: idempotencyKey.message }]);
    const body = await jsonBody(c);
    if (!body.ok) return body.response;
    assertDeploymentAllows(body.body, deploymentPolicy(deps), createReportBodySchema, 'body');
    const owner = c.get('caller').owner;
    if (!idempotencyKey.key) return accepted(c, await requestReport(deps, { owner, body: body.body }), false);
    const result = await requestReportOnce(deps, { owner, key: idempotencyKey.key, body: body.body });
    switch (result.kind) {
      case 'created':
        return accepted(c, result.value, false);
      case 'replayed':
        return accepted(c, result.value, true);
      case 'mismatch':
        return problem(c, 409, 'idempotency-key-reused', 'This Idempotency-Key was already used with another body; use a new key for a new request.');
      case 'in-flight':
        c.header('retry-after', '1');
        return problem(c, 409, 'idempotency-key-in-use', 'A request with this Idempotency-Key is still being processed; retry shortly.');
    }
  });

  app.get('/', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const query = parseQuery(c, listReportsQuerySchema);
    const caller = c.get('caller');
    const page = await listPage(
      (cursor) =>
        deps.runs.list({
          ...query,
          // The store compares ISO strings, so offsets are normalized to UTC first.
          createdFrom: query.createdFrom && new Date(query.createdFrom).toISOString(),
          createdTo: query.createdTo && new Date(query.createdTo).toISOString(),
          cursor,
          owner: caller.admin ? undefined : caller.owner,
        }),
      query.cursor,
    );
    const base = c.get('baseUrl');
    return c.json({
      items: page.items.map((r) => runView(r, base)),
      nextCursor: page.nextCursor,
      links: { next: nextLink(c, '/v1/reports', page.nextCursor) },
    });
  });

  app.get('/:id', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    const urls: Record<string, string> = {};
    if (run.status === 'succeeded') {
      for (const a of run.artifacts) urls[a.format] = await deps.artifacts.presignGet(a.key, deps.settings.downloadUrlTtlSeconds, fileName(run, a.key));
    }
    return c.json(runView(run, c.get('baseUrl'), urls));
  });

  app.get('/:id/download', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const query = parseQuery(c, downloadQuerySchema);
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    if (run.status !== 'succeeded') return problem(c, 409, 'report-not-ready', `Report ${run.id} is ${run.status}; downloads exist once it has succeeded.`);
    const artifact = query.format ? run.artifacts.find((a) => a.format === query.format) : run.artifacts[0];
    if (!artifact) {
      return problem(
        c,
        404,
        'format-not-rendered',
        `Report ${run.id} was not rendered as ${query.format}; it has ${run.artifacts.map((a) => a.format).join(', ')}.`,
      );
    }
    const url = await deps.artifacts.presignGet(artifact.key, query.expiresIn ?? deps.settings.downloadUrlTtlSeconds, fileName(run, artifact.key));
    c.header('cache-control', 'no-store');
    return c.redirect(url, 302);
  });

  app.get('/:id/data', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    // 409 only while the answer can still change; a run that can never have data is 404 with the reason.
    if (run.status === 'queued' || run.status === 'running') {
      c.header('retry-after', '5');
      return problem(c, 409, 'report-not-ready', `Report ${run.id} has no JSON snapshot yet: it is ${run.status}.`);
    }
    if (run.status === 'failed') return problem(c, 404, 'report-has-no-data', `Report ${run.id} failed, so it has no JSON snapshot.`);
    const key = run.dataKey ?? run.artifacts.find((a) => a.format === 'json')?.key;
    if (!key) {
      return problem(
        c,
        404,
        'report-has-no-data',
        `Report ${run.id} was made before every run kept its JSON snapshot and was not rendered as JSON; request it again.`,
      );
    }
    const body = await deps.artifacts.get(key);
    if (!body) throw new NotFoundError(`The data of report ${run.id} is gone (expired).`);
    return c.body(new TextDecoder().decode(body), 200, { 'content-type': 'application/json' });
  });

  app.delete('/:id', async (c) => {
    const denied = requireScope(c, 'reports:write');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const run = await visibleRun(deps, c.get('caller'), c.req.param('id'));
    if (run.status === 'running') return problem(c, 409, 'report-running', `Report ${run.id} is running; delete it once it has finished.`);
    // Artifacts first: a record without artifacts is harmless, artifacts without a record would be orphans.
    await deps.artifacts.delete([...new Set([...run.artifacts.map((a) => a.key), ...(run.dataKey ? [run.dataKey] : [])])]);
    await deps.runs.delete(run.id);
    return c.body(null, 204);
  });

  return app;
}

function accepted(c: Context<AppEnv>, run: ReportRun, replayed: boolean): Response {
  const view = runView(run, c.get('baseUrl'));
  c.header('location', view.links.self);
  if (replayed) c.header('idempotent-replayed', 'true');
  return c.json({ id: run.id, status: run.status, links: view.links }, 202);
}
