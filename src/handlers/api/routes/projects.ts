import { Hono } from 'hono';
import { describeError, isKnownError } from '../../../domain/errors';
import { listProjects } from '../../../use-cases/list-projects';
import type { AppEnv } from '../app-env';
import type { ApiDeps } from '../deps';
import { problem } from '../problem';
import { parseQuery } from '../query';
import { noQuerySchema } from '../query-schemas';
import { requireScope } from '../scope';

/** `/v1/projects`: the projects of the configured cloud, for a report's `scope.projectNames`. */
export function projectRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const denied = requireScope(c, 'reports:write');
    if (denied) return denied;
    parseQuery(c, noQuerySchema);
    try {
      return c.json({ items: await listProjects(deps) });
    } catch (error) {
      // A refusal the cloud will repeat (credentials, permissions) is the deployment's to fix, not the
      // caller's: 502 with the cloud's own message (it names the request, never a credential). A
      // transient error goes on to the usual 503; anything unknown to the usual logged 500.
      if (!isKnownError(error) || error.retryable) throw error;
      deps.logger.warn('the cloud refused to list projects', { error, path: c.req.path });
      return problem(c, 502, 'cloud-error', `The OpenStack cloud refused the request: ${describeError(error)}`);
    }
  });
  return app;
}
