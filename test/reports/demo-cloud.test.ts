import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { cloudConfigFromDocument, createInventorySource } from '../../src/adapters/openstack';
import { reportDataSchema, summarizeReport } from '../../src/report-engine';
import { buildReportData, renderReport } from './helpers';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud';
import { samplePriceList } from '../../src/presentation/sample-cloud';
import { cleanupPdfTemp, csvRecords, joined, occurrences, readPdf, silentLogger, spec } from './helpers';

let cloud: DemoCloud;
const renderer = new ChromiumPdfRenderer();

beforeAll(async () => {
  cloud = await startDemoCloud({ servers: 80, projects: 5, seed: 3 });
});
afterAll(async () => {
  await renderer.close();
  await cloud?.close();
  await cleanupPdfTemp();
});

describe('reports against the demo cloud through the OpenStack client', () => {
  it.each(['inventory', 'usage', 'cost'] as const)('%s: every format, consistent with the cloud', async (type) => {
    const doc = parseYaml(cloud.cloudsYaml('demo')) as { clouds: Record<string, unknown> };
    const source = createInventorySource(cloudConfigFromDocument(doc.clouds.demo));
    const s = spec({ type, formats: ['pdf', 'csv', 'json', 'html'], period: { preset: 'last-30-days' }, priceList: samplePriceList });
    const data = await buildReportData(source, s, { runId: `demo-${type}`, now: cloud.data.now, logger: silentLogger });
    const artifacts = await renderReport(data, s, { pdf: renderer });
    expect(artifacts.map((a) => a.format)).toEqual(['pdf', 'csv', 'json', 'html']);

    const pdf = await readPdf(artifacts[0].body);
    expect(pdf.pages).toBeGreaterThan(0);
    expect(await pdf.pageText(pdf.pages)).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
    expect(reportDataSchema.parse(JSON.parse(new TextDecoder().decode(artifacts[2].body)))).toEqual(data);
    const csv = csvRecords(artifacts[1].body);
    const flat = joined(pdf.flowText);

    if (type === 'inventory') {
      const live = await source.listServers({ kind: 'all' });
      expect(data.inventory!.servers).toHaveLength(live.length);
      expect(csv).toHaveLength(live.length);
      const waste = new Set(data.waste!.shutoffServers.map((w) => w.id));
      const wrong = live.filter((srv) => occurrences(flat, joined(srv.id)) !== (waste.has(srv.id) ? 2 : 1));
      expect(wrong.map((w) => w.id)).toEqual([]);
    } else if (type === 'usage') {
      const usage = await source.getUsage({ kind: 'all' }, { start: new Date(data.period!.start), end: new Date(data.period!.end) });
      expect(data.usage!.servers).toHaveLength(usage.reduce((n, p) => n + p.servers.length, 0));
      expect(csv).toHaveLength(data.usage!.servers.length);
    } else {
      expect(csv.filter((r) => r.kind !== 'discount' && r.kind !== 'tax')).toHaveLength(data.cost!.lines.length);
      expect(csv.reduce((cents, r) => cents + Math.round(Number(r.amount) * 100), 0)).toBe(Math.round(Number(data.cost!.totals.total) * 100));
      expect(summarizeReport(data).total).toBe(data.cost!.totals.total);
    }
  });
});
