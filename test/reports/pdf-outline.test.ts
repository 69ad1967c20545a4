import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { messagesFor } from '../../src/presentation/messages';
import { sampleInventoryData } from '../../src/presentation/inventory/sample';
import { sampleUsageData } from '../../src/presentation/usage/sample';
import type { ReportData } from '../../src/report-engine/report-data';
import { cleanupPdfTemp, readOutline, readPdf, renderReport, spec, squash, type OutlineItem } from './helpers';

const renderer = new ChromiumPdfRenderer({ browsers: 2 });
afterAll(async () => {
  await renderer.close();
  await cleanupPdfTemp();
});

const m = messagesFor('en');

async function print(data: ReportData, options: { chunkCells?: number; tagged?: boolean } = {}) {
  const s = spec({ type: data.type, formats: ['pdf'], accessiblePdf: options.tagged ?? false });
  const [pdf] = await renderReport(data, s, { pdf: renderer, pdfConcurrency: 2, ...(options.chunkCells ? { pdfChunkCells: options.chunkCells } : {}) });
  return { outline: await readOutline(pdf.body), pdf: await readPdf(pdf.body) };
}

/** The notes' bookmark: Notes, or without any notes the methodology beneath them. */
const notesTitle = (data: ReportData) => (data.notes.length > 0 ? m.sections.notes : m.sections.methodology);

/** Projects that have rows in a grouped table, in the table's order. */
const projectsOf = (byProject: { projectName: string; servers: number }[]) => byProject.filter((p) => p.servers > 0).map((p) => p.projectName);

describe('a large inventory printed in chunks', () => {
  let data: ReportData;
  let outline: OutlineItem[];
  let pdf: Awaited<ReturnType<typeof readPdf>>;
  beforeAll(async () => {
    data = sampleInventoryData();
    ({ outline, pdf } = await print(data, { chunkCells: 1500 }));
  });

  it('has bookmarks for each section, and under Servers one per project, each on its page', async () => {
    expect(outline.map((i) => i.title)).toEqual([
      m.sections.summary,
      m.sections.byProject,
      m.sections.byStatus,
      m.sections.byFlavor,
      m.sections.waste,
      m.sections.servers,
      notesTitle(data),
      m.sections.priceList,
    ]);
    expect(outline.find((i) => i.title === m.sections.waste)!.children.map((i) => i.title)).toEqual([
      m.sections.wasteShutoff('30'),
      m.sections.wasteVolumes,
      m.sections.wasteFloatingIps,
    ]);
    const servers = outline.find((i) => i.title === m.sections.servers)!;
    expect(servers.children.map((i) => i.title)).toEqual(projectsOf(data.inventory!.byProject));
    // Summary opens the title block on page 1; every other bookmark opens the page with its heading.
    expect(outline[0].page).toBe(1);
    for (const item of [...outline.slice(1), ...servers.children]) {
      expect(squash(await pdf.pageText(item.page, false)), item.title).toContain(item.title);
    }
    expect(outline.at(-1)!.page).toBe(pdf.pages);
  });

  it('names, at the top of every page of the server table, the project whose rows it lists', async () => {
    const servers = outline.find((i) => i.title === m.sections.servers)!;
    const notes = outline.find((i) => i.title === notesTitle(data))!;
    // Servers listed as waste too are left out: the waste table, which may share a page, has a project column.
    const waste = new Set(data.waste!.shutoffServers.map((s) => s.id));
    const projectOf = new Map(data.inventory!.servers.filter((s) => !waste.has(s.id)).map((s) => [s.id, s.projectName]));
    for (let n = servers.page; n <= notes.page; n++) {
      const text = squash(await pdf.pageText(n, false));
      const listed = new Set([...projectOf].filter(([id]) => text.includes(id)).map(([, project]) => project));
      for (const project of listed) expect(text, `page ${n}`).toMatch(new RegExp(`${project} (·|\\(continued\\))`));
    }
  });
});

describe('a report printed in one piece', () => {
  it("has bookmarks for the usage report's sections and projects", async () => {
    const data = sampleUsageData({ servers: 60, projects: 4, seed: 5 });
    const { outline } = await print(data);
    expect(outline.map((i) => i.title)).toEqual([m.sections.summary, m.sections.usageByProject, m.sections.quotas, m.sections.serverUsage, notesTitle(data)]);
    expect(outline.find((i) => i.title === m.sections.serverUsage)!.children.map((i) => i.title)).toEqual(projectsOf(data.usage!.byProject));
  });

  it('keeps them in a tagged (accessible) PDF', async () => {
    const data = sampleUsageData({ servers: 30, projects: 3, seed: 5 });
    const { outline } = await print(data, { tagged: true });
    expect(outline.map((i) => i.title)).toContain(m.sections.serverUsage);
  });
});
