import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeRequests, identityRequests } from '../../src/adapters/openstack/index';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { ADMIN_PROJECT, defaultCatalog, fakeKeystone } from './helpers/fake-keystone';
import { FixtureServer } from './helpers/fixture-server';
import { sample, sampleAt } from './helpers/samples';
import { fixtureClient } from './helpers/test-client';

describe('cinder, neutron, glance and keystone listings', () => {
  let fixture: FixtureServer;
  beforeEach(async () => {
    fixture = await FixtureServer.start();
  });
  afterEach(() => fixture.close());

  const source = (extra: Record<string, unknown> = {}) => new OpenStackInventorySource(fixtureClient(fixture.url, {}, extra));

  it('lists cinder volumes of all projects through volumes_links under the project-id endpoint', async () => {
    fakeKeystone(fixture);
    const base = `/volume/v3/${ADMIN_PROJECT}/volumes/detail`;
    fixture.on('GET', base, (req) =>
      req.query.get('marker')
        ? { json: sample('cinder/volumes-list-detailed-response.v3.69.json') }
        : {
            json: sampleAt(
              'cinder/volumes-list-detailed-response.v2-legacy.json',
              'https://158.69.65.111/volume/v2/4ad9f06ab8654e40befa59a2e7cac86d',
              `{base}/volume/v3/${ADMIN_PROJECT}`,
            ),
          },
    );
    const volumes = await source().listVolumes({ kind: 'all' });
    expect(volumes.map((v) => [v.id, v.projectId, v.bootable])).toEqual([
      ['6edbc2f4-1507-44f8-ac0d-eed1d2608d38', 'bab7d5c60cd041a0a36f7c4b6e1dd978', false],
      ['173f7b48-c4c1-4e70-9acc-086b39073506', 'bab7d5c60cd041a0a36f7c4b6e1dd978', true],
      ['cb49b381-9012-40cb-b8ee-80c19a4801b5', '89afd400-b646-4bbc-b12b-c0a4d63e5bd3', false],
    ]);
    expect(fixture.calls(base).map((r) => r.url)).toEqual([`${base}?all_tenants=1&limit=1000`, `${base}?limit=1&marker=3b451d5d-9358-4a7e-a746-c6fd8b0e1462`]);
  });

  it('lists snapshots with all_tenants', async () => {
    fakeKeystone(fixture);
    fixture.on('GET', `/volume/v3/${ADMIN_PROJECT}/snapshots/detail`, { json: sample('cinder/snapshots-list-detailed-response.v3.65.json') });
    const [snapshot] = await source().listSnapshots({ kind: 'all' });
    expect(snapshot).toEqual({
      id: 'd0083dc5-8795-4c1a-bc9c-74f70006c205',
      name: 'snap-001',
      volumeId: '7acd675e-4e06-4653-af9f-2ecd546342d6',
      projectId: '89afd400-b646-4bbc-b12b-c0a4d63e5bd3',
      sizeGb: 10,
      status: 'creating',
      createdAt: '2019-03-11T16:24:36.464Z',
    });
  });

  it('follows neutron next links (not previous) and filters named projects on the server', async () => {
    fakeKeystone(fixture);
    const fips = sample<{ floatingips: Record<string, unknown>[] }>('neutron/floating-ips-list-response.json').floatingips;
    fixture.on('GET', '/network/v2.0/floatingips', (req) =>
      req.query.get('marker')
        ? { json: { floatingips: fips.slice(2), floatingips_links: [{ rel: 'previous', href: '{base}/network/v2.0/floatingips?marker=x&page_reverse=True' }] } }
        : {
            json: {
              floatingips: fips.slice(0, 2),
              floatingips_links: [
                { rel: 'next', href: `{base}/network/v2.0/floatingips?limit=2&marker=${fips[1]!.id}&project_id=4969c491a3c74ee4af974e6d800c62de` },
              ],
            },
          },
    );
    const all = await source().listFloatingIps({ kind: 'projects', projectIds: ['4969c491a3c74ee4af974e6d800c62de'] });
    expect(all.map((f) => f.address)).toEqual(['172.24.4.228', '172.24.4.227', '172.24.4.42']);
    expect(fixture.calls('/network/v2.0/floatingips')[0]!.url).toBe('/network/v2.0/floatingips?project_id=4969c491a3c74ee4af974e6d800c62de&limit=1000');
    expect(fixture.calls('/network/v2.0/floatingips')).toHaveLength(2);
  });

  it('lists ports of every project in one listing for an admin', async () => {
    fakeKeystone(fixture);
    fixture.on('GET', '/network/v2.0/ports', { json: sample('neutron/ports-list-response.json') });
    const ports = await source().listPorts({ kind: 'all' });
    expect(ports.map((p) => [p.id, p.projectId])).toEqual([
      ['d80b1a3b-4fc1-49f3-952e-1e2ab7081d8b', ''],
      ['f71a6703-d6de-4be1-a91a-a570ede1d159', 'd397de8a63f341818f198abb0966f6f3'],
    ]);
    expect(fixture.calls('/network/v2.0/ports')[0]!.url).toBe('/network/v2.0/ports?limit=1000');
  });

  it('resolves glance relative next paths against an endpoint under a path prefix', async () => {
    fakeKeystone(fixture);
    const page = sample<Record<string, unknown>>('glance/images-list-response.json');
    fixture.on('GET', '/image/v2/images', (req) =>
      req.query.get('marker')
        ? { json: { ...page, images: [] } }
        : { json: { ...page, next: '/v2/images?limit=1000&marker=781b3762-9469-4cec-b58d-3349e5de4e9c' } },
    );
    const images = await source().listImages();
    expect(images.map((i) => i.name)).toEqual(['cirros-0.3.2-x86_64-disk', 'F17-x86_64-cfntools']);
    expect(fixture.calls('/image/v2/images').map((r) => r.url)).toEqual([
      '/image/v2/images?visibility=all&limit=1000',
      '/image/v2/images?limit=1000&marker=781b3762-9469-4cec-b58d-3349e5de4e9c',
    ]);
  });

  it('returns empty lists for services the cloud does not have', async () => {
    fakeKeystone(fixture, { catalog: defaultCatalog().filter((e) => !['volumev3', 'image'].includes((e as { type: string }).type)) });
    const s = source();
    await expect(s.listVolumes({ kind: 'all' })).resolves.toEqual([]);
    await expect(s.listImages()).resolves.toEqual([]);
  });

  it('lists all projects as admin and falls back to /v3/auth/projects on 403', async () => {
    fakeKeystone(fixture);
    fixture.on('GET', '/identity/v3/projects', { json: sampleAt('keystone/projects-list-response.json', 'http://example.com/identity', '{base}/identity') });
    const projects = await source().listProjects();
    expect(projects).toHaveLength(8);
    expect(projects[5]).toEqual({
      id: '4b1eb781a47440acb8af9850103e537f',
      name: 'swifttenanttest4',
      domainId: '1bc2169ca88e4cdaaba46d4c15390b65',
      description: '',
      enabled: true,
    });

    fixture.on('GET', '/identity/v3/projects', { status: 403, json: { error: { code: 403, title: 'Forbidden', message: 'not allowed' } } });
    fixture.on('GET', '/identity/v3/auth/projects', { json: sample('keystone/auth-projects-list.get-available-project-scopes-response.json') });
    expect((await source().listProjects()).map((p) => p.name)).toEqual(['Test Group', 'Build Group']);
  });

  it('reads quotas from nova, cinder and neutron for each project', async () => {
    fakeKeystone(fixture);
    fixture.on('GET', '/compute/v2.1/', { json: { version: { id: 'v2.1', status: 'CURRENT', version: '2.100', min_version: '2.1' } } });
    fixture.on('GET', /^\/compute\/v2\.1\/os-quota-sets\/[^/]+\/detail$/, (req) => ({
      json: { quota_set: { id: req.path.split('/')[4], cores: { in_use: 4, limit: 20, reserved: 0 }, instances: { in_use: 2, limit: -1, reserved: 0 } } },
    }));
    fixture.on('GET', new RegExp(`^/volume/v3/${ADMIN_PROJECT}/os-quota-sets/[^/]+$`), { json: sample('cinder/quotas-show-usage-response.json') });
    fixture.on('GET', /^\/network\/v2\.0\/quotas\/[^/]+\/details$/, { json: { quota: { floatingip: { limit: 50, used: 3, reserved: 0 } } } });
    const quotas = await source().getQuotas(['p1', 'p2']);
    expect(quotas.map((q) => q.projectId)).toEqual(['p1', 'p2']);
    expect(quotas[0]).toMatchObject({
      compute: { cores: { limit: 20, inUse: 4, reserved: 0 }, instances: { limit: -1, inUse: 2 } },
      volume: { gigabytes: { limit: 1000, inUse: 0 } },
      network: { floatingip: { limit: 50, inUse: 3, reserved: 0 } },
    });
    expect(fixture.calls(new RegExp(`/os-quota-sets/p1`))[1]!.query.get('usage')).toBe('True');
  });

  it("rescopes a member's password to read each named project with its own token", async () => {
    const keystone = fakeKeystone(fixture, {
      roles: ['member'],
      projectFor: (req) => (req.body as { auth: { scope?: { project: { id?: string } } } }).auth.scope?.project.id ?? 'p-home',
    });
    fixture.on('GET', '/compute/v2.1/', { json: { version: { id: 'v2.1', status: 'CURRENT', version: '2.100', min_version: '2.1' } } });
    fixture.on('GET', '/compute/v2.1/servers/detail', (req) => {
      const template = sample<{ servers: Record<string, unknown>[] }>('nova/servers-details-resp.v2.100.json').servers[0]!;
      const project = req.headers['x-auth-token'] === 'tok-1' ? 'p-home' : 'p-other';
      return { json: { servers: [{ ...template, id: `in-${project}`, tenant_id: project }] } };
    });
    const servers = await source().listServers({ kind: 'projects', projectIds: ['p-home', 'p-other'] });
    expect(servers.map((s) => [s.id, s.projectId])).toEqual([
      ['in-p-home', 'p-home'],
      ['in-p-other', 'p-other'],
    ]);
    expect(keystone.issued).toEqual(['tok-1', 'tok-2']);
    const scoped = fixture.calls('/identity/v3/auth/tokens')[1]!.body as { auth: { scope: unknown } };
    expect(scoped.auth.scope).toEqual({ project: { id: 'p-other' } });
  });
});

describe('limits, availability zones and domains', () => {
  let fixture: FixtureServer;
  beforeEach(async () => {
    fixture = await FixtureServer.start();
    fakeKeystone(fixture);
    fixture.on('GET', '/compute/v2.1/', { json: { version: { id: 'v2.1', status: 'CURRENT', version: '2.100', min_version: '2.1' } } });
  });
  afterEach(() => fixture.close());

  it('reads absolute limits for a project and the availability zones', async () => {
    fixture.on('GET', '/compute/v2.1/limits', { json: sample('nova/limit-get-resp.v2.57.json') });
    fixture.on('GET', '/compute/v2.1/os-availability-zone/detail', { json: sample('nova/availability-zone-detail-resp.json') });
    const compute = await fixtureClient(fixture.url).service('compute');
    expect(await computeRequests.getComputeLimits(compute, 'p1')).toMatchObject({ maxTotalCores: 20, totalCoresUsed: 0 });
    expect(fixture.calls('/compute/v2.1/limits')[0]!.query.get('tenant_id')).toBe('p1');
    expect(await computeRequests.listAvailabilityZones(compute, true)).toEqual([
      { name: 'internal', available: true, hosts: ['conductor', 'scheduler'] },
      { name: 'nova', available: true, hosts: ['compute'] },
    ]);
  });

  it('lists domains, falling back to /v3/auth/domains when not allowed', async () => {
    fixture.on('GET', '/identity/v3/domains', { status: 403, json: { error: { code: 403, title: 'Forbidden', message: 'no' } } });
    fixture.on('GET', '/identity/v3/auth/domains', { json: { domains: [{ id: 'default', name: 'Default', enabled: true }], links: { next: null } } });
    const identity = await fixtureClient(fixture.url).service('identity');
    expect(await identityRequests.listDomains(identity)).toEqual([{ id: 'default', name: 'Default', enabled: true }]);
  });
});
