import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { cleanupPdfTemp, readPdf } from './helpers';

let http: HttpServer;
let base = '';
const requests: string[] = [];
const renderer = new ChromiumPdfRenderer({ browsers: 2 });

beforeAll(async () => {
  http = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('body{color:red}');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await renderer.close();
  await new Promise((resolve) => http.close(resolve));
  await cleanupPdfTemp();
});

describe('ChromiumPdfRenderer', () => {
  it('runs no script and loads nothing but data: URLs', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="${base}/style.css"><style>@import url(${base}/import.css); @font-face{font-family:x;src:url(${base}/font.woff2)} body{font-family:x}</style>
      </head><body><p id="p">static text</p><img src="${base}/img.png"><img src="${pixel}"><iframe src="${base}/frame"></iframe>
      <script>document.getElementById('p').textContent = 'script ran'; fetch('${base}/fetch');</script></body></html>`;
    const pdf = await readPdf(await renderer.render(html));
    expect(pdf.text).toContain('static text');
    expect(pdf.text).not.toContain('script ran');
    expect(requests).toEqual([]);
  });

  it('prints documents in parallel on its browsers, and prints again after close', async () => {
    const local = new ChromiumPdfRenderer({ browsers: 2 });
    const docs = await Promise.all([1, 2, 3, 4].map((n) => local.render(`<p>document ${n}</p>`)));
    for (const [i, doc] of docs.entries()) expect((await readPdf(doc)).text).toContain(`document ${i + 1}`);
    expect(local.parallelism).toBe(2);
    await local.close();
    // A closed renderer launches again on demand (a warm Lambda whose browser was closed or crashed).
    expect((await readPdf(await local.render('<p>again</p>'))).text).toContain('again');
    await local.close();
  });

  it("honours the document's CSS page size", async () => {
    const pdf = await renderer.render('<style>@page{size:A4 landscape;margin:10mm}</style><p>wide</p>');
    const { execFile } = await import('node:child_process');
    const { writeFile, mkdtemp, rm } = await import('node:fs/promises');
    const dir = await mkdtemp(`${tmpdir()}/renderer-`);
    await writeFile(`${dir}/a.pdf`, pdf);
    const info = await new Promise<string>((resolve, reject) => execFile('pdfinfo', [`${dir}/a.pdf`], (e, out) => (e ? reject(e) : resolve(out))));
    await rm(dir, { recursive: true, force: true });
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/);
  });
});
