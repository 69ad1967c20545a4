import { InventoryPage } from '../../templates/inventory';
import type { Logger, InventorySource, PdfRenderer } from '../core/ports';
import type { ArtifactFormat } from '../core/report-run';
import type { ReportSpec } from '../core/report-spec';
import type { PriceList } from '../core/price-list';
import type { InventoryData } from './inventory-data';

/** What building a report needs besides the cloud. */
export interface ReportContext {
  runId: string;
  now: Date;
  logger: Logger;
  /** Called as work advances, for progress bars. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** The configured price list, used when the spec has none. */
  priceList?: PriceList;
}

/** One rendered output. */
export interface RenderedArtifact {
  format: ArtifactFormat;
  body: Uint8Array;
  contentType: string;
  extension: string;
}

export type ReportData = InventoryData;

/** Fetches what the spec asks for and aggregates it into the report's data. */
export async function buildReportData(source: InventorySource, spec: ReportSpec, ctx: ReportContext): Promise<ReportData> {
  const [projects, servers] = await Promise.all([source.listProjects(), source.listServers({ kind: 'all' })]);
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  return {
    title: spec.title ?? 'VM inventory',
    generatedAt: ctx.now.toISOString(),
    servers: servers.map((s) => ({
      id: s.id,
      name: s.name,
      projectName: projectNames.get(s.projectId) ?? s.projectId,
      status: s.status,
      flavor: s.flavor?.name ?? '',
      vcpus: s.flavor?.vcpus ?? 0,
      ramMb: s.flavor?.ramMb ?? 0,
      diskGb: s.flavor?.diskGb ?? 0,
    })),
  };
}

/** Renders the report's data in each requested format. */
export async function renderReport(data: ReportData, spec: ReportSpec, deps: { pdf: PdfRenderer }): Promise<RenderedArtifact[]> {
  const html = '<!doctype html>' + String(InventoryPage({ data }));
  const out: RenderedArtifact[] = [];
  for (const format of spec.formats) {
    if (format === 'pdf') {
      out.push({ format, body: await deps.pdf.render(html), contentType: 'application/pdf', extension: 'pdf' });
    } else if (format === 'html') {
      out.push({ format, body: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8', extension: 'html' });
    } else if (format === 'json') {
      out.push({ format, body: new TextEncoder().encode(JSON.stringify(data)), contentType: 'application/json', extension: 'json' });
    } else {
      throw new Error(`format ${format} is not supported yet`);
    }
  }
  return out;
}

/** Key figures for e-mails, webhooks and the API. */
export function summarizeReport(data: ReportData): Record<string, string | number> {
  return { servers: data.servers.length };
}
