import { writeFileSync } from 'node:fs';
import { ChromiumPdfRenderer } from './functions/adapters/chromium-pdf-renderer';
import { buildReportData, renderReport } from './functions/reports';
import { reportSpecSchema } from './functions/core/report-spec';
import { createSampleCloud, samplePriceList } from './templates/sample-cloud';

const n = Number(process.argv[2] ?? 60);
const cloud = createSampleCloud({ servers: n, projects: 6, now: new Date('2026-03-15T12:00:00Z') });
const logger = { debug() {}, info() {}, warn() {}, error() {}, with() { return logger; } };
const pdf = new ChromiumPdfRenderer();
for (const type of ['inventory', 'usage', 'cost'] as const) {
  const spec = reportSpecSchema.parse({ type, formats: ['pdf', 'html', 'csv', 'json'], priceList: samplePriceList, period: { preset: 'last-month', timezone: 'America/Sao_Paulo' }, locale: process.argv[3] ?? 'en', watermark: process.argv[4] });
  const t = Date.now();
  const data = await buildReportData(cloud.source, spec, { runId: 'run-preview', now: new Date('2026-03-15T12:00:00Z'), logger });
  const arts = await renderReport(data, spec, { pdf });
  for (const a of arts) writeFileSync(`/tmp/prev/${type}.${a.extension}`, a.body);
  console.log(type, Date.now() - t, 'ms');
}
await pdf.close();
