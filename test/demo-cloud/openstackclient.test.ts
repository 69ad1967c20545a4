import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { OPENSTACK_CLI_MISSING, openstackCliInstalled, requireOpenstackCli } from '../openstack/helpers/openstack-cli';

const run = promisify(execFile);

// The reference client is slow to start (about 2 s per command on CI's two cores).
const TIMEOUT = 120_000;

describe('python-openstackclient against the demo cloud', () => {
  let cloud: DemoCloud;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 60, projects: 6 });
    dir = mkdtempSync(join(tmpdir(), 'demo-cloud-osc-'));
    writeFileSync(join(dir, 'clouds.yaml'), cloud.cloudsYaml('demo', 'admin'));
    // Any OS_* variable of the developer's shell would override clouds.yaml.
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OS_')));
    Object.assign(env, { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'demo' });
  });
  afterAll(async () => {
    await cloud?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('needs the openstack CLI (apt-get install python3-openstackclient)', () => {
    expect(openstackCliInstalled, OPENSTACK_CLI_MISSING).toBe(true);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function openstack(...args: string[]): Promise<any[]> {
    requireOpenstackCli();
    const { stdout } = await run('openstack', [...args, '-f', 'json'], { env, timeout: TIMEOUT, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout);
  }

  it(
    'lists every server of every project with --long',
    async () => {
      const servers = await openstack('server', 'list', '--all-projects', '--long');

      expect(servers).toHaveLength(cloud.data.servers.filter((s) => !s.deleted).length);
      expect(servers.some((s) => s['Image Name'] === 'N/A (booted from volume)')).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'lists usage per project for a period',
    async () => {
      const usage = await openstack('usage', 'list', '--start', '2020-01-01', '--end', '2100-01-01');

      expect(usage.length).toBeGreaterThan(0);
      expect(usage.every((u) => u['CPU Hours'] > 0)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'lists all flavors, private ones included',
    async () => {
      const flavors = await openstack('flavor', 'list', '--all');

      expect(flavors.map((f) => f.ID).sort()).toEqual(
        cloud.data.flavors
          .filter((f) => !f.deleted)
          .map((f) => f.id)
          .sort(),
      );
    },
    TIMEOUT,
  );

  it(
    'lists every volume of every project',
    async () => {
      const volumes = await openstack('volume', 'list', '--all-projects');

      expect(volumes).toHaveLength(cloud.data.volumes.length);
    },
    TIMEOUT,
  );

  it(
    'lists floating IPs',
    async () => {
      const fips = await openstack('floating', 'ip', 'list');

      expect(fips).toHaveLength(cloud.data.floatingIps.length);
    },
    TIMEOUT,
  );

  it(
    'creates a container, uploads an object and lists it',
    async () => {
      writeFileSync(join(dir, 'cost.csv'), 'project,cost\nshop,12.50\n');

      await openstack('container', 'create', 'reports');
      const [created] = await openstack('object', 'create', 'reports', join(dir, 'cost.csv'), '--name', 'monthly/cost.csv');
      const objects = await openstack('object', 'list', 'reports', '--long');

      expect(created).toMatchObject({ container: 'reports', object: 'monthly/cost.csv', etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(objects).toEqual([expect.objectContaining({ Name: 'monthly/cost.csv', Bytes: 24, Hash: created.etag })]);
      expect(cloud.objects().map((o) => `${o.container}/${o.name}`)).toEqual(['reports/monthly/cost.csv']);
    },
    TIMEOUT,
  );
});
