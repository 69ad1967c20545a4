import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { ApiDeps } from '../deps';
import { problem } from '../problem';

/** `/v1/stats`: run statistics (being built; the OpenAPI document describes the answer). */
export function statsRoutes(_deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => problem(c, 501, 'not-implemented', 'Statistics are not available yet.'));
  return app;
}
