import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login } from './helpers';

// Only that it starts and pages work: timing is the benchmark's job, not a test's.
describe('demo cloud at 50k servers and 500 projects', () => {
  let cloud: DemoCloud;
  let token: string;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 50_000, projects: 500 });
    token = (await login(cloud, 'admin')).token;
  });
  afterAll(() => cloud.close());

  it('generates the requested counts', () => {
    expect(cloud.data.projects).toHaveLength(500);
    expect(cloud.data.servers.filter((s) => !s.deleted)).toHaveLength(50_000);
  });

  it('serves the first pages and the last one by marker', async () => {
    // Arrange
    const newestFirst = cloud.data.servers.filter((s) => !s.deleted).sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));

    // Act
    const first = await call(cloud, '/compute/v2.1/servers/detail?all_tenants=1', { token });
    const second = await call(cloud, first.body.servers_links[0].href, { token });
    const last = await call(cloud, `/compute/v2.1/servers/detail?all_tenants=1&marker=${newestFirst[49_499].id}`, { token });

    // Assess
    expect(first.body.servers).toHaveLength(1000);
    expect(second.body.servers).toHaveLength(1000);
    expect(second.body.servers[0].id).toBe(newestFirst[1000].id);
    expect(last.body.servers.map((s: { id: string }) => s.id)).toEqual(newestFirst.slice(49_500).map((s) => s.id));
    expect(last.body.servers_links).toBeUndefined();
  });

  it('serves a member project’s servers and a usage page', async () => {
    const member = (await login(cloud, 'member')).token;

    const servers = await call(cloud, '/compute/v2.1/servers/detail', { token: member });
    const usage = await call(cloud, '/compute/v2.1/os-simple-tenant-usage?start=2020-01-01T00:00:00&detailed=1&limit=1000', {
      token,
      headers: { 'OpenStack-API-Version': 'compute 2.40' },
    });

    expect(servers.status).toBe(200);
    expect(servers.body.servers.length).toBeGreaterThan(0);
    expect(usage.body.tenant_usages_links[0].rel).toBe('next');
  });
});
