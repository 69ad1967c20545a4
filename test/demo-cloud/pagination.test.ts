import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { allPages, call, login } from './helpers';

const ids = (items: { id?: string; instance_id?: string }[]): string[] => items.map((i) => i.id ?? i.instance_id!);

describe('demo cloud pagination', () => {
  let cloud: DemoCloud;
  let token: string;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 2500, projects: 6, maxLimit: 1000, now: new Date('2025-06-01T00:00:00Z') });
    token = (await login(cloud, 'admin')).token;
  });
  afterAll(() => cloud.close());

  it('splits 2500 servers into three Nova pages linked by servers_links', async () => {
    // Act
    const pages = await allPages(cloud, token, '/compute/v2.1/servers/detail?all_tenants=1', 'servers');

    // Assess
    expect(pages.map((p) => p.body.servers.length)).toEqual([1000, 1000, 500]);
    const seen = pages.flatMap((p) => ids(p.body.servers));
    expect(new Set(seen).size).toBe(2500);
    expect(new Set(seen)).toEqual(new Set(cloud.data.servers.filter((s) => !s.deleted).map((s) => s.id)));
    expect(pages[0].body.servers_links[0].href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/compute\/v2\.1\/servers\/detail\?all_tenants=1&marker=[0-9a-f-]{36}$/);
    expect(pages[2].body.servers_links).toBeUndefined();
  });

  it('keeps the caller’s filters in Nova next links', async () => {
    const pages = await allPages(cloud, token, '/compute/v2.1/servers/detail?all_tenants=1&status=ACTIVE&limit=300', 'servers');

    const servers = pages.flatMap((p) => p.body.servers);
    expect(servers.every((s: { status: string }) => s.status === 'ACTIVE')).toBe(true);
    expect(servers).toHaveLength(cloud.data.servers.filter((s) => s.status === 'ACTIVE').length);
    // Nova sorts the parameters and appends the marker.
    expect(pages[0].body.servers_links[0].href).toMatch(/\/servers\/detail\?all_tenants=1&limit=300&status=ACTIVE&marker=[0-9a-f-]{36}$/);
  });

  it('rejects an unknown Nova marker with 400', async () => {
    const reply = await call(cloud, '/compute/v2.1/servers/detail?marker=00000000-0000-4000-8000-000000000000', { token });

    expect(reply.status).toBe(400);
    expect(reply.body.badRequest.message).toBe('marker [00000000-0000-4000-8000-000000000000] not found');
  });

  it('pages Cinder volumes through volumes_links', async () => {
    const pages = await allPages(cloud, token, `/volume/v3/${cloud.data.projects[0].id}/volumes/detail?all_tenants=1&limit=200`, 'volumes');

    const seen = pages.flatMap((p) => ids(p.body.volumes));
    expect(seen).toHaveLength(cloud.data.volumes.length);
    expect(new Set(seen).size).toBe(cloud.data.volumes.length);
    expect(pages.at(-1)!.body.volumes_links).toBeUndefined();
  });

  it('pages Neutron ports with next and previous links', async () => {
    const pages = await allPages(cloud, token, '/network/v2.0/ports?limit=700', 'ports');

    const seen = pages.flatMap((p) => ids(p.body.ports));
    expect(new Set(seen)).toEqual(new Set(cloud.data.ports.map((p) => p.id)));
    expect(seen).toHaveLength(cloud.data.ports.length);
    const rels = (i: number): string[] => pages[i].body.ports_links.map((l: { rel: string }) => l.rel);
    expect(rels(0)).toEqual(['next', 'previous']);
    expect(rels(pages.length - 1)).toEqual(['previous']);
  });

  it('walks back a Neutron page with page_reverse', async () => {
    const first = await call(cloud, '/network/v2.0/floatingips?limit=10', { token });
    const second = await call(cloud, first.body.floatingips_links.find((l: { rel: string }) => l.rel === 'next').href, { token });

    const back = await call(cloud, second.body.floatingips_links.find((l: { rel: string }) => l.rel === 'previous').href, { token });

    expect(back.body.floatingips.map((f: { id: string }) => f.id)).toEqual(first.body.floatingips.map((f: { id: string }) => f.id));
  });

  it('pages Glance images with a relative next link', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/v2/images?limit=4';
    while (next) {
      const page = await call(cloud, `/image${next}`, { token });
      seen.push(...ids(page.body.images));
      expect(page.body.first).toBe('/v2/images?limit=4');
      next = page.body.next;
      if (next) expect(next).toMatch(/^\/v2\/images\?limit=4&marker=/);
    }

    expect(new Set(seen)).toEqual(new Set(cloud.data.images.filter((i) => !i.deleted && i.visibility !== 'community').map((i) => i.id)));
  });

  it('pages os-simple-tenant-usage by instance, splitting a tenant across pages', async () => {
    // Arrange
    const headers = { 'OpenStack-API-Version': 'compute 2.40' };
    const query = 'start=2025-01-01T00:00:00&end=2025-06-01T00:00:00&detailed=1&limit=400';

    // Act
    const pages = await allPages(cloud, token, `/compute/v2.1/os-simple-tenant-usage?${query}`, 'tenant_usages', headers);

    // Assess
    const start = Date.parse('2025-01-01T00:00:00Z');
    const stop = Date.parse('2025-06-01T00:00:00Z');
    const expected = cloud.data.servers.filter((s) => s.launchedMs !== null && s.launchedMs < stop && (s.terminatedMs === null || s.terminatedMs > start));
    const usages = pages.flatMap((p) => p.body.tenant_usages);
    const instances = usages.flatMap((u: { server_usages: { instance_id: string }[] }) => u.server_usages);
    expect(new Set(ids(instances))).toEqual(new Set(expected.map((s) => s.id)));
    expect(instances).toHaveLength(expected.length);
    const tenantsPerPage = pages.map((p) => p.body.tenant_usages.map((u: { tenant_id: string }) => u.tenant_id));
    const split = tenantsPerPage.some((tenants, i) => i > 0 && tenants[0] === tenantsPerPage[i - 1].at(-1));
    expect(split).toBe(true);
    expect(pages[0].body.tenant_usages_links[0].href).toContain('marker=');
  });

  it('silently stops at max_limit instances before microversion 2.40, like Nova', async () => {
    const reply = await call(cloud, '/compute/v2.1/os-simple-tenant-usage?start=2024-01-01T00:00:00&end=2025-06-01T00:00:00&detailed=1', { token });

    const instances = reply.body.tenant_usages.flatMap((u: { server_usages: unknown[] }) => u.server_usages);
    expect(instances).toHaveLength(1000);
    expect(reply.body.tenant_usages_links).toBeUndefined();
  });
});
