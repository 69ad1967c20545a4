/**
 * The web console end to end, in Debian's Chromium driven by playwright-core, against the local
 * service as `npm start` runs it (the built CLI, the demo cloud, real PDFs). One service and one
 * browser for the whole file; each test has its own browser context (its own sign-in and storage).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleService, signIn, type ConsoleService } from '../helpers/console-service';
import { pdfText } from '../helpers/pdf-text';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every status the page shows for a run, in order, until it settles; the page must not reload meanwhile. */
async function watchStatus(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const seen: string[] = [];
  for (let i = 0; i < 1200; i++) {
    const status = await page.getAttribute(selector, 'data-status').catch(() => null);
    if (status && seen.at(-1) !== status) seen.push(status);
    if (status === 'succeeded' || status === 'failed') break;
    await page.waitForTimeout(50);
  }
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  return seen;
}

/**
 * The statuses in the order a run goes through them, none seen twice, ending in `succeeded`; with
 * `fromQueued`, the page showed the run before it succeeded (a run that renders faster than the
 * page polls may go from queued straight to succeeded on screen).
 */
function expectQueuedToSucceeded(seen: string[], fromQueued = true): void {
  const order = ['queued', 'running', 'succeeded'];
  expect(seen.at(-1)).toBe('succeeded');
  if (fromQueued) expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(seen.map((s) => order.indexOf(s))).toEqual([...seen.map((s) => order.indexOf(s))].sort());
  expect(seen.every((s) => order.includes(s))).toBe(true);
}

async function statsTotal(page: Page): Promise<number> {
  await page.waitForSelector('[data-kpi=total] strong');
  return Number((await page.textContent('[data-kpi=total] strong'))!.replace(/\D/g, ''));
}

/** Serious and critical axe-core violations of the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the web console in a browser', () => {
  let service: ConsoleService;

  beforeAll(async () => {
    service = await startConsoleService();
  });
  afterAll(async () => {
    await service?.close();
  });

  it('signs in, requests a report from the form, follows it live to succeeded, shows its detail, preview and PDF, and runs again, filters and deletes from the list', async () => {
    const { context, page } = await service.newPage();
    try {
      await signIn(page, service.consoleUrl, 'alice');
      await page.click('nav >> text=Statistics');
      const before = await statsTotal(page);

      await page.click('nav >> text=New report');
      await page.fill('#spec-title', 'Console inventory <b>of the demo</b>');
      await page.check('#format-html');
      await page.click('form.spec-form button[type=submit]');
      await page.waitForURL(/#\/reports\/[^/]+$/);
      expectQueuedToSucceeded(await watchStatus(page, '#run-status [data-status]'));

      // The detail: stages with timings, the files, a preview of the HTML without scripts.
      await expect.poll(() => page.locator('#stages-title + table tbody tr').count()).toBeGreaterThanOrEqual(3);
      expect(await page.textContent('#report-title')).toBe('Console inventory <b>of the demo</b>');
      const frame = page.locator('iframe.preview');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      await expect.poll(async () => (await frame.getAttribute('srcdoc'))?.includes('Console inventory &lt;b&gt;of the demo&lt;/b&gt;')).toBe(true);

      const download = page.waitForEvent('download');
      await page.click('button[data-format=pdf]');
      const file = await (await download).path();
      const { text } = await pdfText(new Uint8Array(await readFile(file)), { layout: false });
      expect(text).toContain('Console inventory <b>of the demo</b>');

      // The list shows it, started by the API, with its files.
      await page.click('nav >> text=Reports');
      const row = page.locator('table.runs tbody tr').first();
      await expect.poll(() => row.textContent()).toContain('Console inventory');
      expect(await row.textContent()).toContain('API');

      await page.click('nav >> text=Statistics');
      await expect.poll(() => statsTotal(page)).toBe(before + 1);

      // Run again from the list: a new row on top, followed live in the list itself.
      await page.click('nav >> text=Reports');
      await page.click('table.runs tbody tr >> nth=0 >> button:has-text("Run again")');
      await expect.poll(() => page.locator('table.runs tbody tr').count()).toBe(2);
      expectQueuedToSucceeded(await watchStatus(page, 'table.runs tbody tr >> nth=0 >> [data-status]'));

      // Filters, then delete (after the browser's confirmation).
      await page.selectOption('#filter-status', 'failed');
      await page.click('form.filters button[type=submit]');
      await page.waitForSelector('.empty');
      await page.click('form.filters button:has-text("Clear")');
      await expect.poll(() => page.locator('table.runs tbody tr').count()).toBe(2);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.click('table.runs tbody tr >> nth=0 >> button:has-text("Delete")');
      await expect.poll(() => page.locator('table.runs tbody tr').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows the API’s field error beside the field it names, tied to it for assistive technology', async () => {
    const { context, page } = await service.newPage();
    try {
      await signIn(page, service.consoleUrl, 'bob');
      await page.click('nav >> text=New report');
      await page.check('#type-usage');
      await page.check('#period-dates');
      await page.fill('#spec-period-start', '2026-02-01');
      await page.fill('#spec-period-end', '2026-01-01');
      await page.click('form.spec-form button[type=submit]');

      const error = page.locator('#spec-period-end-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('must be after start');
      expect(await page.getAttribute('#spec-period-end', 'aria-describedby')).toContain('spec-period-end-error');
      expect(await page.getAttribute('#spec-period-end', 'aria-invalid')).toBe('true');
      expect(await page.locator('[role=alert]').textContent()).toContain('Some fields need attention');
      expect(page.url()).toMatch(/#\/reports\/new$/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('creates a schedule after previewing it, pauses it, runs it now and shows the run in its history', async () => {
    const { context, page } = await service.newPage();
    try {
      await signIn(page, service.consoleUrl, 'carol');
      await page.click('nav >> text=Schedules');
      await page.click('text=New schedule');
      await page.fill('#schedule-name', 'Weekly inventory');
      await page.fill('#schedule-expression', 'cron(0 8 ? * MON *)');
      await page.fill('#schedule-timezone', 'Europe/Berlin');
      expect(await page.isDisabled('form.spec-form button[type=submit]')).toBe(true);
      await page.click('#schedule-preview');
      await page.waitForSelector('#schedule-preview-result .in-words');
      expect(await page.textContent('#schedule-preview-result .in-words')).toMatch(/Monday.*08:00.*Europe\/Berlin/);
      expect(await page.locator('#schedule-preview-result li').count()).toBe(5);

      await page.click('form.spec-form button[type=submit]');
      await page.waitForURL(/#\/schedules\/[^/]+$/);
      expect(await page.textContent('#schedule-title')).toBe('Weekly inventory');
      expect(await page.textContent('#schedule-state')).toBe('Active');

      await page.click('.toolbar >> text=Pause');
      await expect.poll(() => page.textContent('#schedule-state')).toBe('Paused');

      await page.click('.toolbar >> text=Run now');
      // The worker records a scheduled run when it takes the job, so the history may first show it done.
      expectQueuedToSucceeded(await watchStatus(page, '#schedule-history tbody tr [data-status]'), false);
      expect(await page.locator('#schedule-history tbody tr').count()).toBe(1);

      await page.click('nav >> text=Schedules');
      const row = page.locator('tr', { hasText: 'Weekly inventory' });
      await expect.poll(() => row.textContent()).toContain('Paused');
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('succeeded');

      await page.click('nav >> text=Reports');
      await expect.poll(() => page.locator('table.runs tbody tr').first().textContent()).toContain('Schedule Weekly inventory');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('is usable by keyboard alone: sign in with Enter, Tab to a page, submit a form', async () => {
    const { context, page } = await service.newPage();
    try {
      await page.goto(service.consoleUrl);
      await page.focus('#subject');
      await page.keyboard.type('kim');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=user]');

      const tabTo = async (text: string) => {
        for (let i = 0; i < 100; i++) {
          await page.keyboard.press('Tab');
          if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
        }
        throw new Error(`Tab never reached "${text}"`);
      };
      await tabTo('New report');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/reports\/new$/);
      await page.waitForSelector('#type-inventory');
      await tabTo('Request report');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/reports\/[^/]+$/);
      expectQueuedToSucceeded(await watchStatus(page, '#run-status [data-status]'), false);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows an admin every owner’s reports, with the owner, and a user only their own', async () => {
    const token = (await (
      await fetch(new URL('/console/dev-token', service.consoleUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'ursula' }),
      })
    ).json()) as { token: string };
    const created = await fetch(new URL('/v1/reports', service.consoleUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}` },
      body: JSON.stringify({ type: 'inventory', title: 'Ursula’s inventory', formats: ['json'] }),
    });
    expect(created.status).toBe(202);

    const admin = await service.newPage();
    const other = await service.newPage();
    try {
      await signIn(admin.page, service.consoleUrl, 'root', { admin: true });
      const row = admin.page.locator('table.runs tbody tr', { hasText: 'Ursula’s inventory' });
      await row.waitFor();
      expect(await row.textContent()).toContain('ursula');

      await signIn(other.page, service.consoleUrl, 'victor');
      await other.page.waitForSelector('.empty');
      expect(await other.page.locator('table.runs').count()).toBe(0);
    } finally {
      await admin.context.close();
      await other.context.close();
    }
  }, 60_000);

  it('does the main flow in Brazilian Portuguese, and remembers the choice', async () => {
    const { context, page } = await service.newPage();
    try {
      await signIn(page, service.consoleUrl, 'dora', { language: 'pt-BR' });
      expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
      await page.click('nav >> text=Novo relatório');
      await page.fill('#spec-title', 'Inventário do console');
      await page.click('form.spec-form button[type=submit]');
      await page.waitForURL(/#\/reports\/[^/]+$/);
      expectQueuedToSucceeded(await watchStatus(page, '#run-status [data-status]'));
      expect(await page.textContent('#run-status')).toBe('Concluído');
      expect(await page.textContent('#stages-title')).toBe('Etapas');

      await page.reload();
      await page.waitForSelector('#stages-title');
      expect(await page.textContent('nav')).toContain('Relatórios');
      expect(await page.inputValue('#language')).toBe('pt-BR');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('signs in with OpenID Connect (authorization code + PKCE) when config.json says so, keeping the token out of cookies', async () => {
    // The built console from a plain static server, as S3 + CloudFront serve it, beside a stand-in
    // identity provider and API on 127.0.0.1 that record what the console sends them.
    const dist = join(import.meta.dirname, '../../dist/console');
    const seen: { authorize?: URLSearchParams; token?: URLSearchParams; apiAuthorization?: string } = {};
    const jwt = (claims: object) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    const accessToken = jwt({ sub: 'u-1', scope: 'reports:read reports:write', exp: Math.floor(Date.now() / 1000) + 3600 });
    let origin = '';
    const server: Server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', origin);
      const files: Record<string, [string, string]> = {
        '/': ['index.html', 'text/html'],
        '/callback': ['index.html', 'text/html'],
        '/app.js': ['app.js', 'text/javascript'],
        '/app.css': ['app.css', 'text/css'],
        '/favicon.svg': ['favicon.svg', 'image/svg+xml'],
      };
      const file = files[url.pathname];
      if (file) {
        void readFile(join(dist, file[0])).then((body) => res.writeHead(200, { 'content-type': file[1] }).end(body));
      } else if (url.pathname === '/config.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            apiBaseUrl: '',
            auth: {
              mode: 'oidc',
              issuer: origin,
              clientId: 'console-client',
              authorizationEndpoint: `${origin}/oauth2/authorize`,
              tokenEndpoint: `${origin}/oauth2/token`,
              scopes: ['openid', 'email'],
              redirectPath: '/callback',
            },
          }),
        );
      } else if (url.pathname === '/oauth2/authorize') {
        seen.authorize = url.searchParams;
        res.writeHead(302, { location: `${url.searchParams.get('redirect_uri')}?code=the-code&state=${url.searchParams.get('state')}` }).end();
      } else if (url.pathname === '/oauth2/token' && req.method === 'POST') {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          seen.token = new URLSearchParams(body);
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(
              JSON.stringify({ access_token: accessToken, id_token: jwt({ sub: 'u-1', email: 'olivia@example.com' }), token_type: 'Bearer', expires_in: 3600 }),
            );
        });
      } else if (url.pathname.startsWith('/v1/')) {
        seen.apiAuthorization ??= req.headers.authorization;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [], links: {} }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { context, page } = await service.newPage();
    try {
      await page.goto(`${origin}/#/reports`);
      await page.click('form button[type=submit]');
      await page.waitForSelector('[data-testid=user]');

      expect(await page.textContent('[data-testid=user]')).toBe('Signed in as olivia@example.com');
      expect(page.url()).toBe(`${origin}/#/reports`);
      const authorize = Object.fromEntries(seen.authorize!);
      expect(authorize).toMatchObject({
        response_type: 'code',
        client_id: 'console-client',
        redirect_uri: `${origin}/callback`,
        scope: 'openid email',
        code_challenge_method: 'S256',
      });
      const token = Object.fromEntries(seen.token!);
      expect(token).toMatchObject({ grant_type: 'authorization_code', code: 'the-code', client_id: 'console-client', redirect_uri: `${origin}/callback` });
      expect(createHash('sha256').update(token.code_verifier!).digest('base64url')).toBe(authorize.code_challenge);
      await expect.poll(() => seen.apiAuthorization).toBe(`Bearer ${accessToken}`);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      expect(await page.evaluate(() => sessionStorage.getItem('osr.session'))).toContain(accessToken);
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  it('offers no development token to a page of another origin', async () => {
    const response = await fetch(new URL('/console/dev-token', service.consoleUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:1' },
      body: JSON.stringify({ subject: 'mallory' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('reflows at 200% zoom: no page scrolls sideways at 640 CSS pixels wide', async () => {
    // 200% zoom of a 1280-pixel window: half as many CSS pixels, each twice as large.
    const context = await service.browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await signIn(page, service.consoleUrl, 'zoe');
      const overflow: Record<string, number> = {};
      for (const [hash, ready] of [
        ['#/reports', 'h1'],
        ['#/reports/new', '#type-inventory'],
        ['#/schedules', 'h1'],
        ['#/schedules/new', '#schedule-expression'],
        ['#/stats', '#stats-kpis'],
      ] as const) {
        await page.goto(`${service.consoleUrl}${hash}`);
        await page.waitForSelector(ready);
        overflow[hash] = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      }
      expect(overflow).toEqual({ '#/reports': 0, '#/reports/new': 0, '#/schedules': 0, '#/schedules/new': 0, '#/stats': 0 });
    } finally {
      await context.close();
    }
  }, 60_000);

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe-core violation on any page (%s)',
    async (colorScheme) => {
      // axe is injected by the test, so this context alone lets a script in past the page's policy.
      const { context, page } = await service.newPage({ colorScheme, bypassCSP: true });
      try {
        const found: Record<string, string[]> = {};
        await page.goto(service.consoleUrl);
        await page.waitForSelector('#subject');
        found['sign-in'] = await axeViolations(page);
        await signIn(page, service.consoleUrl, `axe-${colorScheme}`, { admin: true });

        // Something to show on every page: a report, a failed field, a schedule.
        await page.click('nav >> text=New report');
        await page.waitForSelector('#type-inventory');
        found['new report'] = await axeViolations(page);
        await page.fill('#delivery-email', 'not-an-address');
        await page.click('form.spec-form button[type=submit]');
        await page.waitForSelector('[data-field-error]');
        found['new report with errors'] = await axeViolations(page);
        await page.fill('#delivery-email', '');
        await page.click('form.spec-form button[type=submit]');
        await page.waitForURL(/#\/reports\/[^/]+$/);
        await watchStatus(page, '#run-status [data-status]');
        await page.waitForSelector('iframe.preview, #preview-title + p');
        found['report detail'] = await axeViolations(page);

        await page.click('nav >> text=Reports');
        await page.waitForSelector('table.runs');
        found.reports = await axeViolations(page);

        await page.click('nav >> text=Schedules');
        await page.click('text=New schedule');
        await page.fill('#schedule-expression', 'rate(1 day)');
        await page.click('#schedule-preview');
        await page.waitForSelector('#schedule-preview-result li');
        found['schedule editor'] = await axeViolations(page);
        await page.click('form.spec-form button[type=submit]');
        await page.waitForURL(/#\/schedules\/[^/]+$/);
        found.schedule = await axeViolations(page);
        await page.click('nav >> text=Schedules');
        await page.waitForSelector('table');
        found.schedules = await axeViolations(page);

        await page.click('nav >> text=Statistics');
        await page.waitForSelector('#stats-kpis');
        found.statistics = await axeViolations(page);

        expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
