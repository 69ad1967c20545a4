import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import type { Server } from '../../src/domain/cloud';
import { TtlCache } from '../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackClient } from '../../src/adapters/openstack/client';
import { loadCloudConfig } from '../../src/adapters/openstack/config/load-cloud-config';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { OPENSTACK_CLI_MISSING, openstackCliInstalled, requireOpenstackCli } from './helpers/openstack-cli';

const run = promisify(execFile);

type Row = Record<string, unknown>;

describe('conformance with the OpenStack CLI', () => {
  let cloud: DemoCloud;
  let dir: string;
  let env: Record<string, string>;
  let inventory: OpenStackInventorySource;
  let client: OpenStackClient;

  /** Runs `openstack … -f json` against the demo cloud with a clean environment. */
  const osc = async (...args: string[]): Promise<Row[]> => {
    requireOpenstackCli();
    // Async on purpose: the demo cloud is served from this very process.
    const { stdout } = await run('openstack', [...args, '-f', 'json'], { env, maxBuffer: 256 * 1024 * 1024 });
    return JSON.parse(stdout) as Row[];
  };

  beforeAll(async () => {
    // Default page size (1000): OSC 6 reads usage at compute 2.1, where nova stops at max_limit
    // instances without a next link, so a smaller page would cut OSC's figures, not ours.
    cloud = await startDemoCloud({ seed: 11, servers: 240, projects: 8 });
    dir = await mkdtemp(join(tmpdir(), 'osc-conformance-'));
    await writeFile(join(dir, 'clouds.yaml'), cloud.cloudsYaml('demo', 'admin'));
    env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'demo' };
    const config = await loadCloudConfig({ env, cwd: dir, homeDir: dir, systemConfigDir: join(dir, 'none') });
    client = new OpenStackClient(config, { cache: new TtlCache() });
    inventory = new OpenStackInventorySource(client);
  });
  afterAll(async () => {
    await cloud?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('needs the openstack CLI (apt-get install python3-openstackclient)', () => {
    expect(openstackCliInstalled, OPENSTACK_CLI_MISSING).toBe(true);
  });

  it('lists the same servers as `openstack server list --all-projects --long`', async () => {
    // `--limit -1`: without it OSC 6 shows only nova's first page (max_limit servers).
    const [theirs, ours] = await Promise.all([osc('server', 'list', '--all-projects', '--long', '--limit', '-1'), inventory.listServers({ kind: 'all' })]);
    expect(ours.map((s) => s.id).sort()).toEqual(theirs.map((r) => r.ID).sort());
    const byId = new Map<string, Server>(ours.map((s) => [s.id, s]));
    for (const row of theirs) {
      const s = byId.get(row.ID as string)!;
      expect({ name: s.name, status: s.status, powerState: s.powerState, host: s.host ?? null }).toEqual({
        name: row.Name,
        status: row.Status,
        powerState: row['Power State'],
        host: row.Host || null,
      });
      // OSC 6 reads servers at compute 2.1 and looks flavors up; a deleted flavor has no name there.
      if (row['Flavor Name']) expect(s.flavor?.name).toBe(row['Flavor Name']);
      expect(s.imageId ?? 'N/A (booted from volume)').toBe(row['Image ID']);
      const networks = row.Networks as Record<string, string[]>;
      const addresses = Object.entries(networks).flatMap(([net, addrs]) => addrs.map((a) => `${net}=${a}`));
      expect(s.addresses.map((a) => `${a.network}=${a.addr}`).sort()).toEqual(addresses.sort());
    }
  });

  it('resolves flavors like OSC at compute 2.1, marking deleted ones', async () => {
    const legacy = new OpenStackInventorySource(new OpenStackClient(client.config, { cache: new TtlCache(), maxComputeMicroversion: '2.1' }));
    const [theirs, ours] = await Promise.all([osc('server', 'list', '--all-projects', '--long', '--limit', '-1'), legacy.listServers({ kind: 'all' })]);
    const byId = new Map<string, Server>(ours.map((s) => [s.id, s]));
    let deleted = 0;
    for (const row of theirs) {
      const flavor = byId.get(row.ID as string)!.flavor!;
      expect(flavor.id).toBe(row['Flavor ID']);
      if (flavor.deleted) {
        deleted++;
        expect(flavor.name).toBe(`(deleted flavor ${flavor.id})`);
      } else {
        expect(flavor.name).toBe(row['Flavor Name']);
      }
    }
    expect(deleted).toBeGreaterThan(0);
  });

  it('lists the same flavors as `openstack flavor list --all`', async () => {
    const [theirs, ours] = await Promise.all([osc('flavor', 'list', '--all'), client.flavors()]);
    const mine = ours.map((f) => ({ ID: f.id, Name: f.name, RAM: f.ramMb, Disk: f.diskGb, Ephemeral: f.ephemeralGb, VCPUs: f.vcpus, 'Is Public': f.isPublic }));
    expect(sortBy(mine, 'ID')).toEqual(sortBy(theirs, 'ID'));
  });

  it('lists the same volumes as `openstack volume list --all-projects`', async () => {
    const [theirs, ours] = await Promise.all([osc('volume', 'list', '--all-projects'), inventory.listVolumes({ kind: 'all' })]);
    const mine = ours.map((v) => ({ ID: v.id, Name: v.name, Status: v.status, Size: v.sizeGb, servers: v.attachments.map((a) => a.serverId) }));
    const cli = theirs.map((r) => ({
      ID: r.ID,
      Name: r.Name,
      Status: r.Status,
      Size: r.Size,
      servers: (r['Attached to'] as { server_id: string }[]).map((a) => a.server_id),
    }));
    expect(sortBy(mine, 'ID')).toEqual(sortBy(cli, 'ID'));
  });

  it('lists the same floating IPs as `openstack floating ip list`', async () => {
    const [theirs, ours] = await Promise.all([osc('floating', 'ip', 'list'), inventory.listFloatingIps({ kind: 'all' })]);
    const mine = ours.map((f) => ({
      ID: f.id,
      'Floating IP Address': f.address,
      'Fixed IP Address': f.fixedIpAddress,
      Port: f.portId,
      'Floating Network': f.floatingNetworkId,
      Project: f.projectId,
    }));
    expect(sortBy(mine, 'ID')).toEqual(sortBy(theirs, 'ID'));
  });

  it('reports the same usage as `openstack usage list`, to the cent OSC prints', async () => {
    const day = 86_400_000;
    const end = new Date(Math.floor(cloud.data.now.getTime() / day) * day);
    const start = new Date(end.getTime() - 30 * day);
    const date = (d: Date) => d.toISOString().slice(0, 10);
    const [theirs, ours] = await Promise.all([
      osc('usage', 'list', '--start', date(start), '--end', date(end)),
      inventory.getUsage({ kind: 'all' }, { start, end }),
    ]);
    const round = (n: unknown) => Number(n).toFixed(2);
    const mine = ours.map((u) => ({
      Project: u.projectId,
      Servers: u.servers.length,
      'RAM MB-Hours': round(u.memoryMbHours),
      'CPU Hours': round(u.vcpuHours),
      'Disk GB-Hours': round(u.diskGbHours),
    }));
    const cli = theirs.map((r) => ({
      Project: r.Project,
      Servers: (r.Servers as unknown[]).length,
      'RAM MB-Hours': round(r['RAM MB-Hours']),
      'CPU Hours': round(r['CPU Hours']),
      'Disk GB-Hours': round(r['Disk GB-Hours']),
    }));
    expect(cli.length).toBeGreaterThan(0);
    expect(sortBy(mine, 'Project')).toEqual(sortBy(cli, 'Project'));
  });
});

function sortBy<T extends Row>(rows: T[], key: string): T[] {
  return [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}
