import chromium from '@sparticuz/chromium';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/handlers/api/openapi/operations';
import { apiFakeApp } from '../helpers/api-fakes';

describe('the Swagger UI page in a browser', () => {
  let server: ServerType;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    const { app } = apiFakeApp();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), headless: true, args: [...chromium.args, '--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('renders every operation under its content security policy, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${origin}/v1/docs`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    const shown = await page.$$eval('.opblock', (blocks) => blocks.length);

    expect(shown).toBe(operations.length);
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    expect(requested).toContain(`${origin}/v1/openapi.json`);
    expect(errors).toEqual([]);
  });
});
