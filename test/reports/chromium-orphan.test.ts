import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, descendants } from '../helpers/processes';

// A process that renders one page with two browsers and then waits to be killed.
const script = `
import { ChromiumPdfRenderer } from ${JSON.stringify(join(import.meta.dirname, '../../src/adapters/chromium/chromium-pdf-renderer.ts'))};
const renderer = new ChromiumPdfRenderer({ browsers: 2 });
await Promise.all([renderer.render('<p>one</p>'), renderer.render('<p>two</p>')]);
console.log('ready');
setInterval(() => undefined, 1000);
`;

describe('Chromium', () => {
  it('dies with the process that launched it, even when that one is killed with -9', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: join(import.meta.dirname, '../..'),
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const t0 = Date.now();
    while (!out.includes('ready') && child.exitCode === null && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('ready');
    const browsers = descendants(child.pid!);
    expect(browsers.length).toBeGreaterThan(1);

    child.kill('SIGKILL');
    const t1 = Date.now();
    while (browsers.some(alive) && Date.now() - t1 < 15_000) await new Promise((r) => setTimeout(r, 200));
    const survivors = browsers.filter(alive);
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    expect(survivors).toEqual([]);
  });
});
