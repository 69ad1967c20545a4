/**
 * Renders the three report types from the sample cloud, for looking at the templates:
 *
 *   npx tsx scripts/preview-reports.ts [out-dir] [locale] [--png]
 *
 * Writes inventory/usage/cost as PDF and HTML into out-dir (default report-preview/ in the system's temporary folder); with
 * --png also the first page of each as a PNG in docs/ (pdftoppm -r 60), the images the README shows.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ChromiumPdfRenderer } from '../src/adapters/chromium/chromium-pdf-renderer';
import type { Logger } from '../src/domain/ports';
import { reportSpecSchema } from '../src/domain/report-spec';
import { defaultReportTitle, renderReport } from '../src/presentation';
import { createSampleCloud, samplePriceList } from '../src/presentation/sample-cloud';
import { buildReportData } from '../src/report-engine';

const args = process.argv.slice(2);
const png = args.includes('--png');
const [outDir = join(tmpdir(), 'report-preview'), locale = 'en'] = args.filter((a) => !a.startsWith('--'));
const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, with: () => logger };
const now = new Date('2026-03-15T12:00:00Z');
const cloud = createSampleCloud({ servers: 240, projects: 9, now, seed: 2026 });
const renderer = new ChromiumPdfRenderer();
const docs = fileURLToPath(new URL('../docs/', import.meta.url));
await mkdir(outDir, { recursive: true });
try {
  for (const type of ['inventory', 'usage', 'cost'] as const) {
    const spec = reportSpecSchema.parse({
      type,
      formats: ['pdf', 'html'],
      locale,
      priceList: samplePriceList,
      period: { preset: 'last-month', timezone: 'America/Sao_Paulo' },
    });
    const data = await buildReportData(cloud.source, spec, { runId: `preview-${type}`, now, logger, defaultTitle: defaultReportTitle });
    const [pdf, html] = await renderReport(data, spec, { pdf: renderer });
    await writeFile(join(outDir, `${type}.pdf`), pdf.body);
    await writeFile(join(outDir, `${type}.html`), html.body);
    if (png) await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(outDir, `${type}.pdf`), join(docs, type)]);
    console.log(`${type}: ${join(outDir, `${type}.pdf`)}`);
  }
} finally {
  await renderer.close();
}
