import type { Ports } from '../../../domain/deps';
import { Hono } from 'hono';

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

/** `GET /health` (no auth): each dependency's status and latency; 503 when any is down. */
export function healthRoutes(probes: HealthProbe[]): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    const checks = await Promise.all(
      probes.map(async (p) => {
        const t0 = performance.now();
        try {
          await Promise.race([p.check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 5 s')), 5000).unref())]);
          return { name: p.name, status: 'ok' as const, latencyMs: Math.round(performance.now() - t0) };
        } catch (error) {
          // Only the error's class and message: a probe's error never carries credentials.
          return { name: p.name, status: 'down' as const, latencyMs: Math.round(performance.now() - t0), error: (error as Error).message };
        }
      }),
    );
    const ok = checks.every((x) => x.status === 'ok');
    return c.json({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(checks.map(({ name, ...rest }) => [name, rest])) }, ok ? 200 : 503);
  });
  return app;
}
