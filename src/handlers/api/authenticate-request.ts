import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import type { Authenticate } from '../../domain/caller';
import { problem } from './problem';

/**
 * Authenticates requests that reach a route; requests no route answers pass through untouched, so
 * they get their 404 or 405 rather than a 401. Claims API Gateway's JWT authorizer verified are read
 * from the Lambda event (AWS); locally the bearer token is verified in-process.
 */
export function authenticateRequest(authenticate: Authenticate, isRoute: (method: string, path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isRoute(c.req.method, c.req.path)) return next();
    const result = await authenticate({ authorization: c.req.header('authorization'), verifiedClaims: verifiedClaims(c) });
    if (!result.ok) {
      c.header('www-authenticate', 'Bearer');
      return problem(c, 401, 'unauthorized', `Authentication failed: ${result.reason}.`);
    }
    c.set('caller', result.caller);
    await next();
  };
}

/**
 * True when the request carries a valid token with the `admin` scope; never answers for the route.
 * For public routes that show more to an admin (health). On AWS the gateway verifies no token on a
 * public route, so there this is false: the details are in the logs instead.
 */
export function isAdminRequest(authenticate: Authenticate): (c: Context<AppEnv>) => Promise<boolean> {
  return async (c) => {
    if (!c.req.header('authorization') && !verifiedClaims(c)) return false;
    const result = await authenticate({ authorization: c.req.header('authorization'), verifiedClaims: verifiedClaims(c) });
    return result.ok && result.caller.admin;
  };
}

function verifiedClaims(c: Context<AppEnv>): Record<string, unknown> | undefined {
  const context = c.env?.event?.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } | undefined;
  return context?.authorizer?.jwt?.claims;
}
