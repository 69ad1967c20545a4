import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/demo-cli';
import type { ReportData } from '../../src/report-engine';

const priceList = join(import.meta.dirname, '../../src/demo-cloud/demo-price-list.yaml');

const cli = demoCli;

describe('generate with the chargeback flags', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-chargeback-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('--group-by, --step, --compare and --budget GROUP=AMOUNT reach the report', async () => {
    const out = join(dir, 'cost.json');
    const { code, stderr } = await cli([
      'generate',
      '--type',
      'cost',
      '--price-list',
      priceList,
      '--preset',
      'last-month',
      '--group-by',
      'metadata:cost_center',
      '--step',
      'week',
      '--compare',
      '--budget',
      'CC-1010=250',
      '--budget',
      '(none)=10.5',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const data = JSON.parse(await readFile(out, 'utf8')) as ReportData;
    expect(data.grouping!.dimensions).toEqual(['metadata:cost_center']);
    expect(data.series!.step).toBe('week');
    expect(data.comparison!.totals.current).toBe(data.cost!.totals.total);
    expect(data.budgets!.map((b) => [b.keys, b.amount])).toEqual([
      [['CC-1010'], '250.00'],
      [['(none)'], '10.50'],
    ]);
  });

  it.each([
    [['--type', 'inventory', '--group-by', 'flavor'], 'groupBy: applies to usage and cost reports only, not inventory'],
    [['--type', 'usage', '--budget', 'CC-1=5'], 'budgets: applies to cost reports only, not usage'],
    [['--type', 'cost', '--group-by', 'colour'], 'groupBy.0: must be project, domain, flavor, availabilityZone, metadata:<key> or tag:<key>'],
    [['--type', 'cost', '--step', 'hour'], 'step: '],
    [['--type', 'cost', '--budget', 'CC-1'], '--budget takes KEY=VALUE, not "CC-1"'],
    [['--type', 'cost', '--budget', 'a/b=5'], 'budgets.0.keys: has 2 keys but the report groups by 1 dimension(s)'],
  ])('refuses %j with exit code 2, naming the field', async (args, message) => {
    const { code, stderr } = await cli(['generate', ...args, '--format', 'json', '--out', join(dir, 'x.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
