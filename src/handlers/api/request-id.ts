import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../domain/ports';
import type { AppEnv } from './app-env';

/** Response header carrying the request's id: quote it when reporting a problem, operators find its log lines by it. */
export const requestIdHeader = 'x-request-id';

/**
 * Names each request: API Gateway's own request id on AWS (the one in its access log, so the access
 * log, the function's lines and the client's answer share it), a new one per request locally. The id
 * goes into `c.var.requestId` (problem+json's `requestId`), the `x-request-id` header of every answer,
 * and every line logged while the request is served. A client's own `x-request-id` is not taken: a
 * caller must not be able to make its lines look like another request's.
 */
export function requestIdentity(deps: { logger: Logger; newId: () => string }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = gatewayRequestId(c.env) ?? deps.newId();
    c.set('requestId', requestId);
    c.header(requestIdHeader, requestId);
    await (deps.logger.within ? deps.logger.within({ requestId }, next) : next());
    // Handlers that build their own Response (rather than through `c`) would lose the header set above.
    try {
      if (!c.res.headers.has(requestIdHeader)) c.res.headers.set(requestIdHeader, requestId);
    } catch {
      // Immutable headers (a Response.redirect): that answer goes without the header, its log lines still have the id.
    }
  };
}

function gatewayRequestId(env: AppEnv['Bindings'] | undefined): string | undefined {
  const id = (env?.event as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext?.requestId;
  return typeof id === 'string' && id ? id : undefined;
}
