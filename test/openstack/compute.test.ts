import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { negotiateMicroversion } from '../../src/adapters/openstack/compute/microversion';
import { OpenStackHttpError } from '../../src/adapters/openstack/errors/openstack-http-error';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { fakeKeystone } from './helpers/fake-keystone';
import { FixtureServer } from './helpers/fixture-server';
import { sample, sampleAt } from './helpers/samples';
import { fixtureClient, rejection } from './helpers/test-client';

const DOC_HOST = 'http://openstack.example.com';
const versionDoc = (max: string, min = '2.1') => ({ version: { id: 'v2.1', status: 'CURRENT', version: max, min_version: min, links: [] } });

/** A 2.1-style server (flavor by reference) in project `project`. */
function server(id: string, project: string, flavorId: string) {
  const [template] = sample<{ servers: Record<string, unknown>[] }>('nova/servers-details-resp.v2.1.json').servers;
  return { ...template, id, name: `vm-${id}`, tenant_id: project, flavor: { id: flavorId, links: [] } };
}

describe('compute microversions', () => {
  it.each([
    ['2.104', '2.1', '2.100'],
    ['2.100', '2.1', '2.100'],
    ['2.38', '2.1', '2.38'],
    ['', '', undefined],
    [undefined, undefined, undefined],
  ])('server max %s (min %s) → asks for %s', (max, min, expected) => {
    expect(negotiateMicroversion(min, max)).toBe(expected);
  });

  let fixture: FixtureServer;
  beforeEach(async () => {
    fixture = await FixtureServer.start();
    fakeKeystone(fixture);
  });
  afterEach(() => fixture.close());

  it('asks the versioned root without the project id and sends both microversion headers', async () => {
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.38') });
    fixture.on('GET', '/compute/v2.1/abc/limits', { json: { limits: { absolute: {} } } });
    const client = fixtureClient(fixture.url, {}, { compute_endpoint_override: `${fixture.url}/compute/v2.1/abc` });
    const compute = await client.service('compute');
    await compute.request('GET', compute.url('limits'));
    const [call] = fixture.calls('/compute/v2.1/abc/limits');
    expect(call!.headers['openstack-api-version']).toBe('compute 2.38');
    expect(call!.headers['x-openstack-nova-api-version']).toBe('2.38');
    expect(await client.computeMicroversion()).toBe('2.38');
    expect(fixture.calls('/compute/v2.1/')).toHaveLength(1);
  });

  it('sends no microversion to a legacy endpoint', async () => {
    fixture.on('GET', '/compute/v2.1/', { json: sample('nova/versions-get-resp.json') });
    fixture.on('GET', '/compute/v2.1/', { json: { version: { id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '' } } });
    fixture.on('GET', '/compute/v2.1/limits', { json: { limits: { absolute: {} } } });
    const client = fixtureClient(fixture.url);
    const compute = await client.service('compute');
    await compute.request('GET', compute.url('limits'));
    expect(fixture.calls('/compute/v2.1/limits')[0]!.headers['openstack-api-version']).toBeUndefined();
  });
});

describe('listing servers', () => {
  let fixture: FixtureServer;
  beforeEach(async () => {
    fixture = await FixtureServer.start();
    fakeKeystone(fixture);
  });
  afterEach(() => fixture.close());

  it('looks flavors up once before 2.47 and marks a deleted flavor instead of failing', async () => {
    // Prepare: three servers on two pages; flavor 99 is gone from flavors/detail.
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.38') });
    fixture.on('GET', '/compute/v2.1/servers/detail', (req) =>
      req.query.get('marker') === null
        ? {
            json: {
              servers: [server('s1', 'p1', '1'), server('s2', 'p2', '99')],
              servers_links: [{ rel: 'next', href: '{base}/compute/v2.1/servers/detail?all_tenants=1&limit=2&marker=s2' }],
            },
          }
        : { json: { servers: [server('s3', 'p1', '1')] } },
    );
    fixture.on('GET', '/compute/v2.1/flavors/detail', { json: sampleAt('nova/flavors-detail-resp.v2.1.json', DOC_HOST, '{base}') });
    const source = new OpenStackInventorySource(fixtureClient(fixture.url));
    // Act
    const servers = await source.listServers({ kind: 'all' });
    await source.listServers({ kind: 'all' });
    // Assess
    expect(servers.map((s) => [s.id, s.flavor?.name])).toEqual([
      ['s1', 'm1.tiny'],
      ['s2', '(deleted flavor 99)'],
      ['s3', 'm1.tiny'],
    ]);
    expect(servers[1]!.flavor).toEqual({ id: '99', name: '(deleted flavor 99)', vcpus: 0, ramMb: 0, diskGb: 0, ephemeralGb: 0, swapMb: 0, deleted: true });
    expect(servers[0]).not.toHaveProperty('flavorRef');
    expect(fixture.calls('/compute/v2.1/flavors/detail')).toHaveLength(1);
    expect(fixture.calls('/compute/v2.1/flavors/detail')[0]!.query.get('is_public')).toBe('None');
  });

  it('follows next hrefs exactly, wherever they point, and stops on a repeated marker', async () => {
    // Prepare: page 1 links to an absolute URL under another prefix (kept verbatim, extra filter
    // included), page 2 to a relative href (resolved against the endpoint), page 3 back to
    // marker "a" (a server bug that must not loop).
    const flavor = sample<{ servers: { flavor: unknown }[] }>('nova/servers-details-resp.v2.47.json').servers[0]!.flavor;
    const page = (id: string, next?: string) => ({
      json: { servers: [{ ...server(id, 'p1', '1'), flavor }], ...(next ? { servers_links: [{ rel: 'next', href: next }] } : {}) },
    });
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.104') });
    fixture.on('GET', '/compute/v2.1/servers/detail', (req) =>
      req.query.get('marker') === 'b'
        ? page('c', '{base}/compute/v2.1/servers/detail?all_tenants=1&marker=a')
        : page('a', '{base}/proxied/v2.1/servers/detail?all_tenants=1&limit=1000&marker=a&status=ACTIVE'),
    );
    fixture.on('GET', '/proxied/v2.1/servers/detail', page('b', 'servers/detail?all_tenants=1&marker=b'));
    // Act
    const servers = await new OpenStackInventorySource(fixtureClient(fixture.url)).listServers({ kind: 'all' });
    // Assess
    expect(servers.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(fixture.requests.filter((r) => r.path.endsWith('servers/detail')).map((r) => r.url)).toEqual([
      '/compute/v2.1/servers/detail?all_tenants=1&limit=1000',
      '/proxied/v2.1/servers/detail?all_tenants=1&limit=1000&marker=a&status=ACTIVE',
      '/compute/v2.1/servers/detail?all_tenants=1&marker=b',
    ]);
    expect(servers.every((s) => s.flavor?.name === 'm1.tiny.specs')).toBe(true);
    expect(fixture.calls('/compute/v2.1/flavors/detail')).toHaveLength(0);
  });

  it('re-bases a next link that points at a host outside the cloud instead of sending the token there', async () => {
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.100') });
    fixture.on('GET', '/compute/v2.1/servers/detail', (req) =>
      req.query.get('marker') === 'z'
        ? { json: { servers: [] } }
        : {
            json: {
              servers: sample<{ servers: unknown[] }>('nova/servers-details-resp.v2.100.json').servers,
              servers_links: [{ rel: 'next', href: 'http://openstack.example.com/compute/v2.1/servers/detail?marker=z' }],
            },
          },
    );
    const servers = await new OpenStackInventorySource(fixtureClient(fixture.url)).listServers({ kind: 'all' });
    expect(servers).toHaveLength(1);
    expect(fixture.calls('/compute/v2.1/servers/detail').map((r) => r.query.get('marker'))).toEqual([null, 'z']);
  });

  it('keeps partial records from a down cell', async () => {
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.100') });
    const down = sample<{ servers: unknown[] }>('nova/servers-details-resp.down-cell.v2.69.json').servers;
    const full = sample<{ servers: unknown[] }>('nova/servers-details-resp.v2.100.json').servers;
    fixture.on('GET', '/compute/v2.1/servers/detail', { json: { servers: [...full, ...down] } });
    const servers = await new OpenStackInventorySource(fixtureClient(fixture.url)).listServers({ kind: 'all' });
    expect(servers.map((s) => [s.status, s.partial])).toEqual([
      ['ACTIVE', false],
      ['UNKNOWN', true],
    ]);
  });

  it('lists a few named projects with one filtered listing each, many with one all-projects listing', async () => {
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.100') });
    const [template] = sample<{ servers: Record<string, unknown>[] }>('nova/servers-details-resp.v2.100.json').servers;
    const all = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map((p, i) => ({ ...template, id: `s${i}`, tenant_id: p }));
    fixture.on('GET', '/compute/v2.1/servers/detail', (req) => {
      const project = req.query.get('project_id');
      return { json: { servers: project ? all.filter((s) => s.tenant_id === project) : all } };
    });
    const source = new OpenStackInventorySource(fixtureClient(fixture.url));

    const few = await source.listServers({ kind: 'projects', projectIds: ['p2', 'p5'] });
    expect(few.map((s) => s.projectId).sort()).toEqual(['p2', 'p5']);
    expect(fixture.calls('/compute/v2.1/servers/detail').map((r) => r.query.get('project_id'))).toEqual(['p2', 'p5']);

    fixture.requests.length = 0;
    const many = await source.listServers({ kind: 'projects', projectIds: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'] });
    expect(many).toHaveLength(6);
    expect(fixture.calls('/compute/v2.1/servers/detail')).toHaveLength(1);
    expect(fixture.calls('/compute/v2.1/servers/detail')[0]!.query.get('all_tenants')).toBe('1');
  });

  it('fails the whole listing when one page keeps failing', async () => {
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.100') });
    fixture.on('GET', '/compute/v2.1/servers/detail', (req) =>
      req.query.get('marker')
        ? { status: 500, headers: { 'x-openstack-request-id': 'req-page-2' }, json: { computeFault: { code: 500, message: 'Unexpected API Error.' } } }
        : {
            json: {
              ...sample<object>('nova/servers-details-resp.v2.100.json'),
              servers_links: [{ rel: 'next', href: '{base}/compute/v2.1/servers/detail?marker=m' }],
            },
          },
    );
    const error = await rejection<OpenStackHttpError>(new OpenStackInventorySource(fixtureClient(fixture.url, { maxRetries: 2 })).listServers({ kind: 'all' }));
    expect(error).toBeInstanceOf(OpenStackHttpError);
    expect(error.message).toContain('(request id req-page-2)');
    expect(fixture.calls('/compute/v2.1/servers/detail').filter((r) => r.query.get('marker'))).toHaveLength(3);
  });

  it("reads a member's own project without all_tenants", async () => {
    await fixture.close();
    fixture = await FixtureServer.start();
    fakeKeystone(fixture, { roles: ['member'], projectId: 'p-member' });
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.100') });
    fixture.on('GET', '/compute/v2.1/servers/detail', { json: { servers: sample<{ servers: unknown[] }>('nova/servers-details-resp.v2.100.json').servers } });
    fixture.on('GET', '/identity/v3/projects', { status: 403, json: { error: { code: 403, message: 'forbidden' } } });
    fixture.on('GET', '/identity/v3/auth/projects', { json: { projects: [{ id: 'p-member', name: 'mine', enabled: true }], links: { next: null } } });
    const servers = await new OpenStackInventorySource(
      fixtureClient(fixture.url, {}, { auth: { auth_url: `${fixture.url}/identity/v3`, application_credential_id: 'ac', application_credential_secret: 's' } }),
    ).listServers({ kind: 'all' });
    expect(servers).toHaveLength(1);
    expect(fixture.calls('/compute/v2.1/servers/detail')[0]!.query.get('all_tenants')).toBeNull();
  });
});

describe('usage', () => {
  let fixture: FixtureServer;
  beforeEach(async () => {
    fixture = await FixtureServer.start();
    fakeKeystone(fixture);
    fixture.on('GET', '/compute/v2.1/', { json: versionDoc('2.100') });
  });
  afterEach(() => fixture.close());

  const part = (tenant: string, instance: string, hours: number) => ({
    tenant_id: tenant,
    start: '2024-05-01T00:00:00',
    stop: '2024-06-01T00:00:00',
    total_hours: hours,
    total_vcpus_usage: hours * 2,
    total_memory_mb_usage: hours * 2048,
    total_local_gb_usage: hours * 20,
    server_usages: [
      {
        instance_id: instance,
        name: `vm-${instance}`,
        tenant_id: tenant,
        flavor: 'm1.small',
        vcpus: 2,
        memory_mb: 2048,
        local_gb: 20,
        hours,
        started_at: '2024-04-01T10:00:00.000000',
        ended_at: null,
        state: 'active',
      },
    ],
  });

  it('stitches a project split across pages by following tenant_usages_links', async () => {
    fixture.on('GET', '/compute/v2.1/os-simple-tenant-usage', (req) => {
      switch (req.query.get('marker')) {
        case null:
          return {
            json: {
              tenant_usages: [part('t1', 'i1', 10), part('t2', 'i2', 5)],
              tenant_usages_links: [
                {
                  rel: 'next',
                  href: `{base}/compute/v2.1/os-simple-tenant-usage?detailed=1&end=2024-06-01+00%3A00%3A00&limit=2&marker=i2&start=2024-05-01+00%3A00%3A00`,
                },
              ],
            },
          };
        default:
          return { json: { tenant_usages: [part('t2', 'i3', 7)] } };
      }
    });
    const usage = await new OpenStackInventorySource(fixtureClient(fixture.url)).getUsage(
      { kind: 'all' },
      { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-06-01T00:00:00Z') },
    );
    const first = fixture.calls('/compute/v2.1/os-simple-tenant-usage')[0]!;
    expect(Object.fromEntries(first.query)).toEqual({ start: '2024-05-01T00:00:00', end: '2024-06-01T00:00:00', detailed: '1', limit: '1000' });
    expect(fixture.calls('/compute/v2.1/os-simple-tenant-usage')[1]!.url).toContain('end=2024-06-01+00%3A00%3A00&limit=2&marker=i2');
    expect(usage).toHaveLength(2);
    expect(usage.find((u) => u.projectId === 't2')).toMatchObject({
      totalHours: 12,
      vcpuHours: 24,
      memoryMbHours: 12 * 2048,
      diskGbHours: 240,
      start: '2024-05-01T00:00:00.000Z',
      servers: [{ instanceId: 'i2', startedAt: '2024-04-01T10:00:00.000Z', endedAt: null }, { instanceId: 'i3' }],
    });
  });

  it('reads named projects with the per-project show (singular links) and skips empty ones', async () => {
    fixture.on('GET', /\/compute\/v2\.1\/os-simple-tenant-usage\/.+/, (req) =>
      req.path.endsWith('/empty')
        ? { json: { tenant_usage: {} } }
        : {
            json: sampleAt(
              'nova/simple-tenant-usage-get-specific.v2.40.json',
              'http://openstack.example.com/v2.1/6f70656e737461636b20342065766572/os-simple-tenant-usage/6f70656e737461636b20342065766572?',
              '{base}/compute/v2.1/os-simple-tenant-usage/p-last?',
            ),
          },
    );
    fixture.on('GET', '/compute/v2.1/os-simple-tenant-usage/p-last', { json: { tenant_usage: part('6f70656e737461636b20342065766572', 'i9', 2) } });
    const usage = await new OpenStackInventorySource(fixtureClient(fixture.url)).getUsage(
      { kind: 'projects', projectIds: ['6f70656e737461636b20342065766572', 'empty'] },
      { start: new Date('2012-10-08T00:00:00Z'), end: new Date('2012-10-09T00:00:00Z') },
    );
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ projectId: '6f70656e737461636b20342065766572', totalHours: 3 });
    expect(usage[0]!.servers.map((s) => s.instanceId)).toEqual(['1f1deceb-17b5-4c04-84c7-e0d4499c8fe0', 'i9']);
  });
});
