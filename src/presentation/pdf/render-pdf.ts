import { PDFDocument } from 'pdf-lib';
import type { PdfRenderer } from '../../domain/ports';
import { renderDocumentHtml } from '../document';
import { chunkOutline, wholeDocument, type OutlineEntry } from '../outline';
import type { DocPart, ReportView } from '../view';
import { chunkParts } from './chunk-parts';
import { readDestinations, writeOutline, type Destination } from './pdf-outline';
import { stampPageNumbers } from './stamp-page-numbers';

export interface PdfRenderOptions {
  /** Table cells per chunk (about 1,000 server rows). */
  chunkCells?: number;
  /** Chunks printed at once; the renderer opens one page per chunk. */
  concurrency?: number;
  /** A tagged (accessible) PDF: printed in one piece, since merging drops the structure tree. */
  tagged?: boolean;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Told the finished document's page count (for the rendered-pages metric). */
  onPageCount?: (pages: number) => void;
}

export const defaultChunkCells = 12_000;

/**
 * Prints a report document to PDF, with an outline (bookmarks) of its sections and of the projects
 * of its tables. A document that fits one chunk (or a tagged one) is printed whole with CSS page
 * numbers. A larger one is printed chunk by chunk, each chunk's HTML built just before it is
 * printed and its pages copied into the merged document as soon as it is done (in order), so at
 * most `concurrency` chunks' HTML and PDFs are alive at once; then "Page X of Y" is stamped across
 * the whole document. The outline is built here from the named destinations Chromium writes for
 * each chunk's anchors (see `OutlineLinks`), since merging keeps no outline of the chunks.
 */
export async function renderPdf(view: ReportView, parts: DocPart[], renderer: PdfRenderer, options: PdfRenderOptions = {}): Promise<Uint8Array> {
  const chunks = options.tagged ? [wholeDocument(parts)] : chunkParts(parts, options.chunkCells ?? defaultChunkCells);
  if (chunks.length === 1) {
    options.onProgress?.('render', 0, 1);
    const pdf = await renderer.render(renderDocumentHtml(view, chunks[0], 'pdf', { pageNumbers: true }), { tagged: options.tagged ?? false, landscape: true });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    writeOutline(doc, chunkOutline(chunks[0]), readDestinations(doc));
    const out = await doc.save({ useObjectStreams: false });
    options.onPageCount?.(doc.getPageCount());
    options.onProgress?.('render', 1, 1);
    return out;
  }

  const merged = await PDFDocument.create();
  merged.setTitle(view.data.title);
  merged.setProducer('openstack-reports');
  merged.setCreationDate(new Date(view.data.generatedAt));
  const ready = new Map<number, Uint8Array>();
  const outline: OutlineEntry[] = [];
  const destinations = new Map<string, Destination>();
  let nextToRender = 0;
  let nextToAppend = 0;
  let appending: Promise<void> = Promise.resolve();
  const append = async () => {
    while (ready.has(nextToAppend)) {
      const bytes = ready.get(nextToAppend) as Uint8Array;
      ready.delete(nextToAppend);
      const chunk = await PDFDocument.load(bytes, { updateMetadata: false });
      for (const [id, d] of readDestinations(chunk, merged.getPageCount())) destinations.set(id, d);
      outline.push(...chunkOutline(chunks[nextToAppend]));
      const pages = await merged.copyPages(chunk, chunk.getPageIndices());
      for (const page of pages) merged.addPage(page);
      nextToAppend++;
      options.onProgress?.('render', nextToAppend, chunks.length);
    }
  };
  const worker = async () => {
    while (nextToRender < chunks.length) {
      const index = nextToRender++;
      const html = renderDocumentHtml(view, chunks[index], 'pdf', { pageNumbers: false });
      ready.set(index, await renderer.render(html, { landscape: true }));
      appending = appending.then(append);
      await appending;
    }
  };
  options.onProgress?.('render', 0, chunks.length);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, chunks.length)) }, worker));
  await stampPageNumbers(merged, view.m.pageOf);
  writeOutline(merged, outline, destinations);
  options.onPageCount?.(merged.getPageCount());
  // Object streams would shrink the file about 10% but triple the time of saving a 1,000-page document.
  return merged.save({ useObjectStreams: false });
}
