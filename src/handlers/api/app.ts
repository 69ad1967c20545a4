import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { InMemoryIdempotencyStore } from '../../adapters/memory/memory-idempotency-store';
import type { Deps } from '../../domain/deps';
import type { IdempotencyStore } from '../../domain/idempotency';
import type { ScheduleDeps } from '../../domain/schedules/deps';
import type { AppEnv } from './app-env';
import { authenticateRequest } from './authenticate-request';
import { externalBaseUrl } from './base-url';
import type { Authenticate } from './caller';
import { errorResponse } from './error-response';
import { problem } from './problem';
import { routeTable, type RouteTable } from './route-table';
import { docsRoutes } from './routes/docs';
import { healthRoutes, type HealthProbe } from './routes/health';
import { reportRoutes } from './routes/reports';
import { scheduleRoutes } from './routes/schedules';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';

export type { AppEnv } from './app-env';

/** Default largest request body: a report spec is a few kilobytes; 256 KiB leaves room for a big price list. */
export const defaultMaxBodyBytes = 256 * 1024;

/** What the API needs on top of the use cases' `Deps`. */
export interface ApiDeps extends Deps {
  authenticate: Authenticate;
  health: HealthProbe[];
  /** Largest accepted request body (default 256 KiB); larger ones are answered 413. */
  maxBodyBytes?: number;
  /**
   * Remembers `Idempotency-Key`s of `POST /v1/reports` for 24 h. Defaults to process memory, which
   * is right for the single-process local runtime only: on AWS, give the DynamoDB store.
   */
  idempotency?: IdempotencyStore;
  /** The schedules unit; without it the `/v1/schedules` routes answer 501. Read per request. */
  schedules?: ScheduleDeps;
  /** Which webhook URLs requests may name; every URL by default (local). */
  webhookPolicy?: WebhookPolicy;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins?: string[];
  /** The URL clients reach the API at (links in responses, the OpenAPI `servers`); default: the request's origin. */
  publicBaseUrl?: string;
  /** Folder holding swagger-ui-dist's files; default: the installed package. */
  swaggerUiDir?: string;
}

/** The HTTP API: the same app serves API Gateway (through hono/aws-lambda) and Node locally. */
export function createApp(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const maxBodyBytes = deps.maxBodyBytes ?? defaultMaxBodyBytes;
  const idempotency = deps.idempotency ?? new InMemoryIdempotencyStore();
  // Built on first use: by then every route below is registered.
  let table: RouteTable | undefined;
  const routes = () => (table ??= routeTable(app.routes));

  app.onError(errorResponse(deps.logger));
  app.notFound((c) => {
    const allowed = routes().allowed(c.req.path);
    if (allowed.length === 0) return problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}.`);
    c.header('allow', allowed.join(', '));
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    return problem(c, 405, 'method-not-allowed', `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}.`);
  });

  if (deps.corsOrigins?.length) {
    app.use(
      '*',
      cors({
        origin: deps.corsOrigins,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        exposeHeaders: ['location', 'retry-after', 'idempotent-replayed'],
        maxAge: 3600,
      }),
    );
  }

  app.use('*', async (c, next) => {
    c.set('baseUrl', externalBaseUrl(c.req.url, deps.publicBaseUrl));
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
  app.route('/v1', healthRoutes(deps.health));
  app.route('/v1', docsRoutes({ swaggerUiDir: deps.swaggerUiDir, maxBodyBytes }));

  app.use('/v1/*', authenticateRequest(deps.authenticate, (method, path) => routes().matches(method, path)));
  app.route('/v1/reports', reportRoutes(deps, idempotency));
  app.route('/v1/schedules', scheduleRoutes(deps));
  return app;
}
