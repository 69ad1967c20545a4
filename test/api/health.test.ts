import { describe, expect, it } from 'vitest';
import { healthSchema } from '../../src/handlers/api/openapi/response-schemas';
import { allScopes } from '../helpers/api-runtime';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';

/** A Keystone failure as the OpenStack client words it: its URL and the authentication error. */
const keystoneError = 'POST https://keystone.internal.example:5000/v3/auth/tokens answered 401: The request you have made requires authentication.';

describe('GET /v1/health shows details only to an admin', () => {
  const warnings: Record<string, unknown>[] = [];
  const { app } = apiFakeApp({
    health: [
      { name: 'storage', check: async () => undefined },
      {
        name: 'openstack',
        check: async () => {
          throw new Error(keystoneError);
        },
      },
    ],
    logger: {
      debug() {},
      info() {},
      warn: (_m: string, extra?: Record<string, unknown>) => void warnings.push(extra ?? {}),
      error() {},
      with() {
        return this;
      },
    },
  });
  const get = async (token?: string) => {
    const res = await app.request('/v1/health', { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    return { status: res.status, text, body: healthSchema.parse(JSON.parse(text)), headers: res.headers };
  };

  it.each([
    ['no token', async () => undefined],
    ['a token without admin', () => apiToken('alice', allScopes)],
    ['an expired admin token', () => apiToken('root', ['admin'], -60)],
    ['a malformed token', async () => 'not.a.jwt'],
  ])('with %s: 503, ok or down per dependency, no URL, error or latency', async (_name, token) => {
    const res = await get(await token());
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', checks: { storage: { status: 'ok' }, openstack: { status: 'down' } } });
    expect(res.text).not.toContain('keystone');
    expect(res.text).not.toContain('401');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('with an admin token: latency and the error message', async () => {
    const res = await get(await apiToken('root', ['admin']));
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'degraded',
      checks: { storage: { status: 'ok', latencyMs: expect.any(Number) }, openstack: { status: 'down', latencyMs: expect.any(Number), error: keystoneError } },
    });
  });

  it('logs the failure for operators (on AWS no token reaches this public route)', async () => {
    warnings.length = 0;
    await get();
    expect(warnings).toEqual([expect.objectContaining({ check: 'openstack', error: keystoneError })]);
  });

  it('answers 200 when every dependency is up, still without details', async () => {
    const { app: healthy } = apiFakeApp();
    const res = await healthy.request('/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { storage: { status: 'ok' } } });
  });
});
