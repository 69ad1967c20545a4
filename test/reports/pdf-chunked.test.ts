import { afterAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { buildReportData, renderReport } from './helpers';
import { chunkParts } from '../../src/presentation/pdf/chunk-parts';
import { reportParts, reportView } from '../../src/presentation/document';
import { createSampleCloud } from '../../src/presentation/sample-cloud';
import { cleanupPdfTemp, joined, occurrences, readPdf, silentLogger, spec } from './helpers';

const renderer = new ChromiumPdfRenderer({ browsers: 2 });
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

describe('a large inventory printed in chunks', () => {
  it('numbers the merged pages "Page X of Y" across the whole document and keeps every server once', async () => {
    const now = new Date('2026-03-15T12:00:00Z');
    const cloud = createSampleCloud({ servers: 420, projects: 7, now, seed: 7 });
    const s = spec({ type: 'inventory', formats: ['pdf'], title: 'Chunked inventory' });
    const data = await buildReportData(cloud.source, s, { runId: 'run-chunks', now, logger: silentLogger });
    const chunkCells = 1500;
    const chunks = chunkParts(reportParts(reportView(data)), chunkCells);
    expect(chunks.length).toBeGreaterThanOrEqual(4);

    const progress: number[] = [];
    const [pdf] = await renderReport(data, s, {
      pdf: renderer,
      pdfChunkCells: chunkCells,
      pdfConcurrency: 2,
      onProgress: (_stage, done) => progress.push(done),
    });
    const read = await readPdf(pdf.body);

    expect(progress.at(-1)).toBe(chunks.length);
    for (let n = 1; n <= read.pages; n++) {
      const page = await read.pageText(n);
      expect(occurrences(page, `Page ${n} of ${read.pages}`), `page ${n}`).toBe(1);
      expect(page).toContain('Chunked inventory');
    }
    const text = joined(read.flowText);
    const waste = new Set(data.waste!.shutoffServers.map((w) => w.id));
    const wrong = cloud.servers.filter((srv) => occurrences(text, joined(srv.id)) !== (waste.has(srv.id) ? 2 : 1));
    expect(wrong.map((srv) => srv.id)).toEqual([]);
    // Continued sections say so after a chunk break.
    expect(read.flowText).toContain('Servers (continued)');
  });
});
