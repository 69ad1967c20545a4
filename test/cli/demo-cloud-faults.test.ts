/**
 * `openstack-reports demo-cloud` fault flags, mapped onto the demo cloud's fault options. The CLI
 * runs from source (src/wiring/cli.ts under tsx), so no build is needed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const cliSource = join(import.meta.dirname, '../../src/wiring/cli.ts');
const running: ChildProcess[] = [];

function start(args: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(cliSource)}); process.exitCode = await main(process.argv.slice(1));`,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.push(child);
  return child;
}

/** Runs a command line to its end. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

interface Cloud {
  banner: string;
  authUrl: string;
  auth: { username: string; password: string; project_name: string };
}

/** Starts a demo cloud with these flags and waits for its clouds.yaml. */
function demoCloud(flags: string[]): Promise<Cloud> {
  const child = start(['demo-cloud', '--port', '0', '--servers', '5', '--projects', '2', ...flags]);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => reject(new Error(String(d))));
    child.stdout!.on('data', (d) => {
      out += d;
      if (!out.includes('identity_api_version')) return;
      const yaml = parse(out.slice(out.indexOf('clouds:'))) as { clouds: { demo: { auth: Cloud['auth'] & { auth_url: string } } } };
      resolve({ banner: out, authUrl: yaml.clouds.demo.auth.auth_url, auth: yaml.clouds.demo.auth });
    });
  });
}

async function token(cloud: Cloud): Promise<string> {
  const res = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: cloud.auth.username, domain: { name: 'Default' }, password: cloud.auth.password } } },
        scope: { project: { name: cloud.auth.project_name, domain: { name: 'Default' } } },
      },
    }),
  });
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGINT');
});

describe('openstack-reports demo-cloud fault flags', () => {
  it('documents every fault flag in --help', async () => {
    const { code, stdout } = await run(['demo-cloud', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--latency-ms', '--error-rate', '--rate-limit-rate', '--retry-after', '--revoke-tokens-every', '--fail-path', '--fail-path-status']) {
      expect(stdout).toContain(flag);
    }
  });

  it('--error-rate 1 --latency-ms 150: every answer late and 500 or 503', async () => {
    const cloud = await demoCloud(['--error-rate', '1', '--latency-ms', '150']);
    expect(cloud.banner).toContain('150 ms latency on every answer');
    const t0 = performance.now();
    const res = await fetch(cloud.authUrl);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect([500, 503]).toContain(res.status);
  });

  it('--rate-limit-rate 1 --retry-after 7: every answer 429 with Retry-After: 7', async () => {
    const cloud = await demoCloud(['--rate-limit-rate', '1', '--retry-after', '7']);
    const res = await fetch(cloud.authUrl);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('--revoke-tokens-every 1 and --fail-path with --fail-path-status', async () => {
    const cloud = await demoCloud(['--revoke-tokens-every', '1', '--fail-path', '/v3/domains', '--fail-path-status', '403']);
    expect(cloud.banner).toMatch(/tokens revoked after 1 requests[\s\S]*answered 403/);
    const t = await token(cloud);
    const projects = () => fetch(`${cloud.authUrl}/projects`, { headers: { 'x-auth-token': t } });
    expect((await projects()).status).toBe(200);
    expect((await projects()).status).toBe(401);
    expect((await fetch(`${cloud.authUrl}/domains`, { headers: { 'x-auth-token': await token(cloud) } })).status).toBe(403);
  });

  it.each([
    [['--error-rate', '2'], '--error-rate must be a number from 0 to 1'],
    [['--rate-limit-rate', 'lots'], '--rate-limit-rate must be a number from 0 to 1'],
    [['--latency-ms=-5'], '--latency-ms must be a whole number'],
    [['--revoke-tokens-every', '0'], '--revoke-tokens-every must be a whole number from 1'],
    [['--fail-path', '('], '--fail-path must be a regular expression'],
    [['--fail-path-status', '404'], '--fail-path-status goes with --fail-path'],
    [['--fail-path', 'x', '--fail-path-status', '200'], '--fail-path-status must be a whole number from 400 to 599'],
  ])('refuses %j with exit 2', async (flags, message) => {
    const { code, stderr } = await run(['demo-cloud', '--port', '0', ...flags]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
