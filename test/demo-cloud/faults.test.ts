import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login } from './helpers';

describe('demo cloud fault injection', () => {
  let cloud: DemoCloud;
  let token: string;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 20, seed: 7 });
    token = (await login(cloud, 'admin')).token;
  });
  afterEach(() => cloud.setFaults({}));
  afterAll(() => cloud.close());

  it('delays every response by latencyMs', async () => {
    cloud.setFaults({ latencyMs: 150 });

    const started = performance.now();
    const reply = await call(cloud, '/compute/v2.1/servers', { token });

    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 500 or 503 in each service’s format when errorRate is 1', async () => {
    cloud.setFaults({ errorRate: 1 });

    const nova = await call(cloud, '/compute/v2.1/servers', { token });
    const keystone = await call(cloud, '/identity/v3/projects', { token });
    const neutron = await call(cloud, '/network/v2.0/ports', { token });

    expect([500, 503]).toContain(nova.status);
    expect(Object.keys(nova.body)).toEqual([nova.status === 500 ? 'computeFault' : 'serviceUnavailable']);
    expect(keystone.body.error.code).toBe(keystone.status);
    expect(neutron.body.NeutronError.type).toMatch(/^HTTP(InternalServerError|ServiceUnavailable)$/);
  });

  it('fails the same share of requests for the same seed', async () => {
    // Arrange
    const statuses = async (c: DemoCloud): Promise<number[]> => {
      const t = (await login(c, 'admin')).token;
      c.setFaults({ errorRate: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 60; i++) out.push((await call(c, '/compute/v2.1/flavors', { token: t })).status);
      return out;
    };
    const twin = await startDemoCloud({ servers: 20, seed: 7 });

    // Act
    const a = await statuses(twin);
    await twin.close();
    const again = await startDemoCloud({ servers: 20, seed: 7 });
    const b = await statuses(again);
    await again.close();

    // Assess
    expect(a).toEqual(b);
    const failed = a.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it('answers 429 with Retry-After, even 0', async () => {
    cloud.setFaults({ rateLimitRate: 1, retryAfterSeconds: 0 });

    const reply = await call(cloud, '/compute/v2.1/servers', { token });

    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('0');
    expect(reply.body.overLimit).toMatchObject({ code: 429, retryAfter: '0' });
  });

  it('revokes a token after N requests; a new token works again', async () => {
    // Arrange
    cloud.setFaults({ revokeTokensAfterRequests: 3 });
    const { token: fresh } = await login(cloud, 'admin');

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(cloud, '/compute/v2.1/servers', { token: fresh })).status);
    const { token: renewed } = await login(cloud, 'admin');
    const afterRenewal = await call(cloud, '/compute/v2.1/servers', { token: renewed });

    // Assess
    expect(statuses).toEqual([200, 200, 200, 401]);
    expect(afterRenewal.status).toBe(200);
  });

  it('always fails requests matching failPathPattern', async () => {
    cloud.setFaults({ failPathPattern: 'servers/detail\\?.*all_tenants' });

    const failing = await call(cloud, '/compute/v2.1/servers/detail?all_tenants=1', { token });
    const other = await call(cloud, '/compute/v2.1/servers/detail', { token });

    expect(failing.status).toBe(500);
    expect(failing.body.computeFault.code).toBe(500);
    expect(other.status).toBe(200);
  });

  it('takes faults at start too', async () => {
    const faulty = await startDemoCloud({ servers: 5, faults: { failPathPattern: '^/image/' } });
    const t = (await login(faulty, 'admin')).token;

    const reply = await call(faulty, '/image/v2/images', { token: t });
    await faulty.close();

    expect(reply.status).toBe(500);
  });

  it('counts requests by service and by status', async () => {
    cloud.resetStats();

    await call(cloud, '/compute/v2.1/servers', { token });
    await call(cloud, '/compute/v2.1/servers/nope', { token });
    await call(cloud, '/network/v2.0/ports', { token });

    expect(cloud.stats()).toEqual({ requests: 3, byService: { compute: 2, network: 1 }, byStatus: { '200': 2, '404': 1 } });
  });
});
