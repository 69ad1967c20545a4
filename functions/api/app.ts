import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { LambdaEvent } from 'hono/aws-lambda';
import type { Deps } from '../core/deps';
import { AppError, ValidationError } from '../core/errors';
import type { Authenticate, Caller } from './caller';
import { problem } from './problem';
import { healthRoutes, type HealthProbe } from './routes/health';
import { reportRoutes } from './routes/reports';

export interface ApiDeps extends Deps {
  authenticate: Authenticate;
  health: HealthProbe[];
  /** Largest accepted request body. */
  maxBodyBytes?: number;
}

export type AppEnv = { Variables: { caller: Caller }; Bindings: { event?: LambdaEvent } };

/** The HTTP API: the same app serves API Gateway (through hono/aws-lambda) and Node locally. */
export function createApp(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (error instanceof ValidationError) return problem(c, 400, 'validation-failed', error.message, { errors: error.issues });
    if (error instanceof AppError && error.code === 'not_found') return problem(c, 404, 'not-found', error.message);
    if (error instanceof AppError && error.code === 'conflict') return problem(c, 409, 'conflict', error.message);
    if (error instanceof AppError && error.retryable) return problem(c, 503, error.code, error.message);
    deps.logger.error('unhandled API error', { error, path: c.req.path, method: c.req.method });
    return problem(c, 500, 'internal-error', 'Something went wrong on our side; the error was logged.');
  });
  app.notFound((c) => problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}.`));

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes ?? 256 * 1024,
      onError: (c) => problem(c, 413, 'body-too-large', `The body may be at most ${deps.maxBodyBytes ?? 256 * 1024} bytes.`),
    }),
  );

  app.route('/v1', healthRoutes(deps.health));

  app.use('/v1/*', async (c, next) => {
    const claims = verifiedClaims(c);
    const result = await deps.authenticate({ authorization: c.req.header('authorization'), verifiedClaims: claims });
    if (!result.ok) {
      c.header('www-authenticate', 'Bearer');
      return problem(c, 401, 'unauthorized', result.reason);
    }
    c.set('caller', result.caller);
    await next();
  });

  app.route('/v1/reports', reportRoutes(deps));
  return app;
}

function verifiedClaims(c: Context<AppEnv>): Record<string, unknown> | undefined {
  const context = c.env?.event?.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } | undefined;
  return context?.authorizer?.jwt?.claims;
}

/** 403 unless the caller has the scope (or admin). */
export function requireScope(c: Context<AppEnv>, scope: string): Response | undefined {
  const caller = c.get('caller');
  if (caller.admin || caller.scopes.has(scope)) return undefined;
  return problem(c, 403, 'forbidden', `This needs the "${scope}" scope.`);
}

/** 415 unless the body is JSON; otherwise the parsed body, or a 400 for malformed JSON. */
export async function jsonBody(c: Context<AppEnv>): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return { ok: false, response: problem(c, 415, 'unsupported-media-type', 'Send the body as application/json.') };
  }
  try {
    return { ok: true, body: await c.req.json() };
  } catch {
    return { ok: false, response: problem(c, 400, 'malformed-json', 'The body is not valid JSON.', { errors: [{ path: '(body)', message: 'is not valid JSON' }] }) };
  }
}

/** The external base URL of the API (for links). */
export function baseUrl(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const host = c.req.header('x-forwarded-host') ?? url.host;
  const proto = c.req.header('x-forwarded-proto') ?? url.protocol.replace(':', '');
  return `${proto}://${host}`;
}
