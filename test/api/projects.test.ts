/**
 * `GET /v1/projects` over the real OpenStack client, against the demo cloud on 127.0.0.1 (Keystone
 * v3 as it answers), with the API app on the local adapters' in-memory stand-ins.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackClient } from '../../src/adapters/openstack/client';
import { cloudConfigFromDocument } from '../../src/adapters/openstack/config/cloud-config-from-document';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { projectListSchema } from '../../src/handlers/api/openapi/response-schemas';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';
import { expectProblem } from '../helpers/api-runtime';

describe('GET /v1/projects against the demo cloud', () => {
  let cloud: DemoCloud;
  let token: string;

  beforeAll(async () => {
    cloud = await startDemoCloud({ seed: 3, servers: 10, projects: 4 });
    token = await apiToken('alice', ['reports:write']);
  });
  afterAll(() => cloud?.close());

  afterEach(() => cloud.setFaults({}));

  /** The app over the demo cloud, reached with `entry`'s credentials; quick retries. */
  function appFor(entry: Record<string, unknown>) {
    const client = new OpenStackClient(cloudConfigFromDocument(entry), { cache: new TtlCache(), retryBaseDelayMs: 5, retryMaxDelayMs: 20, maxRetries: 1 });
    const inventory = new OpenStackInventorySource(client);
    return apiFakeApp({ inventory: async () => inventory }).app;
  }

  const get = (app: ReturnType<typeof appFor>) => app.request('http://api.test/v1/projects', { headers: { authorization: `Bearer ${token}` } });

  it('lists every project, by name, for an admin account', async () => {
    const res = await get(appFor(cloud.cloudEntry('admin')));
    expect(res.status).toBe(200);
    const body = projectListSchema.parse(await res.json());
    const expected = cloud.data.projects
      .map((p) => ({ id: p.id, name: p.name, domainId: p.domainId, enabled: p.enabled }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    expect(body.items).toEqual(expected);
    expect(body.items.length).toBe(4);
  });

  it('lists only the projects a member may scope to', async () => {
    const body = projectListSchema.parse(await (await get(appFor(cloud.cloudEntry('member')))).json());
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThan(4);
  });

  it('answers 502 with Keystone’s refusal when the credentials are wrong, never a stack trace', async () => {
    const entry = cloud.cloudEntry('admin');
    const res = await get(appFor({ ...entry, auth: { ...(entry.auth as object), password: 'wrong' } }));
    const body = await expectProblem(res, 502, 'cloud-error');
    expect(body.detail).toContain('401');
    expect(body.detail).not.toMatch(/\n\s+at /);
    expect(body.detail).not.toContain('wrong');
  });

  it('answers 503 with Retry-After when the cloud keeps failing', async () => {
    cloud.setFaults({ errorRate: 1 });
    const res = await get(appFor(cloud.cloudEntry('admin')));
    await expectProblem(res, 503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
