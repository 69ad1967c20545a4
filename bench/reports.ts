/**
 * Report rendering benchmark: inventory PDFs of N servers from a generated cloud, with wall time and
 * peak memory (resident set of this process plus every Chromium process, sampled every 50 ms), and
 * the same HTML printed by WeasyPrint for comparison.
 *
 *   npx tsx bench/reports.ts                       # 1k, 10k, 50k; WeasyPrint at 1k and 10k
 *   npx tsx bench/reports.ts 1000 10000 --no-weasy --browsers 2 --chunk-cells 12000
 *
 * Prints a markdown table; bench/README-reports.md keeps the last one with the machine it ran on.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChromiumPdfRenderer } from '../src/adapters/chromium/chromium-pdf-renderer';
import type { Logger } from '../src/domain/ports';
import { reportSpecSchema } from '../src/domain/report-spec';
import { defaultReportTitle, renderReport } from '../src/presentation';
import { buildReportData } from '../src/report-engine';
import { renderStandaloneHtml, reportParts, reportView } from '../src/presentation/document';
import { createSampleCloud, samplePriceList } from '../src/presentation/sample-cloud';

const run = promisify(execFile);
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const noWeasy = args.includes('--no-weasy') ? (args.splice(args.indexOf('--no-weasy'), 1), true) : false;
const browsers = Number(flag('--browsers') ?? Math.min(2, cpus().length));
const chunkCells = flag('--chunk-cells');
const sizes = args.length > 0 ? args.map(Number) : [1000, 10_000, 50_000];
const weasySizes = new Set(noWeasy ? [] : sizes.filter((n) => n <= 10_000));
const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, with: () => logger };

/** A process and all its descendants (children are listed per thread in /proc). */
function processTree(pid: number): number[] {
  const pids: number[] = [];
  const visit = (p: number) => {
    pids.push(p);
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child));
      }
    } catch {
      // The process ended while we looked.
    }
  };
  visit(pid);
  return pids;
}

/** Resident memory of processes, in bytes. */
function rss(pids: number[]): number {
  let total = 0;
  for (const p of pids) {
    try {
      total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}

/** User plus system CPU time of processes, in ms. */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const p of pids) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone.
    }
  }
  return ticks * 10;
}

function treeRss(pid: number): number {
  return rss(processTree(pid));
}

/**
 * Samples the peak resident memory of a process tree every 50 ms until stopped (the tree is
 * re-listed every 500 ms: walking /proc for every thread is itself costly).
 */
function peakSampler(pid: number) {
  let pids = processTree(pid);
  let peak = rss(pids);
  let own = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    if (++ticks % 10 === 0) pids = processTree(pid);
    peak = Math.max(peak, rss(pids));
    own = Math.max(own, rss([pid]));
  }, 50);
  return {
    own: () => own,
    pids: () => processTree(pid),
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}

async function pdfPages(bytes: Uint8Array): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-pages-'));
  try {
    await writeFile(join(dir, 'a.pdf'), bytes);
    return Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [join(dir, 'a.pdf')])).stdout)?.[1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function weasyprint(html: string): Promise<{ ms: number; peak: number; pages: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-weasy-'));
  try {
    await writeFile(join(dir, 'in.html'), html);
    const started = Date.now();
    const child = spawn('weasyprint', [join(dir, 'in.html'), join(dir, 'out.pdf')], { stdio: 'ignore' });
    const sampler = peakSampler(child.pid as number);
    await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`weasyprint exited ${code}`)))));
    const ms = Date.now() - started;
    const peak = sampler.stop();
    const bytes = readFileSync(join(dir, 'out.pdf'));
    return { ms, peak, pages: await pdfPages(bytes), bytes: bytes.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const rows: string[] = [];
const now = new Date('2026-03-15T12:00:00Z');
for (const n of sizes) {
  const cloud = createSampleCloud({ servers: n, projects: Math.max(10, Math.round(n / 250)), now });
  const spec = reportSpecSchema.parse({ type: 'inventory', formats: ['pdf'], priceList: samplePriceList });
  const renderer = new ChromiumPdfRenderer({ browsers });
  await renderer.render('<p>warm-up</p>');
  global.gc?.();
  const sampler = peakSampler(process.pid);
  const t0 = Date.now();
  const data = await buildReportData(cloud.source, spec, { runId: 'bench', now, logger, defaultTitle: defaultReportTitle });
  const t1 = Date.now();
  const cpu0 = process.cpuUsage();
  const browserCpu0 = cpuMs(processTree(process.pid).filter((p) => p !== process.pid));
  const [pdf] = await renderReport(data, spec, { pdf: renderer, ...(chunkCells ? { pdfChunkCells: Number(chunkCells) } : {}) });
  const t2 = Date.now();
  const cpu = process.cpuUsage(cpu0);
  const peak = sampler.stop();
  const browserCpu = cpuMs(sampler.pids().filter((p) => p !== process.pid)) - browserCpu0;
  console.error(`  CPU during render: node ${s((cpu.user + cpu.system) / 1000)}, Chromium ${s(browserCpu)}`);
  await renderer.close();
  const pages = await pdfPages(pdf.body);
  console.error(`${n} servers: data ${s(t1 - t0)}, PDF ${s(t2 - t1)}, ${pages} pages, peak ${mb(peak)} (node alone ${mb(sampler.own())})`);
  let weasy: string;
  if (weasySizes.has(n)) {
    const view = reportView(data);
    const w = await weasyprint(renderStandaloneHtml(view, reportParts(view)));
    weasy = ` | ${w.pages} | ${s(w.ms)} | ${mb(w.peak)} | ${(w.ms / (t2 - t1) || 0).toFixed(1)}×`;
    console.error(`  WeasyPrint: ${s(w.ms)}, ${w.pages} pages, peak ${mb(w.peak)}`);
  } else weasy = ' | – | – | – | –';
  rows.push(
    `| ${n.toLocaleString('en')} | ${pages} | ${(pdf.body.length / 1024 / 1024).toFixed(1)} MB | ${s(t1 - t0)} | ${s(t2 - t1)} | ${s(t2 - t0)} | ${mb(peak)}${weasy} |`,
  );
}

console.log(`Inventory PDF, A4 landscape, ${browsers} browser(s), ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}\n`);
console.log(
  '| servers | pages | PDF size | data | render | total | peak memory (node + Chromium) | WeasyPrint pages | WeasyPrint time | WeasyPrint peak | WeasyPrint ÷ ours |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
