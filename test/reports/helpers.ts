import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reportSpecSchema, type ReportSpec, type ReportSpecInput } from '../../src/domain/report-spec';
import { parseCsvText } from '../helpers/csv-text';

const run = promisify(execFile);

import type { InventorySource } from '../../src/domain/ports';
import { defaultReportTitle } from '../../src/presentation';
import { buildReportData as buildWithTitles, type ReportContext } from '../../src/report-engine';

export { silentLogger } from '../../src/adapters/aws/powertools-logger';
export { renderReport } from '../../src/presentation';

/** The engine as the wiring calls it: titles from the presentation's catalogue. */
export function buildReportData(source: InventorySource, spec: ReportSpec, context: Omit<ReportContext, 'defaultTitle'>) {
  return buildWithTitles(source, spec, { defaultTitle: defaultReportTitle, ...context });
}

/** A spec as the API would parse it. */
export function spec(input: ReportSpecInput): ReportSpec {
  return reportSpecSchema.parse(input);
}

/** What a PDF says: page count (pdfinfo) and the text of each page (pdftotext -layout -f N -l N). */
export async function readPdf(
  pdf: Uint8Array,
): Promise<{ pages: number; text: string; flowText: string; pageText: (n: number, layout?: boolean) => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
  created.push(dir);
  const file = join(dir, 'report.pdf');
  await writeFile(file, pdf);
  const info = (await run('pdfinfo', [file])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const text = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  // Without -layout pdftotext keeps a table cell's wrapped lines together (reading order).
  const flowText = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  return {
    pages,
    text,
    flowText,
    pageText: async (n, layout = true) =>
      (await run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'])).stdout,
  };
}

/** One bookmark of a PDF's outline: its title, the page it opens, and the bookmarks beneath it. */
export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/** A PDF's outline (bookmarks), as poppler reads it (pdftohtml -xml). */
export async function readOutline(pdf: Uint8Array): Promise<OutlineItem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
  created.push(dir);
  const file = join(dir, 'report.pdf');
  await writeFile(file, pdf);
  const xml = (await run('pdftohtml', ['-xml', '-i', '-q', '-stdout', file], { maxBuffer: 512 * 1024 * 1024 })).stdout;
  const decode = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const root: OutlineItem[] = [];
  const levels: OutlineItem[][] = [];
  let last: OutlineItem | undefined;
  for (const token of xml.slice(xml.indexOf('<outline>')).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([\s\S]*?)<\/item>/g)) {
    if (token[0] === '<outline>') levels.push(levels.length === 0 ? root : last!.children);
    else if (token[0] === '</outline>') levels.pop();
    else levels[levels.length - 1].push((last = { title: decode(token[2]), page: Number(token[1]), children: [] }));
    if (levels.length === 0) break;
  }
  return root;
}

const created: string[] = [];

/** Removes the temporary files this test file's `readPdf` calls left (call in afterAll). */
export async function cleanupPdfTemp(): Promise<void> {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** Counts non-overlapping occurrences of a string. */
export function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

/**
 * Text for finding strings that may wrap: white space removed, and hyphens too, because pdftotext
 * drops a hyphen where a line breaks after it.
 */
export function joined(text: string): string {
  return text.replace(/[\s-]+/g, '');
}

/** Text with runs of white space (including no-break spaces from Intl) collapsed to one space. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Parses CSV produced by the reports (RFC 4180: every record ends with CRLF), without the BOM. */
export function parseCsv(bytes: Uint8Array): string[][] {
  const text = new TextDecoder().decode(bytes);
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  return parseCsvText(text, ',', 'crlf');
}

/** CSV rows as objects keyed by the header. */
export function csvRecords(bytes: Uint8Array): Record<string, string>[] {
  const [header, ...rows] = parseCsv(bytes);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
