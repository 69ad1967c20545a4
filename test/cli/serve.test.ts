import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, descendants } from '../helpers/processes';
import { pdfText } from '../helpers/pdf-text';

const bin = join(import.meta.dirname, '../../bin/openstack-reports.js');

describe('openstack-reports serve (npm start)', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the demo cloud, turns {"type":"inventory"} into a PDF of every server, and stops cleanly on Ctrl-C', async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-serve-'));
    child = spawn(process.execPath, [bin, 'serve', '--quiet'], {
      env: { ...process.env, PORT: '0', OUTBOX_PORT: '0', OUTBOX_WEB_PORT: '0', DATA_DIR: join(dir, 'data'), DEMO_SERVERS: '25', DEMO_PROJECTS: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const started = Date.now();
    while (!out.includes('Press Ctrl-C') && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));

    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const token = /TOKEN='([^']+)'/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    const auth = { authorization: `Bearer ${token}` };

    const created = (await (
      await fetch(`${url}/v1/reports`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'inventory', formats: ['pdf', 'json'] }),
      })
    ).json()) as { id: string };
    let run: { status: string } = { status: 'queued' };
    for (let i = 0; i < 600 && !['succeeded', 'failed'].includes(run.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await (await fetch(`${url}/v1/reports/${created.id}`, { headers: auth })).json()) as { status: string };
    }
    expect(run.status).toBe('succeeded');

    const data = (await (await fetch(`${url}/v1/reports/${created.id}/data`, { headers: auth })).json()) as { inventory: { servers: { id: string }[] } };
    const redirect = await fetch(`${url}/v1/reports/${created.id}/download?format=pdf`, { headers: auth, redirect: 'manual' });
    const pdf = new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
    const flat = (await pdfText(pdf, { layout: false })).text.replace(/[\s-]+/g, '');
    const ids = data.inventory.servers.map((s) => s.id);
    expect(ids).toHaveLength(25);
    for (const id of ids) expect(flat).toContain(id.replace(/-/g, ''));

    const family = descendants(child.pid!);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child!.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    for (let i = 0; i < 50 && family.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(family.filter(alive).map((pid) => execFileSync('ps', ['-o', 'pid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim())).toEqual([]);
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
  });
});
