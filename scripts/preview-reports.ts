/**
 * Renders the sample view model of each report type (src/presentation/<type>/sample.ts), and the
 * e-mail each run would send, for looking at the templates without a cloud:
 *
 *   npx tsx scripts/preview-reports.ts [out-dir] [locale] [--png]
 *
 * Writes inventory/usage/cost as PDF and HTML into out-dir (default report-preview/ in the system's
 * temporary folder), each run's e-mail as <type>-email.html and .txt, and a failed run's as
 * failed-email.html and .txt; with --png also the first page of each report as a PNG in docs/
 * (pdftoppm -r 60), the images the README shows. The chargeback samples (usage by team over last
 * month with a daily series and comparison; cost month to date by project and team, with forecast
 * and budgets) are written as usage-chargeback and cost-chargeback; with --png, the page each of
 * their sections starts on, from its heading down, is written as docs/chargeback-<section>.png.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ChromiumPdfRenderer } from '../src/adapters/chromium/chromium-pdf-renderer';
import type { ReportRun } from '../src/domain/report-run';
import { reportSpecSchema, type ReportSpec } from '../src/domain/report-spec';
import { renderReport } from '../src/presentation';
import { sampleCostData } from '../src/presentation/cost/sample';
import { renderReportEmail } from '../src/presentation/email/report-email';
import { messagesFor, type Messages } from '../src/presentation/messages';
import { sampleInventoryData } from '../src/presentation/inventory/sample';
import { sampleUsageData } from '../src/presentation/usage/sample';
import { summarizeReport, type ReportData } from '../src/report-engine';
import { composeReportEmail } from '../src/use-cases/delivery/compose-report-email';

const args = process.argv.slice(2);
const png = args.includes('--png');
const [outDir = join(tmpdir(), 'report-preview'), localeArg = 'en'] = args.filter((a) => !a.startsWith('--'));
const locale = reportSpecSchema.shape.locale.parse(localeArg);
const samples = { inventory: sampleInventoryData, usage: sampleUsageData, cost: sampleCostData };
const renderer = new ChromiumPdfRenderer();
const docs = fileURLToPath(new URL('../docs/', import.meta.url));
await mkdir(outDir, { recursive: true });

/** A finished run of the sample, as the worker records it, for the e-mail it would send. */
function runOf(data: ReportData, spec: ReportSpec, pdfBytes: number, failed = false): ReportRun {
  return {
    id: data.runId,
    owner: 'preview',
    type: data.type,
    status: failed ? 'failed' : 'succeeded',
    spec,
    createdAt: data.generatedAt,
    updatedAt: data.generatedAt,
    finishedAt: data.generatedAt,
    attempts: 1,
    artifacts: failed
      ? []
      : [
          { format: 'pdf', key: `${data.runId}.pdf`, bytes: pdfBytes, contentType: 'application/pdf' },
          { format: 'csv', key: `${data.runId}.csv`, bytes: 1, contentType: 'text/csv' },
        ],
    stages: [],
    ...(failed
      ? { error: { code: 'openstack_timeout', message: 'Request timed out after 30000 ms: GET https://compute.example.com/v2.1/servers/detail' } }
      : { summary: summarizeReport(data) }),
  };
}

/** Each page's words of a PDF with the top of each, in points (pdftotext -bbox, read once per file). */
const wordsOf = new Map<string, Promise<{ top: number; text: string }[][]>>();
function pageWords(file: string): Promise<{ top: number; text: string }[][]> {
  let pages = wordsOf.get(file);
  if (!pages) {
    const decode = (t: string) =>
      t
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    pages = promisify(execFile)('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) =>
      stdout
        .split(/<page /)
        .slice(1)
        .map((page) => [...page.matchAll(/<word [^>]*yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((w) => ({ top: Number(w[1]), text: decode(w[2]) }))),
    );
    wordsOf.set(file, pages);
  }
  return pages;
}

/** Where a PDF first prints `text`: the page and the top of its first word, in points. */
async function findText(file: string, text: string): Promise<{ page: number; top: number }> {
  const wanted = text.split(/\s+/);
  const pages = await pageWords(file);
  for (const [p, words] of pages.entries()) {
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (wanted.every((w, k) => words[i + k].text === w)) return { page: p + 1, top: words[i].top };
    }
  }
  throw new Error(`No page of ${file} says "${text}"`);
}

async function writeEmail(name: string, run: ReportRun, pdf: Uint8Array): Promise<void> {
  const store = { get: async () => pdf, presignGet: async (key: string) => `https://downloads.example.com/${key}?X-Amz-Expires=604800` };
  const email = await composeReportEmail(store, run, ['finance@example.com'], {
    attachmentMaxBytes: 7 * 1024 * 1024,
    linkTtlSeconds: 604_800,
    publicBaseUrl: 'https://reports.example.com',
    renderEmail: renderReportEmail,
  });
  await writeFile(join(outDir, `${name}.html`), email.html);
  await writeFile(join(outDir, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
}

try {
  for (const type of ['inventory', 'usage', 'cost'] as const) {
    const data = samples[type]({ locale });
    const spec = reportSpecSchema.parse({ type, formats: ['pdf', 'html'], locale, ...(data.period ? { period: { preset: 'last-month' } } : {}) });
    const [pdf, html] = await renderReport(data, spec, { pdf: renderer });
    await writeFile(join(outDir, `${type}.pdf`), pdf.body);
    await writeFile(join(outDir, `${type}.html`), html.body);
    await writeEmail(`${type}-email`, runOf(data, spec, pdf.body.byteLength), pdf.body);
    if (type === 'cost') await writeEmail('failed-email', runOf(data, spec, 0, true), pdf.body);
    if (png) await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(outDir, `${type}.pdf`), join(docs, type)]);
    console.log(`${type}: ${join(outDir, `${type}.pdf`)}`);
  }
  // The chargeback views, and for the README the page where each starts (found by its heading).
  const views: Record<string, { type: 'usage' | 'cost'; heading: (m: Messages, d: ReportData) => string }> = {
    grouping: {
      type: 'cost',
      heading: (m) => m.chargeback.sections.grouping(`${m.chargeback.dimensions.project} / ${m.chargeback.dimensions.metadata('team')}`),
    },
    series: { type: 'usage', heading: (m) => m.chargeback.sections.series(m.chargeback.steps.day) },
    comparison: { type: 'usage', heading: (m) => m.chargeback.sections.comparison },
    forecast: { type: 'cost', heading: (m, d) => m.chargeback.sections.forecast(d.forecast?.month ?? '') },
    budgets: { type: 'cost', heading: (m) => m.chargeback.sections.budgets },
  };
  const charged: Partial<Record<'usage' | 'cost', { data: ReportData; file: string }>> = {};
  for (const type of ['usage', 'cost'] as const) {
    // A smaller cloud than the other previews: each section then fits the page it starts on.
    const data = samples[type]({ locale, chargeback: true, monthToDate: type === 'cost', servers: 80, projects: 4 });
    const spec = reportSpecSchema.parse({ type, formats: ['pdf', 'html'], locale, period: { preset: data.period!.preset } });
    const [pdf, html] = await renderReport(data, spec, { pdf: renderer });
    const file = join(outDir, `${type}-chargeback.pdf`);
    await writeFile(file, pdf.body);
    await writeFile(join(outDir, `${type}-chargeback.html`), html.body);
    charged[type] = { data, file };
    console.log(`${type} (chargeback): ${file}`);
  }
  if (png) {
    const m = messagesFor(locale);
    for (const [name, view] of Object.entries(views)) {
      const { data, file } = charged[view.type]!;
      const heading = view.heading(m, data);
      // The page from the view's heading down (60 dpi: A4 landscape is 702 × 496 pixels).
      const { page, top } = await findText(file, heading);
      const y = Math.max(0, Math.round(((top - 12) * 60) / 72));
      await promisify(execFile)('pdftoppm', [
        ...['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile'],
        ...['-x', '0', '-y', String(y), '-W', '702', '-H', String(496 - y)],
        file,
        join(docs, `chargeback-${name}`),
      ]);
    }
  }
} finally {
  await renderer.close();
}
