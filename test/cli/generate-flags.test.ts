import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/demo-cli';

const cli = demoCli;

describe('generate, with the flags the spec gives it', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-flags-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes sort, columns, metadata keys and waste days, which it used to lack', async () => {
    const out = join(dir, 'inv.json');
    const args = ['generate', '--type', 'inventory', '--sort', 'vcpus', '--sort-direction', 'desc', '--columns', 'name,vcpus,status'];
    const { code, stderr } = await cli([...args, '--metadata-key', 'team', '--waste-shutoff-days', '7', '--format', 'json', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const data = JSON.parse(await readFile(out, 'utf8')) as {
      presentation: { columns: string[]; metadataKeys: string[] };
      sort: object;
      inventory: { servers: { vcpus: number }[] };
    };
    expect(data.presentation).toMatchObject({ columns: ['name', 'vcpus', 'status'], metadataKeys: ['team'] });
    expect(data.sort).toEqual({ by: 'vcpus', direction: 'desc' });
    const vcpus = data.inventory.servers.map((s) => s.vcpus);
    expect(vcpus).toEqual([...vcpus].sort((a, b) => b - a));
  });

  it('reports on last month in the zone given when no period is, and says so', async () => {
    const out = join(dir, 'usage.json');
    const { code, stderr } = await cli(['generate', '--type', 'usage', '--timezone', 'Europe/Berlin', '--format', 'json', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('No period given: reporting on last-month in Europe/Berlin');
    const { period } = JSON.parse(await readFile(out, 'utf8')) as { period: { start: string; end: string } };
    const now = new Date();
    const firstOfMonth = (year: number, month: number) => new Date(`${year}-${String(month).padStart(2, '0')}-01T00:00:00+01:00`).getTime();
    // Berlin is UTC+1 or +2: the start is the first of last month at local midnight, give or take the summer hour.
    const lastMonth = now.getUTCMonth() === 0 ? [now.getUTCFullYear() - 1, 12] : [now.getUTCFullYear(), now.getUTCMonth()];
    expect(Math.abs(Date.parse(period.start) - firstOfMonth(lastMonth[0]!, lastMonth[1]!))).toBeLessThanOrEqual(3_600_000);
  });

  it('takes dates for the period, as that day’s midnight in the zone, the end excluded', async () => {
    const out = join(dir, 'dates.json');
    const { code } = await cli([
      'generate',
      '--type',
      'usage',
      '--start',
      '2026-01-01',
      '--end',
      '2026-02-01',
      '--timezone',
      'America/Sao_Paulo',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(await readFile(out, 'utf8')) as { period: object }).period).toMatchObject({
      start: '2026-01-01T03:00:00.000Z',
      end: '2026-02-01T03:00:00.000Z',
    });
  });
});
