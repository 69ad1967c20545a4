import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/adapters/jwt/dev-token';
import { callerFromClaims } from '../../src/domain/caller';
import { apiGatewayAuthenticator, joseAuthenticator } from '../../src/adapters/jwt/jose-authenticator';
import { operations, type Operation } from '../../src/handlers/api/openapi/operations';
import { apiFakeApp, apiTestSecret } from '../helpers/api-fakes';
import { allScopes, startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';

const reportBody = { type: 'inventory', formats: ['json'] };
const scheduleBody = { expression: 'rate(1 day)', timezone: 'UTC', report: reportBody };

/** A valid body per operation, so that only authorization can refuse the request. */
function bodyOf(op: Operation): unknown {
  if (op.operationId === 'createReport') return reportBody;
  if (op.operationId === 'updateSchedule') return { enabled: false };
  if (op.body) return scheduleBody;
  return undefined;
}

const protectedOps = operations.filter((op) => op.scope);
const resourceOps = protectedOps.filter((op) => op.path.includes('{id}'));

describe('authorization: two owners and an admin against every route (local runtime)', () => {
  let api: ApiRuntime;
  const tokens: Record<string, string> = {};
  const alice = { report: '', schedule: '' };
  const bob = { report: '', schedule: '' };

  /** The path of an operation on one owner's resources. */
  function pathOf(op: Operation, ids: { report: string; schedule: string }): string {
    return op.path.replace('{id}', op.path.startsWith('/v1/reports') ? ids.report : ids.schedule);
  }

  async function createResources(token: string, into: { report: string; schedule: string }) {
    const report = (await (await api.call('POST', '/v1/reports', { token, body: reportBody })).json()) as { id: string };
    await api.waitForRun(token, report.id);
    const schedule = (await (await api.call('POST', '/v1/schedules', { token, body: scheduleBody })).json()) as { id: string };
    into.report = report.id;
    into.schedule = schedule.id;
  }

  beforeAll(async () => {
    api = await startApiRuntime();
    tokens.alice = await api.rt.mintToken('alice', allScopes);
    tokens.bob = await api.rt.mintToken('bob', allScopes);
    tokens.admin = await api.rt.mintToken('root', ['admin']);
    tokens.expired = await api.rt.mintToken('alice', allScopes, -60);
    tokens.forged = await mintDevToken(new TextEncoder().encode('a-secret-that-is-not-the-runtimes-0123456789'), {
      sub: 'alice',
      scopes: [...allScopes, 'admin'],
    });
    await createResources(tokens.alice!, alice);
    await createResources(tokens.bob!, bob);
  });

  afterAll(() => api?.close());

  describe.each([
    ['no token', () => undefined],
    ['an expired token', () => tokens.expired],
    ['a wrongly signed token', () => tokens.forged],
    ['a malformed token', () => 'not.a.jwt'],
  ])('with %s', (_name, token) => {
    it.each(protectedOps.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s answers 401', async (_label, op) => {
      const res = await api.call(op.method.toUpperCase(), pathOf(op, alice), { token: token(), body: bodyOf(op) });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  it.each(protectedOps.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s answers 403 to a token with every scope but the one it needs',
    async (_label, op) => {
      const token = await api.rt.mintToken(
        'alice',
        allScopes.filter((s) => s !== op.scope),
      );
      const res = await api.call(op.method.toUpperCase(), pathOf(op, alice), { token, body: bodyOf(op) });
      const body = (await res.json()) as { requiredScope: string };
      expect(res.status).toBe(403);
      expect(body.requiredScope).toBe(op.scope);
    },
  );

  it.each(resourceOps.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s on another owner’s resource answers 404, not 403',
    async (_label, op) => {
      const res = await api.call(op.method.toUpperCase(), pathOf(op, alice), { token: tokens.bob, body: bodyOf(op) });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    },
  );

  it('leaves the other owner’s resources as they were', async () => {
    const report = await api.call('GET', `/v1/reports/${alice.report}`, { token: tokens.alice });
    const schedule = (await (await api.call('GET', `/v1/schedules/${alice.schedule}`, { token: tokens.alice })).json()) as {
      enabled: boolean;
      expression: string;
    };
    expect(report.status).toBe(200);
    expect(schedule).toMatchObject({ enabled: true, expression: 'rate(1 day)' });
    // Bob's "run now" must not have made a run of alice's schedule.
    const runs = (await (await api.call('GET', '/v1/reports?limit=100', { token: tokens.alice })).json()) as { items: { scheduleId?: string }[] };
    expect(runs.items.filter((r) => r.scheduleId === alice.schedule)).toEqual([]);
  });

  it('lists only the caller’s own reports and schedules', async () => {
    const reports = (await (await api.call('GET', '/v1/reports?limit=100', { token: tokens.bob })).json()) as { items: { id: string; owner: string }[] };
    const schedules = (await (await api.call('GET', '/v1/schedules?limit=100', { token: tokens.bob })).json()) as { items: { id: string; owner: string }[] };
    expect(reports.items.map((r) => r.id)).toContain(bob.report);
    expect(reports.items.every((r) => r.owner === 'bob')).toBe(true);
    expect(schedules.items.map((s) => s.id)).toEqual([bob.schedule]);
  });

  it('lets an admin see every owner’s reports and schedules', async () => {
    const reports = (await (await api.call('GET', '/v1/reports?limit=100', { token: tokens.admin })).json()) as { items: { id: string }[] };
    const schedules = (await (await api.call('GET', '/v1/schedules?limit=100', { token: tokens.admin })).json()) as { items: { id: string }[] };
    expect(reports.items.map((r) => r.id)).toEqual(expect.arrayContaining([alice.report, bob.report]));
    expect(schedules.items.map((s) => s.id)).toEqual(expect.arrayContaining([alice.schedule, bob.schedule]));
    for (const path of [`/v1/reports/${alice.report}`, `/v1/reports/${alice.report}/data`, `/v1/schedules/${alice.schedule}`]) {
      expect((await api.call('GET', path, { token: tokens.admin })).status).toBe(200);
    }
    expect((await api.call('GET', `/v1/reports/${alice.report}/download`, { token: tokens.admin })).status).toBe(302);
  });

  it('grants nothing for a scope that merely ends in one of ours (local tokens)', async () => {
    const token = await api.rt.mintToken('alice', ['billing/admin', 'https://evil.example.com/admin', 'x/reports:write', 'openstack-reports/reports:read']);
    // Not admin: bob's report stays hidden; not reports:write: no report is made; no prefix is configured locally.
    expect((await api.call('GET', `/v1/reports/${bob.report}`, { token })).status).toBe(403);
    expect((await api.call('POST', '/v1/reports', { token, body: reportBody })).status).toBe(403);
  });

  it('lets an admin change another owner’s schedule, which stays that owner’s', async () => {
    const res = await api.call('PATCH', `/v1/schedules/${bob.schedule}`, { token: tokens.admin, body: { name: 'renamed by admin' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ owner: 'bob', name: 'renamed by admin' });
  });

  it('does not let another owner delete a report', async () => {
    expect((await api.call('DELETE', `/v1/reports/${alice.report}`, { token: tokens.bob })).status).toBe(404);
    expect((await api.call('GET', `/v1/reports/${alice.report}`, { token: tokens.alice })).status).toBe(200);
  });
});

describe('authorization with a tenant claim as owner (AUTH_OWNER_CLAIM)', () => {
  function tenantToken(sub: string, tenant: string): Promise<string> {
    return new SignJWT({ scope: allScopes.join(' '), tenant }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('5m').sign(apiTestSecret);
  }

  it('shares resources within a tenant and hides them from other tenants', async () => {
    const { app } = apiFakeApp({ authenticate: joseAuthenticator({ secret: apiTestSecret, ownerClaim: 'tenant' }) });
    const [ann, ben, eve] = await Promise.all([tenantToken('ann', 'acme'), tenantToken('ben', 'acme'), tenantToken('eve', 'globex')]);
    const created = await app.request('/v1/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${ann}`, 'content-type': 'application/json' },
      body: JSON.stringify(reportBody),
    });
    const { id } = (await created.json()) as { id: string };

    const byColleague = await app.request(`/v1/reports/${id}`, { headers: { authorization: `Bearer ${ben}` } });
    const byOutsider = await app.request(`/v1/reports/${id}`, { headers: { authorization: `Bearer ${eve}` } });
    const withoutTenant = await app.request(`/v1/reports/${id}`, {
      headers: { authorization: `Bearer ${await mintDevToken(apiTestSecret, { sub: 'ann', scopes: allScopes })}` },
    });

    expect(byColleague.status).toBe(200);
    expect(await byColleague.json()).toMatchObject({ owner: 'acme' });
    expect(byOutsider.status).toBe(404);
    expect(withoutTenant.status).toBe(401);
  });
});

describe('scopes: exactly ours, or behind the configured resource-server prefix', () => {
  const granted = (scope: string, prefix?: string) => {
    const result = callerFromClaims({ sub: 'alice', scope }, 'sub', prefix);
    return result.ok ? { scopes: [...result.caller.scopes].sort(), admin: result.caller.admin } : result.reason;
  };

  it.each([
    ['reports:read', undefined, ['reports:read']],
    ['admin', undefined, ['admin']],
    ['reports:read schedules:write', undefined, ['reports:read', 'schedules:write']],
    ['billing/admin', undefined, []],
    ['https://evil.example.com/admin', undefined, []],
    ['x/reports:write', undefined, []],
    ['openstack-reports/reports:read', undefined, []],
    ['openstack-reports/reports:read', 'openstack-reports', ['reports:read']],
    ['openstack-reports/admin reports:write', 'openstack-reports', ['admin', 'reports:write']],
    ['billing/admin', 'openstack-reports', []],
    ['openstack-reports-evil/admin', 'openstack-reports', []],
    ['x/openstack-reports/admin', 'openstack-reports', []],
    ['openstack-reports//admin', 'openstack-reports', []],
    ['openstack-reports/reports:read/admin', 'openstack-reports', []],
    ['ADMIN Reports:Read', undefined, []],
    ['reports:readx admin:', undefined, []],
    ['[openstack-reports/admin openstack-reports/reports:read]', 'openstack-reports', ['admin', 'reports:read']],
  ])('%j (prefix %s) grants %j', (scope, prefix, expected) => {
    expect(granted(scope, prefix)).toEqual({ scopes: expected, admin: expected.includes('admin') });
  });

  it('reads an `scp` array the same way', () => {
    const result = callerFromClaims({ sub: 'a', scp: ['openstack-reports/admin', 'evil/reports:write'] }, 'sub', 'openstack-reports');
    expect(result.ok && [...result.caller.scopes]).toEqual(['admin']);
  });
});

describe('authorization on AWS: claims the HTTP API authorizer verified', () => {
  it('refuses scopes outside the configured prefix: billing/admin is not admin, x/reports:write is not reports:write', async () => {
    const { app } = apiFakeApp({ authenticate: apiGatewayAuthenticator('sub', 'openstack-reports') });
    const event = (claims: Record<string, string>) => ({ event: { requestContext: { authorizer: { jwt: { claims } } } } });
    const post = (scope: string) =>
      app.request(
        '/v1/reports',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reportBody) },
        event({ sub: 'mallory', scope }),
      );
    expect((await post('x/reports:write')).status).toBe(403);
    expect((await post('billing/admin')).status).toBe(403);
    expect((await post('https://evil.example.com/admin')).status).toBe(403);
    expect((await post('openstack-reports/reports:write')).status).toBe(202);
  });

  it('reads owner and scopes from the Lambda event, and refuses a request that carries none', async () => {
    const { app } = apiFakeApp({ authenticate: apiGatewayAuthenticator('sub', 'openstack-reports') });
    const event = (claims?: Record<string, string>) => ({ event: { requestContext: claims ? { authorizer: { jwt: { claims } } } : {} } });

    const ok = await app.request('/v1/reports', {}, event({ sub: 'alice', scope: 'openstack-reports/reports:read' }));
    const noScope = await app.request('/v1/reports', {}, event({ sub: 'alice', scope: 'openstack-reports/schedules:read' }));
    const none = await app.request('/v1/reports', {}, event());

    expect(ok.status).toBe(200);
    expect(noScope.status).toBe(403);
    expect(none.status).toBe(401);
  });
});
