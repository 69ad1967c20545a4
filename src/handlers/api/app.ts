import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv } from './app-env';
import { authenticateRequest, isAdminRequest } from './authenticate-request';
import { externalBaseUrl } from './base-url';
import { errorResponse } from './error-response';
import { problem } from './problem';
import { requestIdentity, requestIdHeader } from './request-id';
import { routeTable, type RouteTable } from './route-table';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { projectRoutes } from './routes/projects';
import { reportRoutes } from './routes/reports';
import { scheduleRoutes } from './routes/schedules';
import { statsRoutes } from './routes/stats';
import { traceRequests } from './trace-request';

import type { ApiDeps } from './deps';

export type { AppEnv } from './app-env';
export type { ApiDeps, ApiSettings } from './deps';

/** Default largest request body: a report spec is a few kilobytes; 256 KiB leaves room for a big price list. */
export const defaultMaxBodyBytes = 256 * 1024;

/** The HTTP API: the same app serves API Gateway (through hono/aws-lambda) and Node locally. */
export function createApp(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const maxBodyBytes = deps.settings.maxBodyBytes ?? defaultMaxBodyBytes;
  // Built on first use: by then every route below is registered.
  let table: RouteTable | undefined;
  const routes = () => (table ??= routeTable(app.routes));

  // First of all, so every answer (errors and 404s included) and every line logged for it carry the id.
  app.use('*', requestIdentity(deps));
  if (deps.tracer) app.use('*', traceRequests(deps.tracer));
  app.onError(errorResponse(deps.logger));
  app.notFound((c) => {
    const allowed = routes().allowed(c.req.path);
    if (allowed.length === 0) return problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}.`);
    c.header('allow', allowed.join(', '));
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    return problem(c, 405, 'method-not-allowed', `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}.`);
  });

  if (deps.settings.corsOrigins?.length) {
    app.use(
      '*',
      cors({
        origin: deps.settings.corsOrigins,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        exposeHeaders: ['location', 'retry-after', 'idempotent-replayed', requestIdHeader],
        maxAge: 3600,
      }),
    );
  }

  app.use('*', async (c, next) => {
    c.set('baseUrl', externalBaseUrl(c.req.url, deps.settings.publicBaseUrl));
    await next();
  });
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => {
        // The rest of the body is not read; a client must not send its next request on this connection.
        c.header('connection', 'close');
        return problem(c, 413, 'body-too-large', `The body may be at most ${maxBodyBytes} bytes.`, { limit: maxBodyBytes });
      },
    }),
  );

  // Public: registered before authentication, so their handlers answer first.
  app.route('/v1', healthRoutes(deps.health, isAdminRequest(deps.authenticate), deps.logger));
  app.route('/v1', docsRoutes({ swaggerUiDir: deps.settings.swaggerUiDir, maxBodyBytes }));

  app.use(
    '/v1/*',
    authenticateRequest(deps.authenticate, (method, path) => routes().matches(method, path)),
  );
  app.route('/v1/reports', reportRoutes(deps));
  app.route('/v1/schedules', scheduleRoutes(deps));
  app.route('/v1/stats', statsRoutes(deps));
  app.route('/v1/projects', projectRoutes(deps));
  return app;
}
