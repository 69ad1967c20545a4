/**
 * The report engine: builds a report's data snapshot from a cloud, and renders it as PDF, HTML,
 * CSV and JSON. The worker and the CLI call these three functions.
 */
import type { PdfRenderer } from '../domain/ports';
import type { ArtifactFormat } from '../domain/report-run';
import type { ReportSpec } from '../domain/report-spec';
import { renderStandaloneHtml, reportParts, reportView } from '../presentation/document';
export { buildReportData, type BuildContext as ReportContext } from './build-report-data';
import type { ReportData } from './report-data';
import { reportCsv } from '../presentation/csv/report-csv';
import { renderPdf } from '../presentation/pdf/render-pdf';

export type { Branding, ReportData } from './report-data';
export { reportDataSchema, reportDataJsonSchema, reportDataSchemaVersion } from './report-data';
export { loadPriceList } from './load-price-list';

/** One rendered output. */
export interface RenderedArtifact {
  format: ArtifactFormat;
  body: Uint8Array;
  contentType: string;
  extension: string;
}

/** What rendering needs. Only `pdf` is required. */
export interface RenderDeps {
  pdf: PdfRenderer;
  /** Called as PDF chunks are printed: stage `render`. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Table cells per PDF chunk (default 12,000, about 1,000 server rows). */
  pdfChunkCells?: number;
  /** PDF chunks printed at once (default: the renderer's `parallelism` when it has one, else 1). */
  pdfConcurrency?: number;
}


/** Renders the report's data in each format the spec asks for, in the spec's order. */
export async function renderReport(data: ReportData, spec: ReportSpec, deps: RenderDeps): Promise<RenderedArtifact[]> {
  const view = reportView(data);
  const parts = reportParts(view);
  const out: RenderedArtifact[] = [];
  for (const format of spec.formats) {
    if (format === 'pdf') {
      const body = await renderPdf(view, parts, deps.pdf, { tagged: spec.accessiblePdf, chunkCells: deps.pdfChunkCells, concurrency: deps.pdfConcurrency ?? parallelismOf(deps.pdf), onProgress: deps.onProgress });
      out.push({ format, body, contentType: 'application/pdf', extension: 'pdf' });
    } else if (format === 'html') {
      out.push({ format, body: new TextEncoder().encode(renderStandaloneHtml(view, parts)), contentType: 'text/html; charset=utf-8', extension: 'html' });
    } else if (format === 'json') {
      out.push({ format, body: new TextEncoder().encode(JSON.stringify(data)), contentType: 'application/json', extension: 'json' });
    } else {
      out.push({ format, body: reportCsv(data), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' });
    }
  }
  return out;
}

function parallelismOf(renderer: PdfRenderer): number {
  const p = (renderer as { parallelism?: unknown }).parallelism;
  return typeof p === 'number' && p >= 1 ? Math.floor(p) : 1;
}

/** Key figures for e-mails, webhooks and the API. */
export function summarizeReport(data: ReportData): Record<string, string | number> {
  const summary: Record<string, string | number> = { type: data.type, title: data.title, projects: data.scope.projects.length };
  if (data.period) {
    summary.periodStart = data.period.start;
    summary.periodEnd = data.period.end;
  }
  if (data.inventory) {
    const t = data.inventory.totals;
    Object.assign(summary, { servers: t.servers, vcpus: t.vcpus, ramGb: Math.round((t.ramMb / 1024) * 100) / 100, volumes: t.volumes, volumeGb: t.volumeGb, floatingIps: t.floatingIps });
    if (t.monthlyCost !== undefined) Object.assign(summary, { monthlyCost: t.monthlyCost, currency: data.priceList?.currency ?? '' });
  }
  if (data.usage) {
    const t = data.usage.totals;
    Object.assign(summary, { servers: t.servers, vcpuHours: t.vcpuHours, ramGbHours: t.ramGbHours, diskGbHours: t.diskGbHours, volumeGb: t.volumeGb });
  }
  if (data.cost) {
    const t = data.cost.totals;
    Object.assign(summary, { currency: data.cost.currency, total: t.total, subtotal: t.subtotal, discount: t.discount, tax: t.tax, costLines: data.cost.lines.length });
  }
  if (data.waste) {
    summary.wasteItems = data.waste.shutoffServers.length + data.waste.unattachedVolumes.length + data.waste.unassociatedFloatingIps.length;
    if (data.waste.totalCost !== undefined) summary.wasteCost = data.waste.totalCost;
  }
  return summary;
}
