import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { loadPriceList, reportDataJsonSchema, reportDataSchema, summarizeReport } from '../../src/report-engine';
import { buildReportData } from './helpers';
import { resolvePeriod } from '../../src/report-engine/resolve-period';
import { fixtureSource, floatingIps, now, priceList, projects, servers, usageLines, volumes } from './fixture-cloud';
import { silentLogger, spec } from './helpers';

const ctx = { runId: 'run-1', now, logger: silentLogger };

/** Half-up rounding to cents, written independently of the engine. */
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).retryable).toBe(false);
  expect((error as AppError).message).toMatch(message);
}

describe('period presets', () => {
  const at = new Date('2026-03-15T12:00:00Z');
  it.each([
    ['last-month', 'UTC', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['last-month', 'America/Sao_Paulo', '2026-02-01T03:00:00.000Z', '2026-03-01T03:00:00.000Z'],
    ['month-to-date', 'Asia/Tokyo', '2026-02-28T15:00:00.000Z', '2026-03-15T12:00:00.000Z'],
    ['last-7-days', 'UTC', '2026-03-08T00:00:00.000Z', '2026-03-15T00:00:00.000Z'],
    ['last-30-days', 'Europe/Berlin', '2026-02-12T23:00:00.000Z', '2026-03-14T23:00:00.000Z'],
    ['year-to-date', 'America/New_York', '2026-01-01T05:00:00.000Z', '2026-03-15T12:00:00.000Z'],
  ] as const)('%s in %s resolves to whole local days', (preset, timezone, start, end) => {
    const p = resolvePeriod({ preset, timezone }, at);
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual([start, end]);
  });

  it('starts a day whose midnight DST skips at the first hour that exists', () => {
    // Brazil started DST at midnight on 2018-11-04: the day began at 01:00 local (03:00 UTC).
    const p = resolvePeriod({ preset: 'last-7-days', timezone: 'America/Sao_Paulo' }, new Date('2018-11-11T12:00:00Z'));
    expect(p.start.toISOString()).toBe('2018-11-04T03:00:00.000Z');
  });

  it('moves an end in the future to now and says so', () => {
    const p = resolvePeriod({ start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z', timezone: 'UTC' }, at);
    expect(p.end).toEqual(at);
    expect(p.requestedEnd?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('refuses a period longer than usage reports allow', () => {
    expect(() => resolvePeriod({ start: '2024-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z', timezone: 'UTC' }, at)).toThrowError(/at most 366 days/);
    try {
      resolvePeriod({ start: '2024-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z', timezone: 'UTC' }, at);
    } catch (e) {
      expect(e).toMatchObject({ code: 'period_too_long', retryable: false });
    }
  });
});

describe('errors a user can act on', () => {
  it('names an unknown project', async () => {
    await expectAppError(
      buildReportData(fixtureSource(), spec({ type: 'inventory', scope: { projectNames: ['alpha', 'nope'] } }), ctx),
      'project_not_found',
      /"nope"/,
    );
  });

  it('asks for a price list for a cost report before fetching anything', async () => {
    const source = fixtureSource();
    await expectAppError(buildReportData(source, spec({ type: 'cost' }), ctx), 'price_list_required', /price list/);
    expect(source.calls).toEqual([]);
  });

  it('refuses a usage period longer than 366 days', async () => {
    const long = { type: 'usage', period: { start: '2024-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' } } as const;
    // The schema already refuses it; a spec built without the schema still meets the engine's check.
    const s = { ...spec({ type: 'usage' }), period: { ...long.period, timezone: 'UTC' } };
    await expectAppError(buildReportData(fixtureSource(), s, ctx), 'period_too_long', /366 days/);
  });

  it('refuses a currency the price list is not in', async () => {
    await expectAppError(buildReportData(fixtureSource(), spec({ type: 'cost', priceList, currency: 'EUR' }), ctx), 'currency_mismatch', /EUR/);
  });

  it('rejects an invalid price list file naming the field', () => {
    expect(() => loadPriceList('currency: usd\nunits:\n  vcpuHour: -1\n')).toThrowError(/currency.*ISO 4217|vcpuHour/);
    expect(loadPriceList('currency: BRL\nflavors:\n  m1.small: 0.12\ndiscountPercent: 5\n')).toEqual({
      currency: 'BRL',
      flavors: { 'm1.small': '0.12' },
      discountPercent: 5,
    });
  });
});

describe('inventory data', () => {
  it('lists every server once, same-named ones separately, with totals that are the sums of the rows', async () => {
    const data = await buildReportData(fixtureSource(), spec({ type: 'inventory' }), ctx);
    const inv = data.inventory!;
    expect(inv.servers.map((s) => s.id).sort()).toEqual(servers.map((s) => s.id).sort());
    expect(inv.servers.filter((s) => s.name === 'web')).toHaveLength(2);
    expect(inv.servers.find((s) => s.id === 'srv-b99')).toMatchObject({ partial: true, flavor: null });
    for (const p of inv.byProject) {
      const rows = inv.servers.filter((s) => s.projectId === p.projectId);
      expect(p.servers).toBe(rows.length);
      expect(p.vcpus).toBe(rows.reduce((n, s) => n + s.vcpus, 0));
      expect(p.ramMb).toBe(rows.reduce((n, s) => n + s.ramMb, 0));
    }
    expect(inv.totals.vcpus).toBe(inv.byProject.reduce((n, p) => n + p.vcpus, 0));
    expect(inv.byStatus.find((s) => s.status === 'SHUTOFF')?.servers).toBe(2);
    expect(inv.servers.find((s) => s.id === 'srv-b01')?.floatingIps).toEqual(['203.0.113.7']);
    expect(data.notes).toContainEqual({ code: 'partialServers', count: 1 });
  });

  it('finds waste: long-stopped servers, unattached volumes, unassociated floating IPs', async () => {
    const data = await buildReportData(fixtureSource(), spec({ type: 'inventory', wasteShutoffDays: 30, priceList }), ctx);
    const waste = data.waste!;
    // srv-a03 stopped on Jan 1 (73 days); srv-b02 on Mar 10 (5 days) is not waste yet.
    expect(waste.shutoffServers.map((s) => [s.id, s.days])).toEqual([['srv-a03', 73]]);
    expect(waste.unattachedVolumes.map((v) => v.id)).toEqual(['vol-2', 'vol-3']);
    expect(waste.unassociatedFloatingIps.map((f) => f.address)).toEqual(['203.0.113.9']);
    // Monthly cost at list prices: m1.large 0.0920 × 730; 50 GB and 10 GB × 0.10; 0.005 × 730.
    expect(waste.shutoffServers[0].cost).toBe('67.16');
    expect(waste.unattachedVolumes.map((v) => v.cost)).toEqual(['5.00', '1.00']);
    expect(waste.unassociatedFloatingIps[0].cost).toBe('3.65');
    expect(waste.totalCost).toBe('76.81');
  });

  it('applies filters: status, flavor, name pattern, metadata, tags, zone', async () => {
    const ids = async (filters: object) =>
      (await buildReportData(fixtureSource(), spec({ type: 'inventory', filters }), ctx)).inventory!.servers.map((s) => s.id).sort();
    expect(await ids({ status: ['shutoff'] })).toEqual(['srv-a03', 'srv-b02']);
    expect(await ids({ flavor: ['m1.large'] })).toEqual(['srv-a03', 'srv-g01']);
    expect(await ids({ namePattern: 'W?B' })).toEqual(['srv-a01', 'srv-a02']);
    expect(await ids({ metadata: { env: 'dev' } })).toEqual(['srv-a02']);
    expect(await ids({ tags: ['billing'] })).toEqual(['srv-g01']);
    expect(await ids({ availabilityZone: ['nova'], namePattern: 'a*' })).toEqual(['srv-g01']);
  });

  it('restricts to projects named in the scope and sorts within projects', async () => {
    const data = await buildReportData(
      fixtureSource(),
      spec({ type: 'inventory', scope: { projectNames: ['alpha'] }, sort: { by: 'vcpus', direction: 'desc' } }),
      ctx,
    );
    expect(data.scope).toEqual({ allProjects: false, projects: [{ id: 'p-alpha', name: 'alpha' }] });
    expect(data.inventory!.servers.map((s) => s.id)).toEqual(['srv-a03', 'srv-a01', 'srv-a02']);
  });
});

describe('usage data', () => {
  it('equals os-simple-tenant-usage: hours × flavor per line, project totals the sums of the printed lines', async () => {
    const data = await buildReportData(fixtureSource(), spec({ type: 'usage', period: { preset: 'last-month' } }), ctx);
    const usage = data.usage!;
    expect(usage.servers).toHaveLength(usageLines.length);
    for (const line of usageLines) {
      const row = usage.servers.find((s) => s.id === line.instanceId)!;
      expect(row.hours).toBe(new Decimal(line.hours).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
      expect(row.vcpuHours).toBe(new Decimal(line.hours).times(line.vcpus).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
      expect(row.ramGbHours).toBe(new Decimal(line.hours).times(line.memoryMb).div(1024).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber());
    }
    for (const p of usage.byProject) {
      const rows = usage.servers.filter((s) => s.projectId === p.projectId);
      expect(new Decimal(p.vcpuHours).equals(rows.reduce((d, r) => d.plus(r.vcpuHours), new Decimal(0)))).toBe(true);
      // Nova's own total differs from the sum of rounded lines by less than half a cent per line.
      expect(Math.abs(p.reported.vcpuHours - p.vcpuHours)).toBeLessThanOrEqual(0.005 * rows.length + 1e-9);
    }
    expect(usage.byProject.find((p) => p.projectId === 'p-alpha')?.volumeGb).toBe(100);
    expect(usage.quotas.find((q) => q.projectId === 'p-alpha')?.resources).toContainEqual({ resource: 'instances', inUse: 3, limit: 10, percent: 30 });
    expect(usage.quotas[0].resources.find((r) => r.resource === 'volumes')).toMatchObject({ limit: null, percent: null });
    expect(data.notes).toContainEqual({ code: 'usageWithoutInventory', count: 1 });
  });
});

describe('cost data', () => {
  it('equals the price list applied by hand, with totals that are sums of the printed lines', async () => {
    const data = await buildReportData(fixtureSource(), spec({ type: 'cost', priceList, period: { preset: 'last-month' } }), ctx);
    const cost = data.cost!;
    const start = Date.parse('2026-02-01T00:00:00Z');
    const end = Date.parse('2026-03-01T00:00:00Z');
    const hoursExisted = (created?: string) => new Decimal(end - Math.max(start, Date.parse(created ?? '1970-01-01'))).div(3_600_000);
    const expected = new Map<string, string>();
    for (const l of usageLines) {
      const flavorPrice = (priceList.flavors as Record<string, string>)[l.flavor];
      const rate = flavorPrice
        ? new Decimal(flavorPrice)
        : new Decimal(priceList.units.vcpuHour)
            .times(l.vcpus)
            .plus(new Decimal(priceList.units.ramGbHour).times(l.memoryMb / 1024))
            .plus(new Decimal(priceList.units.diskGbHour).times(l.localGb));
      expected.set(l.instanceId, cents(rate.times(l.hours)).toFixed(2));
    }
    for (const v of volumes)
      expected.set(v.id, cents(new Decimal(priceList.units.volumeGbMonth).times(v.sizeGb).times(hoursExisted(v.createdAt)).div(730)).toFixed(2));
    for (const f of floatingIps) expected.set(f.id, cents(new Decimal(priceList.units.floatingIpHour).times(hoursExisted(f.createdAt))).toFixed(2));
    // vol-3 was created after the period: no line.
    expected.delete('vol-3');
    expect(Object.fromEntries(cost.lines.map((l) => [l.resourceId, l.amount]))).toEqual(Object.fromEntries(expected));

    for (const p of cost.byProject) {
      const lines = cost.lines.filter((l) => l.projectId === p.projectId);
      const subtotal = lines.reduce((d, l) => d.plus(l.amount), new Decimal(0));
      const discount = cents(subtotal.times(0.1));
      const tax = cents(subtotal.minus(discount).times(0.085));
      expect([p.subtotal, p.discount, p.tax, p.total]).toEqual([
        subtotal.toFixed(2),
        discount.toFixed(2),
        tax.toFixed(2),
        subtotal.minus(discount).plus(tax).toFixed(2),
      ]);
    }
    const sum = (key: 'subtotal' | 'discount' | 'tax' | 'total') => cost.byProject.reduce((d, p) => d.plus(p[key]), new Decimal(0)).toFixed(2);
    expect(cost.totals).toMatchObject({ subtotal: sum('subtotal'), discount: sum('discount'), tax: sum('tax'), total: sum('total') });
    expect(data.waste?.costBasis).toBe('period');
    expect(summarizeReport(data)).toMatchObject({ type: 'cost', currency: 'USD', total: cost.totals.total });
  });

  it('prices flavors without a price by units and reports flavors nothing covers', async () => {
    const noUnits = { currency: 'USD', flavors: { 'm1.small': '0.02' } };
    const data = await buildReportData(fixtureSource(), spec({ type: 'cost', priceList: noUnits, period: { preset: 'last-month' } }), ctx);
    expect(data.cost!.unpricedFlavors).toEqual(['m1.large', 'x1.odd']);
    expect(data.notes).toContainEqual({ code: 'unpricedFlavors', flavors: ['m1.large', 'x1.odd'] });
  });

  it('uses the configured price list when the spec has none', async () => {
    const data = await buildReportData(fixtureSource(), spec({ type: 'cost', period: { preset: 'last-month' } }), {
      ...ctx,
      priceList: loadPriceList(JSON.stringify(priceList)),
    });
    expect(data.priceList?.name).toBe('Test prices');
  });
});

describe('the JSON snapshot', () => {
  it.each(['inventory', 'usage', 'cost'] as const)('%s data satisfies the versioned schema', async (type) => {
    const data = await buildReportData(fixtureSource(), spec({ type, priceList, period: { preset: 'last-month' } }), ctx);
    expect(reportDataSchema.parse(JSON.parse(JSON.stringify(data)))).toEqual(data);
    expect(data.schemaVersion).toBe(2);
  });

  it('exports a JSON Schema', () => {
    const schema = reportDataJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['schemaVersion', 'inventory', 'usage', 'cost', 'waste']));
  });

  it('covers each project the credentials see', async () => {
    const data = await buildReportData(fixtureSource(), spec({ type: 'inventory' }), ctx);
    expect(data.scope.projects.map((p) => p.name)).toEqual(projects.map((p) => p.name));
  });
});
