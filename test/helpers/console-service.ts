/**
 * The local service as `npm start` runs it (the built CLI, the demo cloud, real Chromium for PDFs),
 * and Debian's Chromium driven by playwright-core: for the web console's browser tests and its
 * screenshots.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const bin = join(import.meta.dirname, '../../bin/openstack-reports.js');

/** Debian's package (`.ci/run` installs it); the flags keep it from reaching anything but 127.0.0.1. */
export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface ConsoleService {
  /** The console's address, as the banner prints it (`http://127.0.0.1:<port>/`). */
  consoleUrl: string;
  browser: Browser;
  /** A fresh browser context (its own storage) in the given colour scheme and language. */
  newPage(options?: { colorScheme?: 'light' | 'dark'; bypassCSP?: boolean; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startConsoleService(options: { demoServers?: number } = {}): Promise<ConsoleService> {
  const dir = await mkdtemp(join(tmpdir(), 'osr-console-'));
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--quiet'], {
    env: {
      ...process.env,
      PORT: '0',
      OUTBOX_PORT: '0',
      OUTBOX_WEB_PORT: '0',
      DATA_DIR: join(dir, 'data'),
      DEMO_SERVERS: String(options.demoServers ?? 12),
      DEMO_PROJECTS: '3',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const started = Date.now();
  while (!out.includes('Press Ctrl-C') && child.exitCode === null && Date.now() - started < 90_000) await new Promise((r) => setTimeout(r, 100));
  const consoleUrl = /Web console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  };
  if (!consoleUrl) {
    await stop();
    throw new Error(`The service did not start:\n${out}`);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  return {
    consoleUrl,
    browser,
    newPage: async (o = {}) => {
      const context = await browser.newContext({
        colorScheme: o.colorScheme ?? 'light',
        bypassCSP: o.bypassCSP ?? false,
        locale: o.locale ?? 'en-US',
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      return { context, page: await context.newPage() };
    },
    close: async () => {
      await browser.close();
      await stop();
    },
  };
}

/** Signs in on the console's local sign-in page. */
export async function signIn(page: Page, consoleUrl: string, subject: string, options: { admin?: boolean; language?: 'en' | 'pt-BR' } = {}): Promise<void> {
  await page.goto(consoleUrl);
  if (options.language) await page.selectOption('#language', options.language);
  await page.fill('#subject', subject);
  if (options.admin) await page.check('#admin');
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=user]');
}
