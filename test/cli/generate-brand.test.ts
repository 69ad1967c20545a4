/** `generate --theme brand` needs a configured brand theme; without one it exits 2 saying what is missing. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cliSource = join(import.meta.dirname, '../../src/wiring/cli.ts');
// tsx by path: the CLI runs in a scratch directory, where the package would not resolve.
const tsx = pathToFileURL(join(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

/** The CLI from source (no build needed), on the demo cloud: no OS_* variables. */
function cli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OS_') && k !== 'BRANDING_FILE'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      tsx,
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(cliSource)}); process.exitCode = await main(process.argv.slice(1));`,
      ...args,
    ],
    { cwd, env: { ...clean, DEMO_SERVERS: '5', DEMO_PROJECTS: '2', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('openstack-reports generate --theme brand', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-brand-'));
    await writeFile(join(dir, 'brand.json'), JSON.stringify({ name: 'ACME Cloud', primaryColor: '#123456', title: 'ACME inventory' }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 2 naming BRANDING_FILE when no brand theme is configured, writing nothing', async () => {
    const { code, stderr, stdout } = await cli(['generate', '--type', 'inventory', '--format', 'json', '--theme', 'brand', '--out', 'r.json'], {}, dir);
    expect(code).toBe(2);
    expect(stderr).toContain('--theme brand needs a brand theme');
    expect(stderr).toContain('BRANDING_FILE');
    expect(stdout).not.toContain('wrote');
  });

  it('uses the brand theme given by BRANDING_FILE', async () => {
    const { code, stdout } = await cli(
      ['generate', '--type', 'inventory', '--format', 'json', '--theme', 'brand', '--out', 'r.json'],
      { BRANDING_FILE: 'brand.json' },
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('wrote r.json');
    const data = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as { title: string; presentation: { theme: string; branding?: { name: string } } };
    expect(data).toMatchObject({ title: 'ACME inventory', presentation: { theme: 'brand', branding: { name: 'ACME Cloud' } } });
  });
});
