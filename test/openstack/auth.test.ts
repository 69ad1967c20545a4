import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EndpointNotFoundError, findEndpoint } from '../../src/adapters/openstack/auth/catalog';
import { TtlCache } from '../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackHttpError } from '../../src/adapters/openstack/errors/openstack-http-error';
import { tokenResponseSchema, type CatalogEntry } from '../../src/adapters/openstack/identity/results';
import { ADMIN_PROJECT, fakeKeystone } from './helpers/fake-keystone';
import { FixtureServer } from './helpers/fixture-server';
import { sample } from './helpers/samples';
import { fixtureClient, rejection } from './helpers/test-client';

describe('Keystone session', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await FixtureServer.start();
  });
  afterEach(() => server.close());

  const limits = { limits: { absolute: { maxTotalCores: 20 }, rate: [] } };
  const versionDoc = { version: { id: 'v2.1', status: 'CURRENT', version: '2.100', min_version: '2.1', links: [] } };

  it('authenticates with the configured scope and reuses the token across requests and clients', async () => {
    // Prepare
    const keystone = fakeKeystone(server);
    server.on('GET', '/compute/v2.1/', { json: versionDoc }).on('GET', '/compute/v2.1/limits', { json: limits });
    const cache = new TtlCache();
    const client = fixtureClient(server.url, { cache });
    // Act
    const compute = await client.service('compute');
    await compute.getParsed(compute.url('limits'), (await import('../../src/adapters/openstack/compute/results')).limitsSchema);
    await compute.request('GET', compute.url('limits'));
    const other = fixtureClient(server.url, { cache });
    await (await other.service('compute')).request('GET', `${server.url}/compute/v2.1/limits`);
    // Assess
    expect(keystone.issued).toEqual(['tok-1']);
    const [auth] = server.calls('/identity/v3/auth/tokens');
    expect(auth!.body).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'pa55w0rd-secret' } } },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    });
    expect(server.calls('/compute/v2.1/limits').map((r) => r.headers['x-auth-token'])).toEqual(['tok-1', 'tok-1', 'tok-1']);
  });

  it('authenticates again shortly before the token expires', async () => {
    // A 100 s token is used for 90 s: it is refreshed a tenth of its life early.
    const keystone = fakeKeystone(server, { ttlSeconds: 100 });
    let now = Date.now();
    const client = fixtureClient(server.url, { cache: new TtlCache(() => now) });
    await client.authenticate();
    now += 89_000;
    await client.authenticate();
    expect(keystone.issued).toHaveLength(1);
    now += 2_000;
    await client.authenticate();
    expect(keystone.issued).toHaveLength(2);
  });

  it('re-authenticates once on 401 and retries the request', async () => {
    const keystone = fakeKeystone(server);
    server.on('GET', '/compute/v2.1/', { json: versionDoc });
    server.on('GET', '/compute/v2.1/limits', (req) =>
      req.headers['x-auth-token'] === 'tok-1'
        ? { status: 401, json: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } } }
        : { json: limits },
    );
    const client = fixtureClient(server.url);
    const compute = await client.service('compute');
    const response = await compute.request('GET', compute.url('limits'));
    expect(response.body).toEqual(limits);
    expect(keystone.issued).toEqual(['tok-1', 'tok-2']);
    expect(client.stats.reauthentications).toBe(1);
  });

  it('gives up after one re-authentication when the service keeps answering 401', async () => {
    const keystone = fakeKeystone(server);
    server.on('GET', '/compute/v2.1/', { json: versionDoc });
    server.on('GET', '/compute/v2.1/limits', {
      status: 401,
      headers: { 'x-openstack-request-id': 'req-401' },
      json: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
    });
    const client = fixtureClient(server.url);
    const compute = await client.service('compute');
    const error = await rejection<OpenStackHttpError>(compute.request('GET', compute.url('limits')));
    expect(error).toBeInstanceOf(OpenStackHttpError);
    expect(error).toMatchObject({ status: 401, retryable: false, requestId: 'req-401' });
    expect(keystone.issued).toHaveLength(2);
    expect(server.calls('/compute/v2.1/limits')).toHaveLength(2);
    expect(error.message).not.toContain('pa55w0rd-secret');
    expect(error.message).not.toContain('tok-');
  });

  it('shares one re-authentication among concurrent requests rejected with the same token', async () => {
    const keystone = fakeKeystone(server);
    server.on('GET', '/compute/v2.1/', { json: versionDoc });
    server.on('GET', '/compute/v2.1/limits', (req) => (req.headers['x-auth-token'] === 'tok-1' ? { status: 401, json: {} } : { json: limits }));
    const client = fixtureClient(server.url);
    const compute = await client.service('compute');
    await Promise.all(Array.from({ length: 6 }, () => compute.request('GET', compute.url('limits'))));
    expect(keystone.issued).toEqual(['tok-1', 'tok-2']);
  });

  it('validates a ready token without a scope instead of exchanging it', async () => {
    const body = sample<Record<string, unknown>>('keystone/auth-response.project-scoped-password.json');
    const future = { ...(body.token as object), expires_at: new Date(Date.now() + 3600_000).toISOString() };
    server.on('GET', '/identity/v3/auth/tokens', { json: { token: future } });
    const client = fixtureClient(server.url, {}, { auth: { auth_url: `${server.url}/identity/v3`, token: 'ready-token' } });
    const me = await client.authenticate();
    expect(me).toMatchObject({ projectId: ADMIN_PROJECT, isAdmin: true });
    const [call] = server.calls('/identity/v3/auth/tokens', 'GET');
    expect(call!.headers['x-auth-token']).toBe('ready-token');
    expect(call!.headers['x-subject-token']).toBe('ready-token');
  });

  it('fills the project id into an endpoint override', async () => {
    fakeKeystone(server);
    server.on('GET', '/custom/v2.1/', { json: versionDoc });
    const client = fixtureClient(server.url, {}, { compute_endpoint_override: `${server.url}/custom/v2.1/%(project_id)s` });
    expect((await client.service('compute')).endpoint).toBe(`${server.url}/custom/v2.1/${ADMIN_PROJECT}`);
  });
});

describe('service catalog lookup', () => {
  const catalog = (entries: [string, string, string, string][]): CatalogEntry[] => {
    const byType = new Map<string, CatalogEntry>();
    for (const [type, iface, region, url] of entries) {
      const entry = byType.get(type) ?? { type, endpoints: [] };
      entry.endpoints.push({ interface: iface, region, url });
      byType.set(type, entry);
    }
    return [...byType.values()];
  };

  it.each([
    ['block-storage', 'block-storage'],
    ['volumev3', 'volumev3'],
    ['volume', 'volume'],
    ['volumev2', 'volumev2'],
  ])('finds block storage registered as %s', (type) => {
    const url = `http://cinder:8776/v3/p1`;
    expect(findEndpoint(catalog([[type, 'public', 'R1', url]]), 'block-storage', 'public')).toBe(url);
  });

  it('prefers block-storage over volumev3 and skips a v1 "volume" endpoint', () => {
    const c = catalog([
      ['volume', 'public', 'R1', 'http://cinder:8776/v1/p1'],
      ['volumev2', 'public', 'R1', 'http://cinder:8776/v2/p1'],
    ]);
    expect(findEndpoint(c, 'block-storage', 'public')).toBe('http://cinder:8776/v2/p1');
    const both = catalog([
      ['volumev3', 'public', 'R1', 'http://old/v3'],
      ['block-storage', 'public', 'R1', 'http://new/v3'],
    ]);
    expect(findEndpoint(both, 'block-storage', 'public')).toBe('http://new/v3');
  });

  it('chooses by interface and region', () => {
    const c = catalog([
      ['compute', 'public', 'R1', 'http://r1-public/v2.1'],
      ['compute', 'internal', 'R1', 'http://r1-internal/v2.1'],
      ['compute', 'public', 'R2', 'http://r2-public/v2.1'],
    ]);
    expect(findEndpoint(c, 'compute', 'internal', 'R1')).toBe('http://r1-internal/v2.1');
    expect(findEndpoint(c, 'compute', 'public', 'R2')).toBe('http://r2-public/v2.1');
    expect(() => findEndpoint(c, 'compute', 'admin', 'R1')).toThrow(EndpointNotFoundError);
  });

  it('reads the legacy 13-service catalog: compute at v2.1 with the project id, cinder as volumev2', () => {
    const token = tokenResponseSchema.parse(sample('keystone/auth-response.project-scoped-13-service-catalog.auth-password-project-scoped-response.json'));
    expect(findEndpoint(token.catalog, 'compute', 'public', 'RegionOne')).toBe('http://23.253.248.171:8774/v2.1/a6944d763bf64ee6a275f1263fae0352');
    expect(findEndpoint(token.catalog, 'block-storage', 'public')).toMatch(/^http:\/\/23\.253\.248\.171:8776\/v[23]\/a6944d763bf64ee6a275f1263fae0352$/);
    expect(findEndpoint(token.catalog, 'network', 'public')).toBe('http://23.253.248.171:9696');
    expect(() => findEndpoint(token.catalog, 'placement', 'public')).toThrow(/no placement endpoint .* the catalog has: identity, compute_legacy/);
  });
});
