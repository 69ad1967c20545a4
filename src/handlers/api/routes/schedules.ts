import { Hono, type Context } from 'hono';
import { NotFoundError } from '../../../domain/errors';
import { scheduledRunId } from '../../../domain/scheduled-run-id';
import { parseOrThrow } from '../../../domain/validate';
import { createSchedule } from '../../../use-cases/schedules/create-schedule';
import { deleteSchedule } from '../../../use-cases/schedules/delete-schedule';
import type { Actor, ScheduleDeps } from '../../../domain/schedules/deps';
import { runScheduleNow } from '../../../use-cases/schedules/run-schedule-now';
import { createScheduleBodySchema, updateScheduleBodySchema, type Schedule, type UpdateScheduleBody } from '../../../domain/schedules/schedule';
import { getSchedule, listSchedules, toScheduleView, type ScheduleView } from '../../../use-cases/schedules/schedule-view';
import { updateSchedule } from '../../../use-cases/schedules/update-schedule';
import { assertDeploymentAllows } from '../../../domain/deployment-policy';
import { deploymentPolicy, type ApiDeps } from '../deps';
import type { AppEnv } from '../app-env';
import { jsonBody } from '../json-body';
import { listPage, nextLink } from '../list-page';
import { parseQuery } from '../query';
import { preferredLocale } from '../accept-language';
import { previewSchedule } from '../../../use-cases/schedules/preview-schedule';
import { listSchedulesQuerySchema, noQuerySchema } from '../query-schemas';
import { isResourceId } from '../resource-id';
import { requireScope } from '../scope';

function actor(c: Context<AppEnv>): Actor {
  const caller = c.get('caller');
  return { owner: caller.owner, admin: caller.admin };
}

/** The schedule id from the path; ids this API never hands out are simply not found. */
function scheduleId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!isResourceId(id)) throw new NotFoundError(`Schedule ${id} does not exist.`);
  return id;
}

/** A schedule view with its links. */
function withLinks(c: Context<AppEnv>, view: ScheduleView) {
  const self = `${c.get('baseUrl')}/v1/schedules/${view.id}`;
  return { ...view, links: { self, run: `${self}/run` } };
}

function view(c: Context<AppEnv>, deps: ScheduleDeps, schedule: Schedule) {
  return withLinks(c, toScheduleView(schedule, deps.clock.now()));
}

/**
 * A `PUT` body (a complete schedule) as the patch that turns any schedule into exactly it: every
 * optional field it leaves out is cleared.
 */
function replacementPatch(body: unknown): UpdateScheduleBody {
  const s = parseOrThrow(createScheduleBodySchema, body);
  return {
    name: s.name ?? null,
    expression: s.expression,
    timezone: s.timezone,
    startDate: s.startDate ?? null,
    endDate: s.endDate ?? null,
    enabled: s.enabled,
    report: s.report,
    delivery: s.delivery ?? null,
    deliverWhen: s.deliverWhen ?? null,
  };
}

/** `/v1/schedules`: create, list, read, replace, change, delete and run report schedules. */
export function scheduleRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const denied = requireScope(c, 'schedules:write');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const body = await jsonBody(c);
    if (!body.ok) return body.response;
    assertDeploymentAllows(body.body, deploymentPolicy(deps), createScheduleBodySchema, 'report');
    const schedule = await createSchedule(deps, { actor: actor(c), body: body.body });
    const out = view(c, deps, schedule);
    c.header('location', out.links.self);
    return c.json(out, 201);
  });

  // Registered before `/:id`: `preview` is no schedule id.
  app.post('/preview', async (c) => {
    const denied = requireScope(c, 'schedules:read');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const body = await jsonBody(c);
    if (!body.ok) return body.response;
    return c.json(previewSchedule(deps, { body: body.body, locale: preferredLocale(c.req.header('accept-language')) }));
  });

  app.get('/', async (c) => {
    const denied = requireScope(c, 'schedules:read');
    if (denied) return denied;
    const query = parseQuery(c, listSchedulesQuerySchema);
    const page = await listPage((cursor) => listSchedules(deps, { actor: actor(c), limit: query.limit, cursor }), query.cursor);
    return c.json({
      items: page.items.map((s) => withLinks(c, s)),
      nextCursor: page.nextCursor,
      links: { next: nextLink(c, '/v1/schedules', page.nextCursor) },
    });
  });

  app.get('/:id', async (c) => {
    const denied = requireScope(c, 'schedules:read');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const id = scheduleId(c);
    return c.json(withLinks(c, await getSchedule(deps, { actor: actor(c), id })));
  });

  // PUT replaces (fields it leaves out are cleared), PATCH changes only the fields it names.
  const update =
    (toPatch: (body: unknown) => unknown, schema: typeof createScheduleBodySchema | typeof updateScheduleBodySchema) => async (c: Context<AppEnv>) => {
      const denied = requireScope(c, 'schedules:write');
      if (denied) return denied;
      parseQuery(c, noQuerySchema);
      const id = scheduleId(c);
      const body = await jsonBody(c);
      if (!body.ok) return body.response;
      assertDeploymentAllows(body.body, deploymentPolicy(deps), schema, 'report');
      const schedule = await updateSchedule(deps, { actor: actor(c), id, body: toPatch(body.body) });
      return c.json(view(c, deps, schedule));
    };
  app.put('/:id', update(replacementPatch, createScheduleBodySchema));
  app.patch(
    '/:id',
    update((body) => body, updateScheduleBodySchema),
  );

  app.delete('/:id', async (c) => {
    const denied = requireScope(c, 'schedules:write');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const id = scheduleId(c);
    await deleteSchedule(deps, { actor: actor(c), id });
    return c.body(null, 204);
  });

  app.post('/:id/run', async (c) => {
    const denied = requireScope(c, 'schedules:write');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    const id = scheduleId(c);
    const fired = await runScheduleNow(deps, { actor: actor(c), id });
    // The worker records the run under an id derived from schedule and fire time, so it is known now.
    const runId = scheduledRunId(fired.scheduleId, fired.scheduledTime);
    const report = `${c.get('baseUrl')}/v1/reports/${runId}`;
    c.header('location', report);
    return c.json(
      {
        scheduleId: fired.scheduleId,
        scheduledTime: fired.scheduledTime,
        runId,
        links: { report, schedule: `${c.get('baseUrl')}/v1/schedules/${fired.scheduleId}` },
      },
      202,
    );
  });

  return app;
}
