import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/adapters/local/data-dir-lock';

const bin = join(import.meta.dirname, '../../bin/openstack-reports.js');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'osr-lock-'));
  dirs.push(dir);
  return dir;
}

describe('one service per data folder', () => {
  it('refuses a second claim while the first holds the folder, naming the folder and the holder', async () => {
    const dir = await scratch();
    const first = await lockDataDir(dir, 'http://127.0.0.1:3000');
    await expect(lockDataDir(dir, 'http://127.0.0.1:3001')).rejects.toThrow(
      new RegExp(`The data folder ${dir} is in use by another openstack-reports \\(pid ${process.pid}, http://127.0.0.1:3000, started `),
    );
    await first.release();
    const again = await lockDataDir(dir, 'http://127.0.0.1:3001');
    expect(JSON.parse(await readFile(join(dir, 'instance.lock'), 'utf8'))).toMatchObject({ pid: process.pid, address: 'http://127.0.0.1:3001' });
    await again.release();
  });

  it('takes over a lock whose process is gone (kill -9, power loss)', async () => {
    const dir = await scratch();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    await writeFile(join(dir, 'instance.lock'), JSON.stringify({ pid: gone, address: 'http://127.0.0.1:3000', startedAt: '2026-01-01T00:00:00Z' }));
    const lock = await lockDataDir(dir, 'http://127.0.0.1:3000');
    expect(JSON.parse(await readFile(join(dir, 'instance.lock'), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('makes a second `serve` on the same DATA_DIR exit 1 with that message, not a stack trace', async () => {
    const dir = await scratch();
    const env = { ...process.env, PORT: '0', OUTBOX_PORT: '0', OUTBOX_WEB_PORT: '0', DATA_DIR: join(dir, 'data'), DEMO_SERVERS: '5', DEMO_PROJECTS: '2' };
    const first = spawn(process.execPath, [bin, 'serve', '--quiet'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      first.stdout.on('data', (d) => (out += d));
      const started = Date.now();
      while (!out.includes('Press Ctrl-C') && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('Press Ctrl-C');

      const second = spawnSync(process.execPath, [bin, 'serve', '--quiet'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`is in use by another openstack-reports (pid ${first.pid}`);
      expect(second.stderr).toContain('DATA_DIR');
      expect(second.stderr).not.toMatch(/\n\s+at /);
    } finally {
      first.kill('SIGINT');
      await new Promise((r) => first.once('exit', r));
    }
  });
});
