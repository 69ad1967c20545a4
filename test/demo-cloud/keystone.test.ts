import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login, passwordAuth } from './helpers';

describe('demo cloud Keystone', () => {
  let cloud: DemoCloud;

  beforeAll(async () => {
    cloud = await startDemoCloud();
  });
  afterAll(() => cloud.close());

  it('issues a token in X-Subject-Token with a catalog pointing at itself', async () => {
    // Act
    const reply = await call(cloud, '/identity/v3/auth/tokens', { method: 'POST', body: passwordAuth(cloud.admin) });

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.headers.get('x-subject-token')).toMatch(/^gAAAAA/);
    const { token } = reply.body;
    expect(token.project).toEqual({ domain: { id: 'default', name: 'Default' }, id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'admin' });
    expect(token.roles.map((r: { name: string }) => r.name)).toContain('admin');
    expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const types = token.catalog.map((s: { type: string }) => s.type).sort();
    expect(types).toEqual(['block-storage', 'compute', 'identity', 'image', 'network', 'object-store', 'volumev3']);
    const url = (type: string): string =>
      token.catalog.find((s: { type: string }) => s.type === type).endpoints.find((e: { interface: string }) => e.interface === 'public').url;
    expect(url('identity')).toBe(cloud.authUrl);
    expect(url('compute')).toBe(`${cloud.url}/compute/v2.1`);
    expect(url('volumev3')).toBe(`${cloud.url}/volume/v3/${token.project.id}`);
    expect(url('block-storage')).toBe(url('volumev3'));
    expect(url('network')).toBe(`${cloud.url}/network`);
    expect(url('image')).toBe(`${cloud.url}/image`);
    expect(url('object-store')).toBe(`${cloud.url}/object-store/v1/AUTH_${token.project.id}`);
    for (const service of token.catalog) {
      expect(service.endpoints.map((e: { interface: string; region: string }) => `${e.interface}/${e.region}`).sort()).toEqual([
        'admin/RegionOne',
        'internal/RegionOne',
        'public/RegionOne',
      ]);
    }
  });

  it('refuses a wrong password with 401 in Keystone format', async () => {
    const reply = await call(cloud, '/identity/v3/auth/tokens', { method: 'POST', body: passwordAuth({ ...cloud.admin, password: 'wrong' }) });

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
  });

  it('refuses to scope a member to a project it has no role on', async () => {
    const reply = await call(cloud, '/identity/v3/auth/tokens', { method: 'POST', body: passwordAuth({ ...cloud.member, projectName: 'admin' }) });

    expect(reply.status).toBe(401);
  });

  it('serves version discovery documents like each real service', async () => {
    const keystoneRoot = await call(cloud, '/identity');
    const keystoneV3 = await call(cloud, '/identity/v3');
    const nova = await call(cloud, '/compute/');
    const novaV21 = await call(cloud, '/compute/v2.1');
    const cinder = await call(cloud, '/volume');
    const neutron = await call(cloud, '/network/');
    const glance = await call(cloud, '/image/versions');

    expect(keystoneRoot.status).toBe(300);
    expect(keystoneRoot.body.versions.values[0]).toMatchObject({ id: 'v3.14', status: 'stable' });
    expect(keystoneV3.body.version.links[0].href).toBe(`${cloud.authUrl}/`);
    expect(nova.body.versions.map((v: { id: string; status: string }) => `${v.id}:${v.status}`)).toEqual(['v2.0:DEPRECATED', 'v2.1:CURRENT']);
    expect(novaV21.body.version).toMatchObject({ version: '2.100', min_version: '2.1' });
    expect(cinder.status).toBe(300);
    expect(cinder.body.versions[0]).toMatchObject({ id: 'v3.0', version: '3.71', min_version: '3.0', status: 'CURRENT' });
    expect(neutron.body.versions).toEqual([{ status: 'CURRENT', id: 'v2.0', links: [{ href: `${cloud.url}/network/v2.0/`, rel: 'self' }] }]);
    expect(glance.body.versions[0]).toEqual({ id: 'v2.18', links: [{ href: `${cloud.url}/image/v2/`, rel: 'self' }], status: 'CURRENT' });
  });

  it('lists projects and domains for admins only, with a links object', async () => {
    const admin = await login(cloud, 'admin');
    const member = await login(cloud, 'member');

    const projects = await call(cloud, '/identity/v3/projects', { token: admin.token });
    const refused = await call(cloud, '/identity/v3/projects', { token: member.token });
    const domains = await call(cloud, '/identity/v3/domains', { token: admin.token });

    expect(projects.status).toBe(200);
    expect(projects.body.projects.map((p: { id: string }) => p.id).sort()).toEqual(cloud.data.projects.map((p) => p.id).sort());
    expect(projects.body.links).toEqual({ self: `${cloud.authUrl}/projects`, previous: null, next: null });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 403, title: 'Forbidden' });
    expect(domains.body.domains).toEqual([expect.objectContaining({ id: 'default', name: 'Default' })]);
  });

  it('pages projects with limit and marker through links.next', async () => {
    const { token } = await login(cloud, 'admin');

    const first = await call(cloud, '/identity/v3/projects?limit=4', { token });
    const second = await call(cloud, first.body.links.next, { token });

    expect(first.body.projects).toHaveLength(4);
    expect(second.body.projects).toHaveLength(cloud.data.projects.length - 4);
    expect(second.body.links.next).toBeNull();
  });

  it('lets an unscoped token list the projects it can scope to', async () => {
    const { token, body } = await login(cloud, 'member', false);

    const reply = await call(cloud, '/identity/v3/auth/projects', { token });

    expect(body.token.catalog).toBeUndefined();
    expect(reply.body.projects.map((p: { name: string }) => p.name)).toEqual([cloud.member.projectName]);
  });

  it('answers unknown tokens with 401 in Keystone format on every service', async () => {
    const paths = ['/identity/v3/projects', '/compute/v2.1/servers', '/volume/v3/volumes', '/network/v2.0/ports', '/image/v2/images'];

    const replies = await Promise.all(paths.map((p) => call(cloud, p, { token: 'not-a-token' })));

    for (const reply of replies) {
      expect(reply.status).toBe(401);
      expect(reply.body.error).toMatchObject({ code: 401, title: 'Unauthorized' });
      expect(reply.headers.get('www-authenticate')).toBe(`Keystone uri="${cloud.url}/identity"`);
    }
  });
});

describe('demo cloud token expiry', () => {
  let cloud: DemoCloud;

  beforeAll(async () => {
    cloud = await startDemoCloud({ tokenTtlSeconds: 1, servers: 10 });
  });
  afterAll(() => cloud.close());

  it('refuses a token after its TTL and accepts a new one', async () => {
    // Arrange
    const { token, body } = await login(cloud, 'admin');
    const ttlMs = Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at);

    // Act
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await call(cloud, '/compute/v2.1/servers', { token });
    const renewed = await login(cloud, 'admin');
    const again = await call(cloud, '/compute/v2.1/servers', { token: renewed.token });

    // Assess
    expect(ttlMs).toBe(1000);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe(401);
    expect(again.status).toBe(200);
  });
});
