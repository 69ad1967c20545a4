import { Hono, type Context } from 'hono';
import type { Ports } from '../../../domain/deps';
import type { Logger } from '../../../domain/ports';
import type { AppEnv } from '../app-env';

/** The checks of `/v1/health`: storage, queue, and a Keystone authentication. */
export function healthProbes(deps: Pick<Ports, 'artifacts' | 'queue' | 'inventory'>): HealthProbe[] {
  return [
    { name: 'storage', check: () => deps.artifacts.ping() },
    { name: 'queue', check: () => deps.queue.ping() },
    { name: 'openstack', check: async () => (await deps.inventory()).checkAuth() },
  ];
}

/** One dependency the health route checks. */
export interface HealthProbe {
  name: string;
  check: () => Promise<void>;
}

/** The optional caller check of `/health`: whether the request carries a valid token with the `admin` scope. */
export type IsAdminRequest = (c: Context<AppEnv>) => Promise<boolean>;

/**
 * `GET /health` (no auth): the overall status and each dependency's status, ok or down; 503 when
 * any is down. Latency and error messages (a Keystone URL, an authentication failure) only to a
 * caller with a valid `admin` token; everyone else gets the statuses alone, and a down
 * dependency's error is logged. An absent or invalid token is not an error here.
 */
export function healthRoutes(probes: HealthProbe[], isAdmin: IsAdminRequest, logger?: Pick<Logger, 'warn'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const [checks, admin] = await Promise.all([
      Promise.all(
        probes.map(async (p) => {
          const t0 = performance.now();
          try {
            await Promise.race([p.check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 5 s')), 5000).unref())]);
            return { name: p.name, status: 'ok' as const, latencyMs: Math.round(performance.now() - t0) };
          } catch (error) {
            // Only the error's message: a probe's error never carries credentials.
            return { name: p.name, status: 'down' as const, latencyMs: Math.round(performance.now() - t0), error: (error as Error).message };
          }
        }),
      ),
      isAdmin(c).catch(() => false),
    ]);
    for (const check of checks) if (check.error) logger?.warn('health check failed', { check: check.name, error: check.error, latencyMs: check.latencyMs });
    const ok = checks.every((x) => x.status === 'ok');
    const shown = checks.map(({ name, ...detail }) => [name, admin ? detail : { status: detail.status }] as const);
    // Never cached: the answer depends on the token, and a shared cache must not keep an admin's.
    c.header('cache-control', 'no-store');
    c.header('vary', 'authorization');
    return c.json({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(shown) }, ok ? 200 : 503);
  });
  return app;
}
