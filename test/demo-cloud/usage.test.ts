import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud, type DemoServer } from '../../src/demo-cloud/index';
import { call, login } from './helpers';

const HOUR = 3_600_000;
const NOW = Date.parse('2025-06-15T12:00:00Z');
const START = Date.parse('2025-03-01T00:00:00Z');
const END = Date.parse('2025-04-01T00:00:00Z');
const usagePath = (tenant: string, start = '2025-03-01T00:00:00', end = '2025-04-01T00:00:00'): string =>
  `/compute/v2.1/os-simple-tenant-usage/${tenant}?start=${start}&end=${end}`;

/** Nova's _hours_for, written out again for the check. */
function expectedHours(s: DemoServer, start: number, stop: number): number {
  if (s.launchedMs === null || s.launchedMs >= stop || (s.terminatedMs !== null && s.terminatedMs <= start)) return 0;
  return (Math.min(stop, s.terminatedMs ?? stop) - Math.max(start, s.launchedMs)) / HOUR;
}

describe('demo cloud os-simple-tenant-usage', () => {
  let cloud: DemoCloud;
  let admin: string;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 300, now: new Date(NOW) });
    admin = (await login(cloud, 'admin')).token;
  });
  afterAll(() => cloud.close());

  it('bills a server deleted during the period for its lifetime inside the period', async () => {
    // Arrange
    const server = cloud.data.servers.find((s) => s.deleted && s.terminatedMs! > START && s.terminatedMs! < END && s.launchedMs! < START)!;
    const flavor = cloud.data.flavors.find((f) => f.id === server.flavorId)!;
    const hours = (server.terminatedMs! - START) / HOUR;

    // Act
    const reply = await call(cloud, usagePath(server.projectId), { token: admin, headers: { 'OpenStack-API-Version': 'compute 2.40' } });

    // Assess
    const line = reply.body.tenant_usage.server_usages.find((u: { instance_id: string }) => u.instance_id === server.id);
    expect(line).toEqual({
      instance_id: server.id,
      name: server.name,
      tenant_id: server.projectId,
      flavor: flavor.name,
      vcpus: flavor.vcpus,
      memory_mb: flavor.ramMb,
      local_gb: flavor.diskGb + flavor.ephemeralGb,
      hours: expect.closeTo(hours, 9),
      started_at: new Date(server.launchedMs!).toISOString().replace('Z', '000'),
      ended_at: new Date(server.terminatedMs!).toISOString().replace('Z', '000'),
      state: 'terminated',
      uptime: Math.floor((server.terminatedMs! - server.launchedMs!) / 1000),
    });
  });

  it('sums vcpus, memory and local disk times hours per project', async () => {
    // Arrange
    const project = cloud.data.projects[1];
    const servers = cloud.data.servers.filter((s) => s.projectId === project.id && expectedHours(s, START, END) > 0);
    const flavor = (s: DemoServer) => cloud.data.flavors.find((f) => f.id === s.flavorId)!;
    const sum = (f: (s: DemoServer) => number): number => servers.reduce((n, s) => n + f(s) * expectedHours(s, START, END), 0);

    // Act
    const reply = await call(cloud, usagePath(project.id), { token: admin });

    // Assess
    const usage = reply.body.tenant_usage;
    expect(usage.start).toBe('2025-03-01T00:00:00.000000');
    expect(usage.stop).toBe('2025-04-01T00:00:00.000000');
    expect(usage.total_hours).toBeCloseTo(
      sum(() => 1),
      6,
    );
    expect(usage.total_vcpus_usage).toBeCloseTo(
      sum((s) => flavor(s).vcpus),
      6,
    );
    expect(usage.total_memory_mb_usage).toBeCloseTo(
      sum((s) => flavor(s).ramMb),
      4,
    );
    expect(usage.total_local_gb_usage).toBeCloseTo(
      sum((s) => flavor(s).diskGb + flavor(s).ephemeralGb),
      4,
    );
  });

  it('clamps the period to now, as Nova does', async () => {
    const reply = await call(cloud, usagePath(cloud.data.projects[1].id, '2025-06-01T00:00:00', '2026-01-01T00:00:00'), { token: admin });

    expect(reply.body.tenant_usage.stop).toBe('2025-06-15T12:00:00.000000');
  });

  it.each([
    ['a timestamp with Z', '2025-03-01T00:00:00Z', '2025-04-01T00:00:00', 'Invalid datetime string: Datetime is in invalid format'],
    ['start after end', '2025-04-01T00:00:00', '2025-03-01T00:00:00', 'Invalid start time. The start time cannot occur after the end time.'],
  ])('refuses %s with 400', async (_case, start, end, message) => {
    const reply = await call(cloud, `/compute/v2.1/os-simple-tenant-usage?start=${start}&end=${end}`, { token: admin });

    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ badRequest: { code: 400, message } });
  });

  it('lets members read their own project’s usage but not the list of all', async () => {
    const member = (await login(cloud, 'member')).token;
    const own = cloud.data.projects.find((p) => p.name === cloud.member.projectName)!;

    const show = await call(cloud, usagePath(own.id), { token: member });
    const list = await call(cloud, '/compute/v2.1/os-simple-tenant-usage?start=2025-03-01T00:00:00', { token: member });

    expect(show.status).toBe(200);
    expect(show.body.tenant_usage.tenant_id).toBe(own.id);
    expect(list.status).toBe(403);
  });
});
