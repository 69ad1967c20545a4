import { Hono } from 'hono';
import { getRunStatistics, type StatisticsScope } from '../../../use-cases/get-run-statistics';
import type { AppEnv } from '../app-env';
import type { ApiDeps } from '../deps';
import { problem } from '../problem';
import { parseQuery } from '../query';
import { statsQuerySchema } from '../query-schemas';
import { requireScope } from '../scope';

/** `/v1/stats`: run statistics of the last 7 or 30 days, the caller's own or (admins) any owner's. */
export function statsRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const denied = requireScope(c, 'reports:read');
    if (denied) return denied;
    const query = parseQuery(c, statsQuerySchema);
    const caller = c.get('caller');
    let who: StatisticsScope;
    if (caller.admin) who = query.owner === undefined ? { scope: 'all' } : { scope: 'owner', owner: query.owner };
    else if (query.owner === undefined || query.owner === caller.owner) who = { scope: 'own', owner: caller.owner };
    else return problem(c, 403, 'forbidden', 'Only an admin may ask for another owner’s statistics.', { requiredScope: 'admin' });
    const stats = await getRunStatistics(deps, { days: query.days === '30' ? 30 : 7, who });
    c.header('cache-control', 'no-store');
    return c.json(stats);
  });
  return app;
}
