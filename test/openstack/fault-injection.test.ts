import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { TtlCache } from '../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackClient } from '../../src/adapters/openstack/client';
import { cloudConfigFromDocument } from '../../src/adapters/openstack/config/cloud-config-from-document';
import { OpenStackHttpError } from '../../src/adapters/openstack/errors/openstack-http-error';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { rejection } from './helpers/test-client';

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('inventory against the demo cloud with injected faults', () => {
  let cloud: DemoCloud;

  beforeAll(async () => {
    cloud = await startDemoCloud({ seed: 7, servers: 5000, projects: 50 });
  });
  afterAll(() => cloud?.close());

  /** Fast retries: the point is completeness, not waiting. */
  const source = () => {
    const client = new OpenStackClient(cloudConfigFromDocument(cloud.cloudsYaml('demo', 'admin')), {
      cache: new TtlCache(),
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 50,
      maxRetries: 8,
    });
    return { client, inventory: new OpenStackInventorySource(client) };
  };

  it('reads a complete and exact 5,000-server inventory through 503s, 429s and a token revocation', async () => {
    // Prepare: each token is revoked after 40 uses; the run makes fewer than 80, so exactly one is.
    cloud.setFaults({ errorRate: 0.2, rateLimitRate: 0.05, retryAfterSeconds: 0, revokeTokensAfterRequests: 40 });
    const { client, inventory } = source();
    const { data } = cloud;
    // Act
    const projects = await inventory.listProjects();
    const servers = await inventory.listServers({ kind: 'all' });
    const volumes = await inventory.listVolumes({ kind: 'all' });
    const snapshots = await inventory.listSnapshots({ kind: 'all' });
    const floatingIps = await inventory.listFloatingIps({ kind: 'all' });
    const ports = await inventory.listPorts({ kind: 'all' });
    const images = await inventory.listImages();
    const quotas = await inventory.getQuotas(projects.slice(0, 10).map((p) => p.id));
    const named = await inventory.listServers({ kind: 'projects', projectIds: projects.slice(0, 3).map((p) => p.id) });
    const period = { start: new Date(data.now.getTime() - 30 * 86_400_000), end: data.now };
    const usage = await inventory.getUsage({ kind: 'all' }, period);
    // Assess
    const live = data.servers.filter((s) => !s.deleted);
    expect(live).toHaveLength(5000);
    expect(sorted(servers.map((s) => s.id))).toEqual(sorted(live.map((s) => s.id)));
    expect(new Set(servers.map((s) => s.id)).size).toBe(5000);
    const byId = new Map(live.map((s) => [s.id, s]));
    for (const s of servers) {
      const expected = byId.get(s.id)!;
      expect([s.name, s.projectId, s.status]).toEqual([expected.name, expected.projectId, expected.status]);
    }
    expect(sorted(projects.map((p) => p.id))).toEqual(sorted(data.projects.map((p) => p.id)));
    expect(sorted(volumes.map((v) => v.id))).toEqual(sorted(data.volumes.map((v) => v.id)));
    expect(sorted(snapshots.map((v) => v.id))).toEqual(sorted(data.snapshots.map((v) => v.id)));
    expect(sorted(floatingIps.map((v) => v.id))).toEqual(sorted(data.floatingIps.map((v) => v.id)));
    expect(sorted(ports.map((v) => v.id))).toEqual(sorted(data.ports.map((v) => v.id)));
    expect(sorted(images.map((v) => v.id))).toEqual(sorted(data.images.filter((i) => !i.deleted).map((i) => i.id)));
    expect(quotas).toHaveLength(10);
    const namedIds = new Set(projects.slice(0, 3).map((p) => p.id));
    expect(sorted(named.map((s) => s.id))).toEqual(sorted(live.filter((s) => namedIds.has(s.projectId)).map((s) => s.id)));
    // Usage read through the faults equals usage read without them.
    const faultStats = { retries: client.stats.retries, reauthentications: client.stats.reauthentications };
    cloud.setFaults({});
    const calm = await source().inventory.getUsage({ kind: 'all' }, period);
    const byProject = (u: typeof usage) => [...u].sort((a, b) => a.projectId.localeCompare(b.projectId));
    expect(byProject(usage)).toEqual(byProject(calm));
    expect(usage.length).toBeGreaterThan(40);
    // The faults really happened and were survived.
    expect(faultStats.retries).toBeGreaterThan(5);
    expect(faultStats.reauthentications).toBeGreaterThanOrEqual(1);
    expect(cloud.stats().byStatus['429']).toBeGreaterThan(0);
  });

  it('fails the fetch, naming the request id, when one page keeps failing', async () => {
    // Prepare: find the marker that starts page 3 of the all-projects listing, then break it.
    cloud.setFaults({});
    const { data } = cloud;
    const probe = source();
    const order = (await probe.inventory.listServers({ kind: 'all' })).map((s) => s.id);
    expect(order).toHaveLength(data.servers.filter((s) => !s.deleted).length);
    cloud.setFaults({ failPathPattern: `/servers/detail\\?.*marker=${order[1999]}` });
    const { inventory } = source();
    // Act
    const error = await rejection(inventory.listServers({ kind: 'all' }));
    // Assess
    expect(error).toBeInstanceOf(OpenStackHttpError);
    const http = error as OpenStackHttpError;
    expect(http.status).toBe(500);
    expect(http.retryable).toBe(true);
    expect(http.requestId).toMatch(/^req-/);
    expect(http.message).toContain(`(request id ${http.requestId})`);
    expect(http.message).toContain(`marker=${order[1999]}`);
  });
});
