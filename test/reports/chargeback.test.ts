import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudConfigFromDocument, createInventorySource } from '../../src/adapters/openstack';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud';
import type { InventorySource } from '../../src/domain/ports';
import type { ReportSpecInput } from '../../src/domain/report-spec';
import { samplePriceList } from '../../src/presentation/sample-cloud';
import { reportDataSchema, type ReportData } from '../../src/report-engine';
import type { PdfRenderer } from '../../src/domain/ports';
import { buildReportData, csvRecords, renderReport, silentLogger, spec } from './helpers';

const noPdf: PdfRenderer = { render: async () => new Uint8Array(), close: async () => undefined };

/** Sums two-decimal strings or numbers exactly, as cents. */
function cents(values: Iterable<string | number | undefined>): number {
  let sum = 0;
  for (const v of values) if (v !== undefined) sum += Math.round(Number(v) * 100);
  return sum;
}

interface Cloud {
  cloud: DemoCloud;
  source: InventorySource;
}

async function openCloud(now: Date, seed = 5): Promise<Cloud> {
  const cloud = await startDemoCloud({ servers: 120, projects: 5, seed, now });
  const doc = parseYaml(cloud.cloudsYaml('demo')) as { clouds: Record<string, unknown> };
  return { cloud, source: createInventorySource(cloudConfigFromDocument(doc.clouds.demo)) };
}

async function report(c: Cloud, input: ReportSpecInput): Promise<ReportData> {
  const data = await buildReportData(c.source, spec({ priceList: samplePriceList, ...input }), {
    runId: 'chargeback',
    now: c.cloud.data.now,
    logger: silentLogger,
  });
  // Every report is a valid snapshot of the current schema.
  expect(reportDataSchema.parse(JSON.parse(JSON.stringify(data)))).toEqual(data);
  return data;
}

describe('chargeback on the demo cloud (now: 2026-04-15T10:00Z)', () => {
  let c: Cloud;
  beforeAll(async () => {
    c = await openCloud(new Date('2026-04-15T10:00:00Z'));
  });
  afterAll(async () => {
    await c?.cloud.close();
  });

  it('groups cost by cost centre, with "(none)" for servers without one, and the groups sum to the totals', async () => {
    const data = await report(c, { type: 'cost', groupBy: ['metadata:cost_center'], period: { preset: 'last-month' } });
    const g = data.grouping!;
    expect(g.dimensions).toEqual(['metadata:cost_center']);
    const keys = g.groups.map((x) => x.keys[0]);
    expect(keys).toContain('(none)');
    expect(keys.filter((k) => k.startsWith('CC-')).length).toBeGreaterThanOrEqual(3);
    expect(g.attribution).toContain('attached');
    for (const field of ['compute', 'volumes', 'floatingIps', 'subtotal', 'discount', 'tax', 'total'] as const) {
      expect(cents(g.groups.map((x) => x.cost![field]))).toBe(cents([data.cost!.totals[field]]));
      expect(g.totals.cost![field]).toBe(data.cost!.totals[field]);
    }
    // Every cost line carries its group; the groups are the sums of their lines.
    for (const group of g.groups) {
      const lines = data.cost!.lines.filter((l) => JSON.stringify(l.groupKeys) === JSON.stringify(group.keys));
      expect(cents(lines.map((l) => l.amount))).toBe(cents([group.cost!.subtotal]));
    }
    // A server line carries every metadata property, whatever the PDF shows.
    const withMeta = data.cost!.lines.find((l) => l.kind === 'server' && l.metadata?.cost_center);
    expect(withMeta?.groupKeys).toEqual([withMeta!.metadata!.cost_center]);
    expect(Object.keys(withMeta!.metadata!)).toEqual(expect.arrayContaining(['team', 'env', 'cost_center']));
  });

  it('groups by project the same way as the project table', async () => {
    const data = await report(c, { type: 'cost', groupBy: ['project'], period: { preset: 'last-month' } });
    for (const p of data.cost!.byProject.filter((x) => x.subtotal !== '0.00')) {
      const group = data.grouping!.groups.find((x) => x.keys[0] === p.projectId)!;
      expect(group.label).toBe(p.projectName);
      expect(group.cost).toEqual({
        compute: p.compute,
        volumes: p.volumes,
        floatingIps: p.floatingIps,
        subtotal: p.subtotal,
        discount: p.discount,
        tax: p.tax,
        total: p.total,
      });
    }
  });

  it('groups usage two levels deep (team then tag owner), with parents that sum their groups', async () => {
    const data = await report(c, { type: 'usage', groupBy: ['metadata:team', 'tag:owner'], period: { preset: 'last-month' } });
    const g = data.grouping!;
    expect(g.groups.every((x) => x.keys.length === 2)).toBe(true);
    expect(g.groups.some((x) => x.keys[1] !== '(none)' && x.keys[1] === x.keys[0])).toBe(true);
    expect(cents(g.groups.map((x) => x.vcpuHours))).toBe(cents([data.usage!.totals.vcpuHours]));
    for (const p of g.parents!) {
      const children = g.groups.filter((x) => x.keys[0] === p.keys[0]);
      expect(cents([p.vcpuHours])).toBe(cents(children.map((x) => x.vcpuHours)));
      expect(p.servers).toBe(children.reduce((n, x) => n + x.servers, 0));
    }
    expect(data.usage!.servers.every((s) => s.groupKeys?.length === 2)).toBe(true);
  });

  it('a daily cost series sums to the period totals to the cent across the spring change in Europe/Berlin', async () => {
    const data = await report(c, {
      type: 'cost',
      groupBy: ['metadata:cost_center'],
      step: 'day',
      period: { start: '2026-03-01', end: '2026-04-01', timezone: 'Europe/Berlin' },
    });
    const s = data.series!;
    expect(s.steps).toHaveLength(31);
    // 29 March 2026: clocks go from 02:00 to 03:00, so that day has 23 hours.
    expect(s.steps.find((x) => x.label === '2026-03-29')!.hours).toBe('23');
    expect(s.steps[0]!.start).toBe('2026-02-28T23:00:00.000Z');
    expect(s.steps[30]!.end).toBe('2026-03-31T22:00:00.000Z');
    expect(cents(s.totals.map((p) => p.total))).toBe(cents([data.cost!.totals.total]));
    expect(cents(s.totals.map((p) => p.subtotal))).toBe(cents([data.cost!.totals.subtotal]));
    expect(cents(s.totals.map((p) => p.vcpuHours))).toBe(cents(data.grouping!.groups.map((x) => x.vcpuHours)));
    for (const group of s.groups) {
      const row = data.grouping!.groups.find((x) => JSON.stringify(x.keys) === JSON.stringify(group.keys))!;
      expect(cents(group.points.map((p) => p.total))).toBe(cents([row.cost!.total]));
    }
    for (const i of s.steps.keys()) expect(cents(s.groups.map((x) => x.points[i]!.total))).toBe(cents([s.totals[i]!.total]));
    expect(s.rounding).toContain('largest-remainder');
  });

  it('a weekly series starts on Mondays, the top groups leave the rest in "others", and usage compares vCPU-hours', async () => {
    const data = await report(c, {
      type: 'usage',
      groupBy: ['flavor'],
      step: 'week',
      topGroups: 2,
      compare: true,
      period: { start: '2026-03-01', end: '2026-04-01', timezone: 'Europe/Berlin' },
    });
    const s = data.series!;
    expect(s.steps.map((x) => x.label)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(s.steps[0]!.complete).toBe(false);
    expect(s.groups).toHaveLength(3);
    expect(s.groups[2]!.others).toBe(true);
    expect(cents(s.totals.map((p) => p.vcpuHours))).toBe(cents([data.usage!.totals.vcpuHours]));
    // A usage report compares vCPU-hours.
    const before = await report(c, { type: 'usage', period: { start: '2026-02-01', end: '2026-03-01', timezone: 'Europe/Berlin' } });
    expect(data.comparison).toMatchObject({ measure: 'vcpuHours', unit: 'vCPU-hours' });
    expect(cents([data.comparison!.totals.current])).toBe(cents([data.usage!.totals.vcpuHours]));
    expect(cents([data.comparison!.totals.previous])).toBe(cents([before.usage!.totals.vcpuHours]));
  });

  it.each([[['metadata:cost_center']], [['project', 'flavor']]])('previous-period deltas recompute from two separate reports (groupBy %j)', async (groupBy) => {
    const now = await report(c, {
      type: 'cost',
      groupBy,
      compare: true,
      period: { start: '2026-03-01', end: '2026-04-01', timezone: 'Europe/Berlin' },
    });
    const before = await report(c, {
      type: 'cost',
      groupBy,
      period: { start: '2026-02-01', end: '2026-03-01', timezone: 'Europe/Berlin' },
    });
    const cmp = now.comparison!;
    expect(cmp.previousPeriod).toEqual({ start: before.period!.start, end: before.period!.end });
    expect(cmp.totals.current).toBe(now.cost!.totals.total);
    expect(cmp.totals.previous).toBe(before.cost!.totals.total);
    expect(cents([cmp.totals.delta])).toBe(cents([now.cost!.totals.total]) - cents([before.cost!.totals.total]));
    for (const row of cmp.groups) {
      const prev = before.grouping!.groups.find((x) => JSON.stringify(x.keys) === JSON.stringify(row.keys));
      expect(row.previous).toBe(prev?.cost!.total ?? '0.00');
      expect(cents([row.delta])).toBe(cents([row.current]) - cents([row.previous]));
      expect(row.status).toBe(
        row.previous === '0.00' && row.current !== '0.00' ? 'new' : row.current === '0.00' && row.previous !== '0.00' ? 'gone' : 'continuing',
      );
      expect(cmp.newGroups.some((k) => JSON.stringify(k) === JSON.stringify(row.keys))).toBe(row.status === 'new');
      if (row.previous !== '0.00') expect(row.deltaPercent).toBeCloseTo(((Number(row.current) - Number(row.previous)) / Number(row.previous)) * 100, 1);
    }
    expect(cmp.largestMovers.length).toBeGreaterThan(0);
    // A project that ran no m1.tiny in February did in March (the demo cloud's seed 5).
    if (groupBy.length === 2) expect(cmp.newGroups.length + cmp.goneGroups.length).toBeGreaterThan(0);
    const top = cmp.groups.find((x) => JSON.stringify(x.keys) === JSON.stringify(cmp.largestMovers[0]))!;
    expect(cmp.groups.every((x) => Math.abs(Number(x.delta)) <= Math.abs(Number(top.delta)))).toBe(true);
  });

  it('a month-to-date forecast follows the stated method, and budgets compare use and forecast', async () => {
    const data = await report(c, {
      type: 'cost',
      groupBy: ['metadata:cost_center'],
      step: 'day',
      period: { preset: 'month-to-date', timezone: 'Europe/Berlin' },
      budgets: [
        { keys: ['CC-1010'], amount: '50' },
        { keys: ['CC-none-such'], amount: 10 },
      ],
    });
    const f = data.forecast!;
    expect(f.method).toContain('complete days');
    expect(f.month).toBe('2026-04');
    expect(f.daysInMonth).toBe(30);
    // 15 April 10:00 UTC is 12:00 in Berlin: 14 complete days.
    expect(f.completeDays).toBe(14);
    for (const g of f.groups) {
      const daily = data.series!.groups.find((x) => JSON.stringify(x.keys) === JSON.stringify(g.keys))!;
      const completeDays = cents(daily.points.slice(0, 14).map((p) => p.total));
      expect(cents([g.completeDaysAmount])).toBe(completeDays);
      expect(cents([g.forecast!])).toBe(Math.round((completeDays / 14) * 30));
    }
    const [cc, missing] = data.budgets!;
    const group = data.grouping!.groups.find((x) => x.keys[0] === 'CC-1010')!;
    expect(cc).toMatchObject({ keys: ['CC-1010'], amount: '50.00', currency: 'USD', actual: group.cost!.total });
    expect(cc!.usedPercent).toBeCloseTo((Number(group.cost!.total) / 50) * 100, 1);
    expect(cc!.forecast).toBe(f.groups.find((x) => x.keys[0] === 'CC-1010')!.forecast);
    expect(missing).toMatchObject({ keys: ['CC-none-such'], actual: '0.00', usedPercent: 0, amount: '10.00' });
  });

  it('takes budgets from the price list when their groupBy fits the report, the spec’s replacing one with the same keys', async () => {
    const priceList = {
      ...samplePriceList,
      budgets: [
        { groupBy: ['metadata:cost_center'], keys: ['CC-2020'], amount: '75' },
        { groupBy: ['metadata:cost_center'], keys: ['CC-1010'], amount: '1' },
        { groupBy: ['project'], keys: ['demo'], amount: '5' },
      ],
    };
    const data = await report(c, {
      type: 'cost',
      priceList,
      groupBy: ['metadata:cost_center'],
      period: { preset: 'last-month' },
      budgets: [{ keys: ['CC-1010'], amount: '50' }],
    });
    expect(data.budgets!.map((b) => [b.keys[0], b.amount])).toEqual([
      ['CC-2020', '75.00'],
      ['CC-1010', '50.00'],
    ]);
    expect(data.forecast).toBeUndefined();
    expect(data.budgets![0]!.forecast).toBeUndefined();
    const byProject = await report(c, { type: 'cost', priceList, period: { preset: 'last-month' } });
    const demo = byProject.cost!.byProject.find((p) => p.projectName === 'demo')!;
    expect(byProject.budgets).toEqual([expect.objectContaining({ keys: [demo.projectId], label: 'demo', actual: demo.total, amount: '5.00' })]);
  });
});

describe('exports carry every property and the group keys', () => {
  let c: Cloud;
  beforeAll(async () => {
    c = await openCloud(new Date('2026-04-15T10:00:00Z'), 6);
  });
  afterAll(async () => {
    await c?.cloud.close();
  });

  it('inventory: JSON and CSV have every metadata property and tag, whatever metadata keys the PDF shows', async () => {
    const s = spec({ type: 'inventory', metadataKeys: ['team'], formats: ['csv', 'json'] });
    const data = await buildReportData(c.source, s, { runId: 'meta', now: c.cloud.data.now, logger: silentLogger });
    const live = await c.source.listServers({ kind: 'all' });
    const withProps = live.filter((x) => Object.keys(x.metadata).length > 0);
    expect(withProps.length).toBeGreaterThan(10);
    for (const server of withProps) expect(data.inventory!.servers.find((r) => r.id === server.id)!.metadata).toEqual(server.metadata);
    const [csv] = await renderReport(data, s, { pdf: noPdf });
    const rows = csvRecords(csv!.body);
    const server = withProps.find((x) => x.metadata.cost_center && x.tags.length > 0)!;
    const row = rows.find((r) => r.server_id === server.id)!;
    expect(row['metadata.cost_center']).toBe(server.metadata.cost_center);
    expect(row['metadata.env']).toBe(server.metadata.env);
    expect(row.tags).toBe(server.tags.join(','));
  });

  it('cost CSV: the group keys, tags and metadata on every line', async () => {
    const s = spec({
      type: 'cost',
      priceList: samplePriceList,
      groupBy: ['metadata:cost_center', 'tag:owner'],
      period: { preset: 'last-month' },
      formats: ['csv', 'json'],
    });
    const data = await buildReportData(c.source, s, { runId: 'csv', now: c.cloud.data.now, logger: silentLogger });
    const [csv] = await renderReport(data, s, { pdf: noPdf });
    // The discount and tax lines per project come after the resource lines (see report-csv.ts).
    const rows = csvRecords(csv!.body).filter((r) => r.kind !== 'discount' && r.kind !== 'tax');
    expect(rows).toHaveLength(data.cost!.lines.length);
    for (const [i, line] of data.cost!.lines.entries()) {
      expect([rows[i]!['group.metadata:cost_center'], rows[i]!['group.tag:owner']]).toEqual(line.groupKeys);
      if (line.kind === 'server') expect(rows[i]!['metadata.cost_center']).toBe(line.metadata!.cost_center ?? '');
    }
    // A tagged server's `owner=<team>` tag puts it in that team's group.
    const tagged = data.cost!.lines.find((l) => l.tags?.some((t) => t.startsWith('owner=')))!;
    expect(tagged.groupKeys![1]).toBe(tagged.tags!.find((t) => t.startsWith('owner='))!.slice('owner='.length));
    // Volumes follow the server they are attached to.
    const volumes = await c.source.listVolumes({ kind: 'all' });
    const attached = volumes.find((v) => v.attachments.length > 0 && data.cost!.lines.some((l) => l.resourceId === v.id))!;
    const serverKeys = data.cost!.lines.find((l) => l.resourceId === attached.attachments[0]!.serverId)?.groupKeys;
    expect(serverKeys).toBeDefined();
    expect(data.cost!.lines.find((l) => l.resourceId === attached.id)!.groupKeys).toEqual(serverKeys);
  });
});

describe('daylight-saving changes in the series', () => {
  it('Europe/Berlin in October: the day clocks go back has 25 hours, and the days sum to the total', async () => {
    const c = await openCloud(new Date('2026-11-10T00:00:00Z'), 8);
    try {
      const data = await report(c, { type: 'cost', step: 'day', period: { start: '2026-10-01', end: '2026-11-01', timezone: 'Europe/Berlin' } });
      expect(data.series!.steps.find((x) => x.label === '2026-10-25')!.hours).toBe('25');
      expect(cents(data.series!.totals.map((p) => p.total))).toBe(cents([data.cost!.totals.total]));
    } finally {
      await c.cloud.close();
    }
  });

  // Brazil has had no daylight-saving time since 2019 (tz database 2019b), so these are historical
  // periods: summer time began at 00:00 on 4 November 2018 (that midnight never happened) and ended
  // at 00:00 on 17 February 2019 (the hour 23:00-00:00 of the 16th happened twice).
  it.each([
    ['2018-11-01', '2018-12-01', '2018-11-04', '23'],
    ['2019-02-01', '2019-03-01', '2019-02-16', '25'],
  ])('America/Sao_Paulo %s to %s: %s has %s hours and the days sum to the total', async (start, end, day, hours) => {
    const c = await openCloud(new Date('2019-03-20T00:00:00Z'), 9);
    try {
      const data = await report(c, { type: 'cost', groupBy: ['availabilityZone'], step: 'day', period: { start, end, timezone: 'America/Sao_Paulo' } });
      const s = data.series!;
      expect(s.steps.find((x) => x.label === day)!.hours).toBe(hours);
      expect(cents(s.totals.map((p) => p.total))).toBe(cents([data.cost!.totals.total]));
      expect(cents(s.totals.map((p) => p.vcpuHours))).toBe(cents(data.grouping!.groups.map((x) => x.vcpuHours)));
    } finally {
      await c.cloud.close();
    }
  });
});
