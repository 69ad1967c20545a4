import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import type { ProjectUsage } from '../../src/domain/cloud';
import { buildReportData, renderReport } from './helpers';
import { createSampleCloud, samplePriceList } from '../../src/presentation/sample-cloud';
import { cleanupPdfTemp, csvRecords, readPdf, silentLogger, spec, squash } from './helpers';

const now = new Date('2026-03-15T12:00:00Z');
const cloud = createSampleCloud({ servers: 45, projects: 4, now, seed: 11 });
const renderer = new ChromiumPdfRenderer();
const period = { start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z') };
let usage: ProjectUsage[];

beforeAll(async () => {
  usage = await cloud.source.getUsage({ kind: 'all' }, period);
});
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

const en2 = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' });
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

async function render(type: 'usage' | 'cost') {
  const s = spec({ type, formats: ['pdf', 'csv'], period: { preset: 'last-month' }, priceList: samplePriceList });
  const data = await buildReportData(cloud.source, s, { runId: `run-${type}`, now, logger: silentLogger });
  const [pdf, csv] = await renderReport(data, s, { pdf: renderer });
  return { data, pdf: await readPdf(pdf.body), csv: csvRecords(csv.body) };
}

/** Amounts in the last column of lines whose text includes `marker`, in layout text. */
function lastAmounts(text: string, pattern: RegExp): string[] {
  return text
    .split('\n')
    .map((l) => squash(l).trim())
    .filter((l) => pattern.test(l))
    .map((l) => l.split(' ').at(-1) as string);
}

describe('usage PDF', () => {
  it('prints os-simple-tenant-usage figures per server and per project', async () => {
    const { pdf, csv } = await render('usage');
    // Each server line shows hours and vCPU-hours computed here from Nova's lines.
    const expected = usage
      .flatMap((p) =>
        p.servers.map((l) => `${en2.format(round2(new Decimal(l.hours)).toNumber())} ${en2.format(round2(new Decimal(l.hours).times(l.vcpus)).toNumber())}`),
      )
      .sort();
    const lines = pdf.text.split('\n').map(squash);
    const printed = lines.flatMap((l) => {
      const m = / (\d[\d,]*\.\d\d) (\d[\d,]*\.\d\d) \d[\d,]*\.\d\d \d[\d,]*\.\d\d (active|stopped|terminated)/.exec(l);
      return m ? [`${m[1]} ${m[2]}`] : [];
    });
    expect(printed.sort()).toEqual(expected);
    for (const p of usage) {
      const name = cloud.projects.find((x) => x.id === p.projectId)!.name;
      const sum = p.servers.reduce((d, l) => d.plus(round2(new Decimal(l.hours).times(l.vcpus))), new Decimal(0));
      expect(lines.find((l) => l.includes(`Total · ${name}`))).toContain(en2.format(sum.toNumber()));
      // Nova's own total agrees to within the rounding of the lines.
      expect(Math.abs(sum.toNumber() - p.vcpuHours)).toBeLessThan(0.005 * p.servers.length + 1e-6);
    }
    expect(squash(pdf.flowText)).toContain('latest flavor for the whole period');
    expect(csv.map((r) => Number(r.vcpu_hours)).reduce((a, b) => a + b, 0)).toBeCloseTo(
      usage.reduce((n, p) => n + p.servers.reduce((m, l) => m + round2(new Decimal(l.hours).times(l.vcpus)).toNumber(), 0), 0),
      6,
    );
  });
});

describe('cost PDF', () => {
  it('prints each line and total as the price list applied here gives them', async () => {
    const { data, pdf, csv } = await render('cost');
    const pl = samplePriceList;
    const rate = (l: ProjectUsage['servers'][number]) => {
      const flavorPrice = (pl.flavors as Record<string, string>)[l.flavor];
      if (flavorPrice) return new Decimal(flavorPrice);
      return new Decimal(pl.units.vcpuHour)
        .times(l.vcpus)
        .plus(new Decimal(pl.units.ramGbHour).times(l.memoryMb).div(1024))
        .plus(new Decimal(pl.units.diskGbHour).times(l.localGb));
    };
    const serverAmounts = usage.flatMap((p) => p.servers.map((l) => round2(rate(l).times(l.hours))));
    const printedServers = lastAmounts(pdf.text, / Server .*\$[\d,]+\.\d\d$/);
    expect(printedServers.sort()).toEqual(serverAmounts.map((a) => usd.format(a.toNumber())).sort());

    // Grand total: lines summed here, discount and tax per project, then summed.
    let total = new Decimal(0);
    for (const p of data.cost!.byProject) {
      const lines = csv.filter((r) => r.project_id === p.projectId && ['server', 'volume', 'floatingIp'].includes(r.kind));
      const subtotal = lines.reduce((d, r) => d.plus(r.amount), new Decimal(0));
      const discount = round2(subtotal.times(pl.discountPercent).div(100));
      const tax = round2(subtotal.minus(discount).times(pl.taxPercent).div(100));
      total = total.plus(subtotal.minus(discount).plus(tax));
    }
    const totalLine = pdf.text
      .split('\n')
      .map(squash)
      .find((l) => l.startsWith(' Total, all projects') || l.startsWith('Total, all projects'));
    expect(totalLine?.trim().split(' ').at(-1)).toBe(usd.format(total.toNumber()));
    // The CSV's discount and tax lines complete it: its amounts sum to the PDF's total, each project's to its total.
    expect(csv.filter((r) => r.kind === 'discount' || r.kind === 'tax')).toHaveLength(2 * data.cost!.byProject.length);
    expect(usd.format(csv.reduce((d, r) => d.plus(r.amount), new Decimal(0)).toNumber())).toBe(totalLine?.trim().split(' ').at(-1));
    for (const p of data.cost!.byProject) {
      expect(
        csv
          .filter((r) => r.project_id === p.projectId)
          .reduce((d, r) => d.plus(r.amount), new Decimal(0))
          .toFixed(2),
      ).toBe(p.total);
    }
    // CSV server lines carry the same amounts as the PDF.
    expect(
      csv
        .filter((r) => r.kind === 'server')
        .map((r) => usd.format(Number(r.amount)))
        .sort(),
    ).toEqual(printedServers.sort());
    const text = squash(pdf.flowText);
    expect(text).toContain('Appendix: price list used');
    expect(text).toContain('Public list prices 2026');
    expect(text).toContain('a month is 730 hours');
  });
});
