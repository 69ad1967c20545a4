import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login } from './helpers';

const compute = (v: string): Record<string, string> => ({ 'OpenStack-API-Version': `compute ${v}` });

describe('demo cloud Nova', () => {
  let cloud: DemoCloud;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    cloud = await startDemoCloud();
    admin = (await login(cloud, 'admin')).token;
    member = (await login(cloud, 'member')).token;
  });
  afterAll(() => cloud.close());

  it.each([
    ['2.46', ['id', 'links']],
    ['2.47', ['disk', 'ephemeral', 'extra_specs', 'original_name', 'ram', 'swap', 'vcpus']],
  ])('renders a server flavor at %s with keys %j', async (version, keys) => {
    const reply = await call(cloud, '/compute/v2.1/servers/detail?all_tenants=1&limit=5', { token: admin, headers: compute(version) });

    expect(reply.headers.get('openstack-api-version')).toBe(`compute ${version}`);
    expect(reply.headers.get('x-openstack-nova-api-version')).toBe(version);
    for (const server of reply.body.servers) expect(Object.keys(server.flavor).sort()).toEqual(keys);
  });

  it('embeds a deleted flavor from 2.47 although flavors/detail no longer lists it', async () => {
    // Arrange
    const retired = cloud.data.flavors.find((f) => f.deleted)!;
    const server = cloud.data.servers.find((s) => !s.deleted && s.flavorId === retired.id)!;

    // Act
    const old = await call(cloud, `/compute/v2.1/servers/${server.id}`, { token: admin, headers: compute('2.46') });
    const embedded = await call(cloud, `/compute/v2.1/servers/${server.id}`, { token: admin, headers: compute('2.47') });
    const flavors = await call(cloud, '/compute/v2.1/flavors/detail?is_public=None', { token: admin });
    const show = await call(cloud, `/compute/v2.1/flavors/${retired.id}`, { token: admin });

    // Assess
    expect(old.body.server.flavor.id).toBe(retired.id);
    expect(embedded.body.server.flavor).toMatchObject({ original_name: retired.name, vcpus: retired.vcpus, ram: retired.ramMb });
    expect(flavors.body.flavors.map((f: { id: string }) => f.id)).not.toContain(retired.id);
    expect(show.status).toBe(404);
    expect(show.body).toEqual({ itemNotFound: { code: 404, message: `Flavor ${retired.id} could not be found.` } });
  });

  it('accepts the legacy header and "latest", and refuses versions out of range', async () => {
    const legacy = await call(cloud, '/compute/v2.1/servers', { token: admin, headers: { 'X-OpenStack-Nova-API-Version': '2.60' } });
    const latest = await call(cloud, '/compute/v2.1/servers', { token: admin, headers: compute('latest') });
    const tooNew = await call(cloud, '/compute/v2.1/servers', { token: admin, headers: compute('2.200') });
    const malformed = await call(cloud, '/compute/v2.1/servers', { token: admin, headers: compute('2.x') });

    expect(legacy.headers.get('openstack-api-version')).toBe('compute 2.60');
    expect(latest.headers.get('openstack-api-version')).toBe('compute 2.100');
    expect(tooNew.status).toBe(406);
    expect(tooNew.body).toEqual({ computeFault: { code: 406, message: 'Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.100.' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.badRequest.code).toBe(400);
  });

  it('serves a servers/detail page from cached views, byte for byte what JSON.stringify of the views would send', async () => {
    const path = '/compute/v2.1/servers/detail?all_tenants=1&limit=7';
    const first = await call(cloud, path, { token: admin, headers: compute('2.100') });
    const again = await call(cloud, path, { token: admin, headers: compute('2.100') });
    const asMember = await call(cloud, '/compute/v2.1/servers/detail?limit=7', { token: member, headers: compute('2.100') });
    const older = await call(cloud, path, { token: admin, headers: compute('2.46') });

    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.text).toBe(JSON.stringify(first.body));
    expect(again.text).toBe(first.text);
    expect(first.body.servers).toHaveLength(7);
    expect(first.body.servers_links[0].href).toContain(`marker=${first.body.servers[6].id}`);
    // Each variant is cached on its own: members see no admin attributes, 2.46 has flavor references.
    expect(first.body.servers[0]).toHaveProperty(['OS-EXT-SRV-ATTR:host']);
    expect(asMember.body.servers[0]).not.toHaveProperty(['OS-EXT-SRV-ATTR:host']);
    expect(older.body.servers[0].flavor).toHaveProperty('id');
    expect(first.body.servers[0].flavor).not.toHaveProperty('id');
  });

  it('refuses all_tenants to members with 403 in Nova format', async () => {
    const reply = await call(cloud, '/compute/v2.1/servers/detail?all_tenants=1', { token: member });

    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ forbidden: { code: 403, message: "Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to be performed." } });
  });

  it('shows admin-only attributes to admins only', async () => {
    const memberView = await call(cloud, '/compute/v2.1/servers/detail', { token: member, headers: compute('2.60') });
    const memberProject = cloud.data.projects.find((p) => p.name === cloud.member.projectName)!;
    const adminView = await call(cloud, `/compute/v2.1/servers/detail?all_tenants=1&project_id=${memberProject.id}`, {
      token: admin,
      headers: compute('2.60'),
    });

    expect(memberView.body.servers.length).toBeGreaterThan(0);
    for (const server of memberView.body.servers) {
      expect(server.tenant_id).toBe(memberProject.id);
      expect(Object.keys(server).filter((k) => k.startsWith('OS-EXT-SRV-ATTR:') || k === 'host_status')).toEqual([]);
    }
    expect(adminView.body.servers).toHaveLength(memberView.body.servers.length);
    expect(adminView.body.servers.some((s: Record<string, unknown>) => typeof s['OS-EXT-SRV-ATTR:host'] === 'string')).toBe(true);
  });

  it('hides other projects’ servers from members with a 404', async () => {
    const other = cloud.data.servers.find((s) => !s.deleted && s.projectId !== cloud.data.projects.find((p) => p.name === cloud.member.projectName)!.id)!;

    const reply = await call(cloud, `/compute/v2.1/servers/${other.id}`, { token: member });

    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ itemNotFound: { code: 404, message: `Instance ${other.id} could not be found.` } });
  });

  it('renders boot-from-volume servers with image "" and floating addresses with their type', async () => {
    const reply = await call(cloud, '/compute/v2.1/servers/detail?all_tenants=1', { token: admin });

    const servers = reply.body.servers as Record<string, unknown>[];
    expect(servers.some((s) => s.image === '')).toBe(true);
    const types = servers.flatMap((s) =>
      Object.values(s.addresses as Record<string, { 'OS-EXT-IPS:type': string }[]>)
        .flat()
        .map((a) => a['OS-EXT-IPS:type']),
    );
    expect(new Set(types)).toEqual(new Set(['fixed', 'floating']));
    expect(new Set(servers.map((s) => s.status))).toEqual(new Set(['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR', 'SHELVED_OFFLOADED']));
  });

  it.each([
    ['admin, default', 'admin', '', (f: { isPublic: boolean; accessProjectIds: string[] }, admin: string) => f.isPublic || f.accessProjectIds.includes(admin)],
    ['admin, is_public=None', 'admin', '?is_public=None', () => true],
    ['admin, is_public=false', 'admin', '?is_public=false', (f: { isPublic: boolean }) => !f.isPublic],
    [
      'member, is_public=None',
      'member',
      '?is_public=None',
      (f: { isPublic: boolean; accessProjectIds: string[]; disabled: boolean }, _: string, member: string) =>
        !f.disabled && (f.isPublic || f.accessProjectIds.includes(member)),
    ],
  ] as const)('lists flavors like Nova for %s', async (_name, who, query, expected) => {
    const adminProject = cloud.data.projects.find((p) => p.isAdminProject)!.id;
    const memberProject = cloud.data.projects.find((p) => p.name === cloud.member.projectName)!.id;

    const reply = await call(cloud, `/compute/v2.1/flavors/detail${query}`, { token: who === 'admin' ? admin : member });

    const want = cloud.data.flavors.filter((f) => !f.deleted && expected(f as never, adminProject, memberProject)).map((f) => f.id);
    expect(reply.body.flavors.map((f: { id: string }) => f.id).sort()).toEqual(want.sort());
  });

  it('sends swap as "" before 2.75, like Nova', async () => {
    const reply = await call(cloud, '/compute/v2.1/flavors/detail', { token: admin });

    const tiny = reply.body.flavors.find((f: { name: string }) => f.name === 'm1.tiny');
    const swap = reply.body.flavors.find((f: { name: string }) => f.name === 'm1.small.swap');
    expect(tiny.swap).toBe('');
    expect(swap.swap).toBe(1024);
  });

  it('reports quota usage and limits for the caller’s project', async () => {
    const memberProject = cloud.data.projects.find((p) => p.name === cloud.member.projectName)!;
    const servers = cloud.data.servers.filter((s) => !s.deleted && s.projectId === memberProject.id);
    const cores = servers.reduce((n, s) => n + cloud.data.flavors.find((f) => f.id === s.flavorId)!.vcpus, 0);

    const detail = await call(cloud, `/compute/v2.1/os-quota-sets/${memberProject.id}/detail`, { token: member });
    const limits = await call(cloud, '/compute/v2.1/limits', { token: member });
    const otherProject = await call(cloud, `/compute/v2.1/os-quota-sets/${cloud.data.projects[0].id}/detail`, { token: member });

    expect(detail.body.quota_set.instances).toEqual({ in_use: servers.length, limit: expect.any(Number), reserved: 0 });
    expect(detail.body.quota_set.cores.in_use).toBe(cores);
    expect(limits.body.limits.absolute).toMatchObject({ totalInstancesUsed: servers.length, totalCoresUsed: cores });
    expect(otherProject.status).toBe(403);
  });
});
