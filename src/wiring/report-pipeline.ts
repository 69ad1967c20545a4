import { ChromiumPdfRenderer, type ChromiumPdfRendererOptions } from '../adapters/chromium/chromium-pdf-renderer';
import type { Ports } from '../domain/deps';
import type { PdfRenderer, ReportBuilder, ReportRenderer } from '../domain/ports';
import type { PriceList } from '../domain/price-list';
import { defaultReportTitle, renderReport } from '../presentation';
import { buildReportData, summarizeReport, type Branding, type ReportData } from '../report-engine';

export interface ReportSettings {
  /** The price list cost reports use when their spec has none. */
  defaultPriceList?: PriceList;
  /** Logo, colours and title of the brand theme. */
  branding?: Branding;
}

/** The report engine and the presentation behind their ports, paired on one snapshot type. */
export function reportPipeline(settings: ReportSettings, pdf: PdfRenderer): Pick<Ports, 'reportBuilder' | 'reportRenderer'> {
  const reportBuilder: ReportBuilder<ReportData> = {
    build: (inventory, spec, context) =>
      buildReportData(inventory, spec, {
        ...context,
        priceList: settings.defaultPriceList,
        branding: settings.branding,
        defaultTitle: defaultReportTitle,
      }),
    summarize: summarizeReport,
  };
  const reportRenderer: ReportRenderer<ReportData> = {
    render: (data, spec, options) => renderReport(data, spec, { pdf, onProgress: options?.onProgress }),
  };
  return { reportBuilder, reportRenderer };
}

/** Chromium as the PDF renderer: two browsers print chunks in parallel on two cores (3 GB of memory and more). */
export function chromiumRenderer(options: Omit<ChromiumPdfRendererOptions, 'browsers'> = {}): PdfRenderer {
  return new ChromiumPdfRenderer({ ...options, browsers: 2 });
}
