import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import type { ReportData } from '../../src/report-engine';
import { buildReportData, renderReport } from './helpers';
import { createSampleCloud, type SampleCloud } from '../../src/presentation/sample-cloud';
import { cleanupPdfTemp, csvRecords, joined, occurrences, readPdf, silentLogger, spec, squash } from './helpers';

const now = new Date('2026-03-15T12:00:00Z');
const longName = `srv-${'abcdefghij'.repeat(25)}x`;
const renderer = new ChromiumPdfRenderer();
let http: HttpServer;
let requests = 0;
let names: string[];
let cloud: SampleCloud;

beforeAll(async () => {
  // A server on 127.0.0.1 that must never hear from the page: tenant names try to reach it.
  http = createServer((_req, res) => {
    requests++;
    res.end('x');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  names = [
    '<img src=x onerror=alert(1)>',
    `<script>fetch('http://127.0.0.1:${port}/')</script>`,
    `<img src="http://127.0.0.1:${port}/pixel.png">`,
    `<link rel=stylesheet href=http://127.0.0.1:${port}/x.css>`,
    longName,
    'خادم-الويب',
    'ウェブサーバー',
    'servidor-produção-ação',
    '=HYPERLINK("http://evil")',
    'web-01',
    'web-01',
  ];
  cloud = createSampleCloud({ servers: 36, projects: 3, names, now, projectNames: ['finanças', 'web-shop', 'データ'] });
});

afterAll(async () => {
  await renderer.close();
  await new Promise((resolve) => http.close(resolve));
  await cleanupPdfTemp();
});

async function inventory(locale: 'en' | 'pt-BR' = 'en', extra: object = {}) {
  const s = spec({ type: 'inventory', formats: ['pdf', 'csv', 'json', 'html'], locale, watermark: 'CONFIDENTIAL', ...extra });
  const data = await buildReportData(cloud.source, s, { runId: 'run-inv', now, logger: silentLogger });
  const artifacts = await renderReport(data, s, { pdf: renderer });
  const get = (format: string) => artifacts.find((a) => a.format === format)!.body;
  return { data, pdf: await readPdf(get('pdf')), csv: get('csv'), json: get('json'), html: new TextDecoder().decode(get('html')) };
}

const en = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

describe('inventory PDF', () => {
  let out: Awaited<ReturnType<typeof inventory>>;
  beforeAll(async () => {
    out = await inventory();
  });

  it('lists every server exactly once (waste lists long-stopped ones again)', () => {
    const flat = joined(out.pdf.flowText);
    const waste = new Set(out.data.waste!.shutoffServers.map((s) => s.id));
    const counts = cloud.servers.map((s) => [s.id, occurrences(flat, joined(s.id))]);
    expect(counts).toEqual(cloud.servers.map((s) => [s.id, waste.has(s.id) ? 2 : 1]));
    // Servers sharing a name are separate rows: each of their ids is printed.
    expect(cloud.servers.filter((s) => s.name === 'web-01').length).toBeGreaterThanOrEqual(2);
  });

  it('prints per-project subtotals and a grand total equal to the sums of the source servers', () => {
    const lines = out.pdf.text.split('\n').map(squash);
    for (const p of cloud.projects) {
      const mine = cloud.servers.filter((s) => s.projectId === p.id);
      const vcpus = mine.reduce((n, s) => n + (s.flavor?.vcpus ?? 0), 0);
      const ramGb = mine.reduce((n, s) => n + (s.flavor?.ramMb ?? 0), 0) / 1024;
      const disk = mine.reduce((n, s) => n + (s.flavor?.diskGb ?? 0), 0);
      const line = lines.find((l) => l.includes(`Total · ${p.name}`));
      expect(line, p.name).toBeDefined();
      expect(line).toContain(` ${en.format(vcpus)} ${en.format(ramGb)} ${en.format(disk)}`);
    }
    const all = cloud.servers.reduce((n, s) => n + (s.flavor?.vcpus ?? 0), 0);
    expect(lines.find((l) => l.includes('Total, all projects'))).toContain(` ${en.format(all)} `);
  });

  it('shows hostile names as text and fetches nothing', () => {
    const text = squash(out.pdf.flowText);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain("<script>fetch('http://127.0.0.1:");
    expect(requests).toBe(0);
    expect(out.html).not.toMatch(/<script|<img src=x|<img src="http|<link rel=stylesheet/i);
    expect(out.html).toContain('&lt;script&gt;');
    // The standalone HTML loads nothing either: only data: URLs.
    const markup = out.html.replace(/>[^<]*</g, '><');
    expect(markup).not.toMatch(/(src|href)=["']?https?:/i);
  });

  it('wraps a 255-character name and keeps all of it', () => {
    expect(longName).toHaveLength(255);
    expect(joined(out.pdf.flowText)).toContain(joined(longName));
  });

  it('renders Arabic, Japanese and Portuguese names with the bundled fonts', () => {
    // pdftotext wraps right-to-left runs in embedding marks and may split them: compare words without them.
    const text = out.pdf.flowText.replace(/[\u200e\u200f\u202a-\u202e\s]/g, '');
    for (const name of ['خادم-الويب', 'ウェブサーバー', 'servidor-produção-ação', 'finanças', 'データ']) {
      for (const word of name.split('-')) expect(text, word).toContain(word);
    }
  });

  it('numbers every page "Page X of Y" and repeats title and watermark', async () => {
    for (let n = 1; n <= out.pdf.pages; n++) {
      const page = await out.pdf.pageText(n);
      expect(page).toContain(`Page ${n} of ${out.pdf.pages}`);
      expect(page).toContain('VM inventory');
      // The rotated watermark comes out letter by letter, in either direction.
      expect(joined(await out.pdf.pageText(n, false))).toMatch(/CONFIDENTIAL|LAITNEDIFNOC/);
    }
  });

  it('carries the same numbers in CSV and JSON as in the PDF', () => {
    const records = csvRecords(out.csv);
    expect(records).toHaveLength(cloud.servers.length);
    const json = JSON.parse(new TextDecoder().decode(out.json)) as ReportData;
    expect(json).toEqual(out.data);
    for (const p of json.inventory!.byProject) {
      const rows = records.filter((r) => r.project_id === p.projectId);
      expect(rows.reduce((n, r) => n + Number(r.vcpus), 0)).toBe(p.vcpus);
      expect(rows.reduce((n, r) => n + Number(r.ram_mb), 0)).toBe(p.ramMb);
    }
    const hostile = records.find((r) => r.name.includes('HYPERLINK'));
    expect(hostile?.name).toBe(`'=HYPERLINK("http://evil")`);
    expect(records.find((r) => r.name === longName)).toBeDefined();
  });
});

describe('inventory PDF in Brazilian Portuguese', () => {
  it('prints Portuguese labels and numbers', async () => {
    const out = await inventory('pt-BR', { priceList: { currency: 'BRL', flavors: { 'm1.small': '0.12' }, units: { vcpuHour: '0.10' } } });
    const first = squash(await out.pdf.pageText(1, false));
    // Card labels and the report kind are upper-cased by CSS.
    for (const label of [
      'Inventário de VMs',
      'RELATÓRIO DE INVENTÁRIO',
      'SERVIDORES',
      'CUSTO MENSAL ESTIMADO',
      'Por projeto',
      'Ativos',
      `Página 1 de ${out.pdf.pages}`,
    ])
      expect(first).toContain(label);
    expect(first).toMatch(/R\$ ?[\d.]+,\d\d/);
    expect(first).not.toContain('Page 1 of');
  });
});
