import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { sampleInventoryData } from '../../src/presentation/inventory/sample';
import { cleanupPdfTemp, readPdf, renderReport, spec, squash } from './helpers';

const renderer = new ChromiumPdfRenderer();
let lines: string[];
let text: string;

beforeAll(async () => {
  const data = sampleInventoryData({ locale: 'pt-BR' });
  expect(data.inventory!.servers.some((s) => s.status === 'SHELVED_OFFLOADED')).toBe(true);
  const [pdf] = await renderReport(data, spec({ type: 'inventory', formats: ['pdf'], locale: 'pt-BR' }), { pdf: renderer });
  const read = await readPdf(pdf.body);
  lines = read.flowText.split('\n').map((l) => l.trim());
  text = squash(read.flowText);
});
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

describe('the pt-BR server table', () => {
  it('wraps a long numeric header instead of running it into the next one', () => {
    // Overflowing, "Disco GB + volumes" ran into "Endereços" and read as one word.
    expect(text).not.toContain('volumesEndereços');
    expect(text).toMatch(/Disco GB \+ volumes Endereços/);
  });

  it('breaks SHELVED_OFFLOADED after its underscore, never mid-word', () => {
    const cells = lines.flatMap((l, i) => (l.startsWith('SHELVED') ? [l === 'SHELVED_' ? `${l}|${lines[i + 1]}` : l] : []));
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => c !== 'SHELVED_OFFLOADED' && c !== 'SHELVED_|OFFLOADED')).toEqual([]);
    expect(cells).toContain('SHELVED_|OFFLOADED');
  });
});
