import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud';
import { pdfText } from '../helpers/pdf-text';

const bin = join(import.meta.dirname, '../../bin/openstack-reports.js');

function cli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('openstack-reports CLI', () => {
  let dir: string;
  let cloud: DemoCloud;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-cli-'));
    cloud = await startDemoCloud({ servers: 40, projects: 4, seed: 7 });
    await writeFile(join(dir, 'clouds.yaml'), cloud.cloudsYaml('lab', 'admin'));
  });

  afterAll(async () => {
    await cloud?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['generate', 'serve', 'demo-cloud', 'token'])('prints help for %s', async (command) => {
    const { code, stdout } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: openstack-reports ${command}`);
  });

  it('names an unknown flag and exits 2', async () => {
    const { code, stderr } = await cli(['generate', '--type', 'inventory', '--colour', 'red']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--colour'");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('lists every invalid spec field and exits 2', async () => {
    const { code, stderr } = await cli(['generate', '--type', 'invoice', '--locale', 'fr', '--timezone', 'Mars/Olympus']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/type: /);
    expect(stderr).toMatch(/locale: /);
    expect(stderr).toMatch(/period\.timezone: must be an IANA time zone/);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, stderr } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });

  it('generates an inventory PDF of a cloud named in clouds.yaml, listing every server', async () => {
    const out = join(dir, 'inventory.pdf');
    const { code, stdout, stderr } = await cli(['generate', '--cloud', 'lab', '--type', 'inventory', '--out', out], {
      OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${out}`);
    const { text } = await pdfText(new Uint8Array(await readFile(out)), { layout: false });
    const flat = text.replace(/[\s-]+/g, '');
    const live = cloud.data.servers.filter((s) => !s.deleted);
    expect(live.length).toBeGreaterThan(0);
    for (const s of live) expect(flat).toContain(s.id.replace(/-/g, ''));
  });

  it('explains an unknown cloud without a stack trace', async () => {
    const { code, stderr } = await cli(['generate', '--cloud', 'nope', '--type', 'inventory', '--out', join(dir, 'x.pdf')], {
      OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('nope');
    expect(stderr).toContain('lab');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain(cloud.admin.password);
  });
});
