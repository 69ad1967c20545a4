import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import type { ReportRun } from '../../src/domain/report-run';
import { reportSpecSchema } from '../../src/domain/report-spec';
import { sampleCostData } from '../../src/presentation/cost/sample';
import { figureKinds, untoldFigures } from '../../src/presentation/email/figures';
import { renderReportEmail } from '../../src/presentation/email/report-email';
import { sampleReportEmail } from '../../src/presentation/email/sample';
import { sampleInventoryData } from '../../src/presentation/inventory/sample';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import { summarizeReport, type ReportData } from '../../src/report-engine';
import { composeReportEmail } from '../../src/use-cases/delivery/compose-report-email';
import { cleanupPdfTemp, readPdf, renderReport, squash } from '../reports/helpers';

const renderer = new ChromiumPdfRenderer();
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

/** A run of the sample report as the worker records it: spec, summary, one PDF. */
function runOf(data: ReportData, overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    id: `run-${data.type}`,
    owner: 'alice',
    type: data.type,
    status: 'succeeded',
    spec: reportSpecSchema.parse({ type: data.type, locale: data.locale, ...(data.period ? { period: { preset: 'last-month', timezone: 'UTC' } } : {}) }),
    createdAt: '2026-03-15T11:58:00.000Z',
    updatedAt: '2026-03-15T12:00:00.000Z',
    finishedAt: '2026-03-15T12:00:00.000Z',
    attempts: 1,
    artifacts: [{ format: 'pdf', key: 'r.pdf', bytes: 10, contentType: 'application/pdf' }],
    stages: [],
    summary: summarizeReport(data),
    ...overrides,
  };
}

async function emailOf(run: ReportRun) {
  const store = { get: async () => new Uint8Array(10), presignGet: async (key: string) => `https://downloads.example.com/${key}` };
  return composeReportEmail(store, run, ['ops@example.com'], { attachmentMaxBytes: 1_000, linkTtlSeconds: 60, renderEmail: renderReportEmail });
}

/** Labels, dates and numbers the e-mail printed in English or raw before it followed the report's locale. */
const untranslated = [/^ {2}(Type|Title|Period start|Period end|Total|Vcpu hours|Currency): /m, /\d{4}-\d\d-\d\dT\d\d:\d\d/, /\d{4,}\.\d\d(?!\d)/];

describe('a pt-BR e-mail', () => {
  let usage: ReportData;
  let pdfPage1: string;
  beforeAll(async () => {
    usage = sampleUsageData({ locale: 'pt-BR' });
    const [pdf] = await renderReport(usage, reportSpecSchema.parse({ type: 'usage', locale: 'pt-BR' }), { pdf: renderer });
    pdfPage1 = squash(await (await readPdf(pdf.body)).pageText(1, false));
  });

  it("says the report's period as its PDF does: the last included day, in Portuguese", async () => {
    const { text, html } = await emailOf(runOf(usage));
    // Beneath the title (here the report kind's name, so the kind is not repeated).
    const lines = text.split('\n');
    const period = lines[lines.indexOf('Relatório de uso') + 1];
    expect(period).toBe('mês passado: 1 de fev. de 2026 a 28 de fev. de 2026 (UTC)');
    expect(pdfPage1).toContain(period);
    expect(html).toContain(period);
    for (const raw of untranslated) expect(text).not.toMatch(raw);
    expect(text).toContain('vCPU-horas: 803.134');
    expect(text).toContain('Concluído: 15 de mar. de 2026, 12:00 (UTC)');
  });

  it('prints money in the report currency, formatted for the locale', async () => {
    const cost = sampleCostData({ locale: 'pt-BR' });
    const { text } = await emailOf(runOf(cost));
    expect(text).toMatch(/Custo total estimado: US\$\s[\d.]+,\d\d\n/);
    expect(text).toContain(
      `Custo total estimado: ${new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'USD' }).format(Number(cost.cost!.totals.total))}`,
    );
    for (const raw of untranslated) expect(text).not.toMatch(raw);
  });

  it("gives a failure's reason in Portuguese, with the recorded message as details", async () => {
    const message = 'Request timed out after 30000 ms: GET https://compute.example.com/v2.1/servers/detail';
    const { text, html } = await emailOf(
      runOf(sampleCostData({ locale: 'pt-BR' }), { status: 'failed', artifacts: [], summary: undefined, error: { code: 'openstack_timeout', message } }),
    );
    expect(text).toContain('Motivo: A nuvem não respondeu a tempo.');
    expect(text).toContain(`Detalhes: ${message}`);
    expect(html).toContain('A nuvem não respondeu a tempo.');
    // OpenStack's HTTP answers by status class.
    const refused = renderReportEmail({
      ...sampleReportEmail,
      locale: 'pt-BR',
      status: 'failed',
      error: 'Request failed with 503',
      errorCode: 'openstack_http_503',
    });
    expect(refused.text).toContain('Motivo: Um serviço da nuvem falhou enquanto o relatório o lia.');
    // A failure without any recorded reason still says so in the reader's language.
    expect(renderReportEmail({ ...sampleReportEmail, locale: 'pt-BR', status: 'failed' }).text).toContain('Motivo: A execução falhou sem informar o motivo.');
  });
});

describe('e-mail period and figures', () => {
  it('ends a period given with an exclusive end on its last included day', () => {
    const { text } = renderReportEmail({
      ...sampleReportEmail,
      type: 'cost',
      summary: {},
      timezone: 'UTC',
      period: { start: '2026-11-02T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
    });
    expect(text).toContain('Nov 2, 2026 to Dec 1, 2026 (UTC)');
  });

  it('name every figure the engine sums a report up with', () => {
    for (const data of [sampleInventoryData(), sampleUsageData(), sampleCostData()]) {
      const unknown = Object.keys(summarizeReport(data)).filter((k) => !Object.hasOwn(figureKinds, k) && !untoldFigures.has(k));
      expect(unknown, data.type).toEqual([]);
    }
  });
});
