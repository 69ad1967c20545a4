import { describe, expect, it } from 'vitest';
import { renderStandaloneHtml, reportParts, reportView } from '../../src/presentation/document';
import { sampleCostData } from '../../src/presentation/cost/sample';
import { sampleInventoryData } from '../../src/presentation/inventory/sample';
import { samplePriceList } from '../../src/presentation/sample-cloud';
import { sampleContext, type SampleOptions } from '../../src/presentation/sample-report';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import { reportDataSchema, type ReportData } from '../../src/report-engine/report-data';
import { buildReportData, silentLogger, spec } from './helpers';

const options: SampleOptions = { servers: 60, projects: 4, seed: 5 };
const samples = { inventory: sampleInventoryData, usage: sampleUsageData, cost: sampleCostData };

/** The engine's data for the sample's own cloud, to check the sample tells the same story. */
async function engineData(type: ReportData['type']): Promise<ReportData> {
  const c = sampleContext(options);
  const s = spec({ type, formats: ['pdf'], period: { preset: 'last-month', timezone: 'UTC' }, priceList: samplePriceList });
  return buildReportData(c.cloud.source, s, { runId: `engine-${type}`, now: c.now, logger: silentLogger });
}

describe('sample view models', () => {
  it.each(Object.keys(samples) as ReportData['type'][])('%s: a valid ReportData that renders in both locales', (type) => {
    for (const locale of ['en', 'pt-BR'] as const) {
      const data = samples[type]({ ...options, locale });
      expect(reportDataSchema.parse(data)).toEqual(data);
      const view = reportView(data);
      const html = renderStandaloneHtml(view, reportParts(view));
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(view.m.reportTitle[type]);
    }
  });

  it('inventory: the same totals, statuses and waste as the engine gives for the sample cloud', async () => {
    const sample = sampleInventoryData(options);
    const engine = await engineData('inventory');
    expect(sample.inventory!.totals).toEqual(engine.inventory!.totals);
    expect(sample.inventory!.byProject).toEqual(engine.inventory!.byProject);
    expect(sample.inventory!.byStatus).toEqual(engine.inventory!.byStatus);
    expect(sample.inventory!.byFlavor).toEqual(engine.inventory!.byFlavor);
    expect(sample.inventory!.servers.map((s) => s.id)).toEqual(engine.inventory!.servers.map((s) => s.id));
    expect(sample.waste).toEqual(engine.waste);
  });

  it('usage: the same period and usage as the engine (quotas are the sample’s own)', async () => {
    const sample = sampleUsageData(options);
    const engine = await engineData('usage');
    expect(sample.period).toEqual(engine.period);
    expect(sample.usage!.totals.servers).toBe(engine.usage!.totals.servers);
    expect(sample.usage!.totals.vcpuHours).toBeCloseTo(engine.usage!.totals.vcpuHours, 1);
    expect(sample.usage!.totals.volumeGb).toBe(engine.usage!.totals.volumeGb);
    // States are Nova's vm_state words: the default sample has more of them than the sample cloud's usage.
    expect([...new Set(sampleUsageData().usage!.servers.map((s) => s.state))].sort()).toEqual([
      'active',
      'error',
      'paused',
      'shelved_offloaded',
      'stopped',
      'terminated',
    ]);
    // Quotas show use beyond the limit and a project without limits.
    const percents = sample.usage!.quotas.flatMap((q) => q.resources.map((r) => r.percent));
    expect(Math.max(...percents.map((p) => p ?? 0))).toBeGreaterThan(100);
    expect(sample.usage!.quotas.some((q) => q.resources.every((r) => r.limit === null))).toBe(true);
  });

  it('cost: the same lines and, within a cent a line, the same totals as the engine', async () => {
    const sample = sampleCostData(options);
    const engine = await engineData('cost');
    const key = (l: { kind: string; resourceId: string }) => `${l.kind}:${l.resourceId}`;
    expect(sample.cost!.lines.map(key).sort()).toEqual(engine.cost!.lines.map(key).sort());
    expect(Math.abs(Number(sample.cost!.totals.total) - Number(engine.cost!.totals.total))).toBeLessThanOrEqual(0.01 * sample.cost!.lines.length);
    const sum = (d: ReportData, k: 'subtotal' | 'total') => d.cost!.byProject.reduce((n, p) => n + Math.round(Number(p[k]) * 100), 0) / 100;
    expect(Number(sample.cost!.totals.total)).toBeCloseTo(sum(sample, 'total'), 2);
    expect(sample.waste!.unattachedVolumes.map((v) => v.id)).toEqual(engine.waste!.unattachedVolumes.map((v) => v.id));
  });
});
