/**
 * The report engine: builds a report's data snapshot (the view model in `report-data.ts`) from a
 * cloud, and sums it up in key figures. `src/presentation` renders the snapshot.
 */
export { buildReportData, type BuildContext as ReportContext } from './build-report-data';
import type { ReportData } from './report-data';

export type { Branding, ReportData } from './report-data';
export { reportDataSchema, reportDataJsonSchema, reportDataSchemaVersion } from './report-data';
export { loadPriceList } from './load-price-list';

/** Key figures for e-mails, webhooks and the API. */
export function summarizeReport(data: ReportData): Record<string, string | number> {
  const summary: Record<string, string | number> = { type: data.type, title: data.title, projects: data.scope.projects.length };
  if (data.period) {
    summary.periodStart = data.period.start;
    summary.periodEnd = data.period.end;
  }
  if (data.inventory) {
    const t = data.inventory.totals;
    Object.assign(summary, {
      servers: t.servers,
      vcpus: t.vcpus,
      ramGb: Math.round((t.ramMb / 1024) * 100) / 100,
      volumes: t.volumes,
      volumeGb: t.volumeGb,
      floatingIps: t.floatingIps,
    });
    if (t.monthlyCost !== undefined) Object.assign(summary, { monthlyCost: t.monthlyCost, currency: data.priceList?.currency ?? '' });
  }
  if (data.usage) {
    const t = data.usage.totals;
    Object.assign(summary, { servers: t.servers, vcpuHours: t.vcpuHours, ramGbHours: t.ramGbHours, diskGbHours: t.diskGbHours, volumeGb: t.volumeGb });
  }
  if (data.cost) {
    const t = data.cost.totals;
    Object.assign(summary, {
      currency: data.cost.currency,
      total: t.total,
      subtotal: t.subtotal,
      discount: t.discount,
      tax: t.tax,
      costLines: data.cost.lines.length,
    });
  }
  if (data.waste) {
    summary.wasteItems = data.waste.shutoffServers.length + data.waste.unattachedVolumes.length + data.waste.unassociatedFloatingIps.length;
    if (data.waste.totalCost !== undefined) summary.wasteCost = data.waste.totalCost;
  }
  return summary;
}
