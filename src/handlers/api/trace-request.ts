import type { MiddlewareHandler } from 'hono';
import type { Tracer } from '../../domain/ports';
import type { AppEnv } from './app-env';

/**
 * A server span per request, named by method and route (`POST /v1/reports`, never the ids in the
 * path): the root of a report's trace, which the queue message carries on to the worker.
 */
export function traceRequests(tracer: Tracer): MiddlewareHandler<AppEnv> {
  return (c, next) =>
    tracer.span(c.req.method, { kind: 'server', attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path } }, async (span) => {
      await next();
      const route = c.req.routePath;
      if (route && route !== '*' && route !== '/*') {
        span.setName(`${c.req.method} ${route}`);
        span.setAttributes({ 'http.route': route });
      }
      span.setAttributes({ 'http.response.status_code': c.res.status });
    });
}
