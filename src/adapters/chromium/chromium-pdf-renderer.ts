import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import type { PdfOptions, PdfRenderer } from '../../domain/ports';

export interface ChromiumPdfRendererOptions {
  /** Folder holding @sparticuz/chromium's compressed binaries (on Lambda, copied next to the bundle). */
  binDir?: string;
  /** A Chromium executable to use instead of @sparticuz/chromium's. */
  executablePath?: string;
  /** Milliseconds one render may take. */
  timeoutMs?: number;
  /**
   * Browsers to launch (default 1). @sparticuz/chromium runs Chromium as a single process, so one
   * browser lays out one page at a time whatever the number of tabs; on a machine with two cores
   * (a Lambda of 1,769 MB or more) two browsers print two documents in parallel, for about 300 MB more.
   */
  browsers?: number;
}

/** Margins used when the document sets none with CSS `@page` and the caller wants header/footer templates. */
const templateMargins = { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' };

/**
 * Asks Chromium to drop its caches now. Without it a browser keeps each printed document's memory
 * (about 230 MB per 1,000-row table here) and grows with every render until the process is
 * recycled; with it, it stays near one document's worth.
 */
async function releaseMemory(page: Page): Promise<void> {
  try {
    const session = await page.createCDPSession();
    await session.send('Memory.simulatePressureNotification', { level: 'critical' });
    await session.detach();
  } catch {
    // Best effort: a closing or crashed page has nothing to release.
  }
}

/**
 * Renders HTML to PDF in headless Chromium. One browser per process (a warm Lambda reuses it), one
 * page per render, always closed; concurrent renders get a page each. The page runs no JavaScript,
 * and every request is aborted except `data:` URLs (inlined fonts and images), so tenant data in the
 * HTML can neither execute nor fetch anything. The document's CSS `@page` rules (size, margins,
 * margin boxes) win over `format` and `landscape`; header and footer templates, when given, get
 * fixed margins. The renderer writes no files: HTML goes in and the PDF comes back over the
 * DevTools protocol, and puppeteer removes the browser profile it created when the browser closes.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private readonly slots: { browser?: Promise<Browser>; active: number }[];
  private readonly options: ChromiumPdfRendererOptions;

  constructor(options: ChromiumPdfRendererOptions = {}) {
    this.options = options;
    this.slots = Array.from({ length: Math.max(1, Math.floor(options.browsers ?? 1)) }, () => ({ active: 0 }));
  }

  /** How many documents can be printed in parallel: callers may run this many renders at once. */
  get parallelism(): number {
    return this.slots.length;
  }

  async render(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
    // The least busy browser takes the document.
    const slot = this.slots.reduce((best, s) => (s.active < best.active ? s : best));
    slot.active++;
    try {
      return await this.renderIn(slot, html, options);
    } finally {
      slot.active--;
    }
  }

  private async renderIn(slot: { browser?: Promise<Browser> }, html: string, options: PdfOptions): Promise<Uint8Array> {
    const browser = await this.getBrowser(slot);
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        if (request.isInterceptResolutionHandled()) return;
        if (request.url().startsWith('data:')) void request.continue();
        else void request.abort('blockedbyclient');
      });
      const timeout = this.options.timeoutMs ?? 120_000;
      await page.setContent(html, { waitUntil: 'load', timeout });
      const withTemplates = Boolean(options.headerTemplate || options.footerTemplate);
      const pdf = await page.pdf({
        format: options.format ?? 'A4',
        landscape: options.landscape ?? false,
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: withTemplates,
        headerTemplate: options.headerTemplate ?? '<span></span>',
        footerTemplate: options.footerTemplate ?? '<span></span>',
        // Without templates the document's @page margins apply (Chromium's default when none is set).
        ...(withTemplates ? { margin: templateMargins } : {}),
        tagged: options.tagged ?? false,
        outline: false,
        timeout,
      });
      return new Uint8Array(pdf);
    } finally {
      await releaseMemory(page);
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        const pending = slot.browser;
        slot.browser = undefined;
        if (pending) await (await pending.catch(() => undefined))?.close().catch(() => undefined);
      }),
    );
  }

  private getBrowser(slot: { browser?: Promise<Browser> }): Promise<Browser> {
    if (!slot.browser) {
      const launching = this.launch(slot);
      slot.browser = launching;
      // A failed launch is not cached: the next render tries again.
      launching.catch(() => {
        if (slot.browser === launching) slot.browser = undefined;
      });
    }
    return slot.browser;
  }

  private async launch(slot: { browser?: Promise<Browser> }): Promise<Browser> {
    const executablePath = this.options.executablePath ?? (await chromium.executablePath(this.options.binDir));
    const browser = await puppeteer.launch({
      executablePath,
      headless: 'shell',
      // --no-sandbox: Lambda and root containers have no user namespaces for Chromium's sandbox.
      args: [...chromium.args, '--no-sandbox', '--disable-background-networking', '--disable-component-update'],
      defaultViewport: { width: 1240, height: 1754 },
      // DevTools over a pipe rather than a WebSocket: when this process dies, even by kill -9, the pipe
      // closes and Chromium exits with it instead of running on orphaned.
      pipe: true,
      // The process owning the renderer closes it on shutdown; puppeteer's own handlers would exit with 130 first.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    // A crashed browser is replaced on the next render.
    browser.on('disconnected', () => {
      slot.browser = undefined;
    });
    return browser;
  }
}
