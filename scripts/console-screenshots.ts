// Screenshots of each page of the web console (light; the statistics also dark) into docs/console/,
// for README. Starts the local service on the demo cloud, makes a few reports and a schedule, and
// photographs the pages in Debian's Chromium. Usage: npm run screenshots (not part of npm test).
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { signIn, startConsoleService } from '../test/helpers/console-service';

const out = fileURLToPath(new URL('../docs/console/', import.meta.url));

async function settle(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.waitForTimeout(300);
}

async function waitForSucceeded(page: Page): Promise<void> {
  await page.waitForSelector('#run-status [data-status=succeeded]', { timeout: 120_000 });
}

const service = await startConsoleService({ demoServers: 40 });
try {
  await mkdir(out, { recursive: true });
  const { page } = await service.newPage();
  const shot = async (name: string) => page.screenshot({ path: `${out}${name}.png`, fullPage: false });

  await page.goto(service.consoleUrl);
  await settle(page, '#subject');
  await page.fill('#subject', 'alice');
  await signIn(page, service.consoleUrl, 'alice');

  // A few runs to show: two inventories (one with HTML for the preview), a cost report.
  for (const [title, type] of [
    ['Monthly cost', 'cost'],
    ['Inventory for the capacity review', 'inventory'],
  ] as const) {
    await page.goto(`${service.consoleUrl}#/reports/new`);
    await settle(page, '#type-inventory');
    await page.check(`#type-${type}`);
    await page.fill('#spec-title', title);
    await page.check('#format-html');
    await page.check('#format-csv');
    // Lands in the local outbox: the detail shows the delivery.
    await page.fill('#delivery-email', 'finance@example.com');
    await page.click('form.spec-form button[type=submit]');
    await waitForSucceeded(page);
  }
  await page.waitForSelector('#deliveries-title + table [data-status=sent]', { timeout: 60_000 });
  await page.waitForSelector('iframe.preview');
  await page.waitForTimeout(6500);
  await page.screenshot({ path: `${out}report-detail.png`, fullPage: true });

  await page.goto(`${service.consoleUrl}#/reports/new`);
  await settle(page, '#type-inventory');
  await page.check('#type-usage');
  await page.check('#period-dates');
  await page.fill('#spec-period-start', '2026-03-01');
  await page.fill('#spec-period-end', '2026-02-01');
  await page.click('form.spec-form button[type=submit]');
  await settle(page, '#spec-period-end-error');
  await page.locator('#spec-period-end').scrollIntoViewIfNeeded();
  await shot('new-report');

  await page.goto(`${service.consoleUrl}#/schedules/new`);
  await settle(page, '#schedule-expression');
  await page.fill('#schedule-name', 'Weekly inventory');
  await page.fill('#schedule-expression', 'cron(0 8 ? * MON *)');
  await page.fill('#schedule-timezone', 'Europe/Berlin');
  await page.click('#schedule-preview');
  await settle(page, '#schedule-preview-result li');
  await page.waitForTimeout(6000);
  await shot('schedule-editor');
  await page.click('form.spec-form button[type=submit]');
  await settle(page, '#schedule-title');
  await page.click('.toolbar >> text=Run now');
  await page.waitForSelector('#schedule-history [data-status=succeeded]', { timeout: 120_000 });
  await shot('schedule');

  await page.waitForTimeout(6000);
  await page.goto(`${service.consoleUrl}#/schedules`);
  await settle(page, 'table');
  await shot('schedules');

  await page.goto(`${service.consoleUrl}#/reports`);
  await settle(page, 'table.runs');
  await shot('reports');

  await page.goto(`${service.consoleUrl}#/stats`);
  await settle(page, '#chart-per-day');
  await shot('statistics');
  await page.selectOption('#theme', 'dark');
  await page.waitForTimeout(300);
  await shot('statistics-dark');
  console.log(`Screenshots in ${out}`);
} finally {
  await service.close();
}
