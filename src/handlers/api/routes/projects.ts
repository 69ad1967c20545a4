import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { ApiDeps } from '../deps';
import { problem } from '../problem';

/** `/v1/projects`: the projects of the configured cloud (being built; the OpenAPI document describes the answer). */
export function projectRoutes(_deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => problem(c, 501, 'not-implemented', 'The project list is not available yet.'));
  return app;
}
