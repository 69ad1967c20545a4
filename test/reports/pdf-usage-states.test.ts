import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import type { ReportData } from '../../src/report-engine/report-data';
import { cleanupPdfTemp, readPdf, renderReport, spec, squash } from './helpers';

const renderer = new ChromiumPdfRenderer();
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

/** The PDF's text in reading order, white space squashed (a narrow cell wraps a state in two lines). */
async function usagePdf(data: ReportData): Promise<string> {
  const [pdf] = await renderReport(data, spec({ type: 'usage', formats: ['pdf'], locale: data.locale }), { pdf: renderer });
  return squash((await readPdf(pdf.body)).flowText);
}

const word = (w: string) => new RegExp(`(^|\\s)${w}(\\s|$)`);

describe("the usage report's State column", () => {
  let pt: string;
  let en: string;
  beforeAll(async () => {
    const data = sampleUsageData({ locale: 'pt-BR' });
    // Values the catalogue does not know are printed as Nova sent them, even one named like an Object key.
    const odd = ['hibernating', 'constructor'];
    odd.forEach((state, i) => (data.usage!.servers[i].state = state));
    pt = await usagePdf(data);
    en = await usagePdf(sampleUsageData({ locale: 'en' }));
  });

  it("prints Nova's states in Portuguese in a pt-BR report", () => {
    for (const state of ['ativo', 'desligado', 'pausado', 'erro', 'arquivado, descarregado', 'encerrado']) expect(pt, state).toMatch(word(state));
    for (const raw of ['active', 'stopped', 'shelved_offloaded', 'terminated']) expect(pt, raw).not.toMatch(word(raw));
  });

  it('prints readable English words in an English report', () => {
    expect(en).toMatch(word('shelved, offloaded'));
    expect(en).not.toContain('shelved_offloaded');
  });

  it('falls back to the raw value for states the catalogue does not know', () => {
    expect(pt).toMatch(word('hibernating'));
    expect(pt).toMatch(word('constructor'));
  });
});
