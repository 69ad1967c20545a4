/**
 * The presentation: renders a report's data snapshot as PDF, HTML, CSV and JSON. The worker and
 * the CLI reach it through the `ReportRenderer` port.
 */
import type { PdfRenderer, ProgressListener, RenderedReport } from '../domain/ports';
import type { ReportSpec } from '../domain/report-spec';
import type { ReportData } from '../report-engine/report-data';
import { reportCsv } from './csv/report-csv';
import { renderStandaloneHtml, reportParts, reportView } from './document';
import { renderPdf } from './pdf/render-pdf';

import { messagesFor } from './messages';

export { messagesFor };
export { renderReportEmail } from './email/report-email';

/** A report's title when neither its spec nor the brand names one: the catalogue's name of its type. */
export function defaultReportTitle(type: ReportSpec['type'], locale: ReportSpec['locale']): string {
  return messagesFor(locale).reportTitle[type];
}

/** The media type of an Excel workbook (Office Open XML spreadsheet). */
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What rendering needs. Only `pdf` is required. */
export interface RenderDeps {
  pdf: PdfRenderer;
  /** Called as PDF chunks are printed: stage `render`. */
  onProgress?: ProgressListener;
  /** Table cells per PDF chunk (default 12,000, about 1,000 server rows). */
  pdfChunkCells?: number;
  /** PDF chunks printed at once (default: the renderer's `parallelism` when it has one, else 1). */
  pdfConcurrency?: number;
}

/** Renders the report's data in each format the spec asks for, in the spec's order. */
export async function renderReport(data: ReportData, spec: ReportSpec, deps: RenderDeps): Promise<RenderedReport[]> {
  const view = reportView(data);
  const parts = reportParts(view);
  const out: RenderedReport[] = [];
  for (const format of spec.formats) {
    if (format === 'pdf') {
      let pages: number | undefined;
      const body = await renderPdf(view, parts, deps.pdf, {
        tagged: spec.accessiblePdf,
        chunkCells: deps.pdfChunkCells,
        concurrency: deps.pdfConcurrency ?? parallelismOf(deps.pdf),
        onProgress: deps.onProgress,
        onPageCount: (count) => (pages = count),
      });
      out.push({ format, body, contentType: 'application/pdf', extension: 'pdf', ...(pages !== undefined ? { pages } : {}) });
    } else if (format === 'html') {
      out.push({ format, body: new TextEncoder().encode(renderStandaloneHtml(view, parts)), contentType: 'text/html; charset=utf-8', extension: 'html' });
    } else if (format === 'json') {
      out.push({ format, body: new TextEncoder().encode(JSON.stringify(data)), contentType: 'application/json', extension: 'json' });
    } else if (format === 'xlsx') {
      // Imported here, not above: the workbook library loads only when a workbook is asked for.
      const { reportWorkbook } = await import('./xlsx/report-workbook');
      out.push({ format, body: await reportWorkbook(data), contentType: xlsxContentType, extension: 'xlsx' });
    } else {
      out.push({ format, body: reportCsv(data, spec.csvDialect), contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' });
    }
  }
  return out;
}

function parallelismOf(renderer: PdfRenderer): number {
  const p = (renderer as { parallelism?: unknown }).parallelism;
  return typeof p === 'number' && p >= 1 ? Math.floor(p) : 1;
}
