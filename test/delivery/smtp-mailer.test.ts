import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmtpMailer, type SmtpMailerOptions } from '../../src/adapters/smtp/smtp-mailer';
import { RunStoreDeliveryLedger } from '../../src/adapters/memory/run-store-delivery-ledger';
import type { ReportRun } from '../../src/domain/report-run';
import { renderReportEmail } from '../../src/presentation/email/report-email';
import { composeReportEmail } from '../../src/use-cases/delivery/compose-report-email';
import { defaultDeliverySettings, deliverReport, type DeliverReportDeps } from '../../src/use-cases/deliver-report';
import { memoryLogger } from '../schedules/fakes';
import { aFinishedRun, MemoryArtifactStore, MemoryRunStore, pdfBytes, unusedUploader, unusedWebhooks } from './fakes';
import { reply, startTestSmtpServer, testCert, testCredentials, type TestSmtpServer, type TestSmtpServerOptions } from './smtp-test-server';

const to = ['ops@example.com', 'finance@example.com'];
const job = { runId: 'run-1', channel: 'email' };
const receive = (n: number) => ({ receiveCount: n, maxReceiveCount: 3 });
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Text as e-mail carries it: lines end in CRLF on the wire, whatever they ended in before. */
const lines = (text: string | undefined) => (text ?? '').replace(/\r\n?/g, '\n').trimEnd();

describe('SmtpMailer with deliverReport (a real SMTP server on 127.0.0.1: STARTTLS, AUTH)', () => {
  let server: TestSmtpServer | undefined;
  let runs: MemoryRunStore;
  let artifacts: MemoryArtifactStore;
  let logLines: { level: string; message: string; extra?: Record<string, unknown> }[];

  beforeEach(async () => {
    runs = new MemoryRunStore();
    artifacts = new MemoryArtifactStore();
    logLines = [];
    await artifacts.put('reports/run-1/report.pdf', pdfBytes);
    await artifacts.put('reports/run-1/report.csv', new TextEncoder().encode('name,cost\na,1\n'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    server = await startTestSmtpServer(options);
    return server;
  }

  function mailerFor(s: TestSmtpServer, overrides: Partial<SmtpMailerOptions> = {}): SmtpMailer {
    return new SmtpMailer({
      host: s.host,
      port: s.port,
      security: 'starttls',
      from: 'Reports <reports@example.com>',
      replyTo: ['help@example.com'],
      credentials: testCredentials,
      ca: testCert,
      clock: { now: () => new Date('2025-11-01T06:03:00Z') },
      connectTimeoutSeconds: 5,
      socketTimeoutSeconds: 5,
      ...overrides,
    });
  }

  function depsFor(mailer: SmtpMailer, settings: DeliverReportDeps['settings'] = {}): DeliverReportDeps {
    return {
      runs,
      ledger: new RunStoreDeliveryLedger(runs),
      artifacts,
      mailer,
      webhooks: unusedWebhooks,
      uploader: unusedUploader,
      renderEmail: renderReportEmail,
      clock: { now: () => new Date('2025-11-01T06:03:00Z') },
      logger: memoryLogger(logLines),
      settings: { publicBaseUrl: 'https://reports.example.com', ...settings },
    };
  }

  const runWith = (overrides: Partial<ReportRun> = {}): ReportRun => aFinishedRun({ delivery: { email: to }, ...overrides });

  it('sends the composed e-mail once, over STARTTLS after AUTH, with the PDF attached, to every recipient', async () => {
    const s = await start();
    const run = runWith();
    await runs.create(run);
    const deps = depsFor(mailerFor(s));
    const composed = await composeReportEmail(artifacts, run, to, {
      attachmentMaxBytes: defaultDeliverySettings.attachmentMaxBytes,
      linkTtlSeconds: defaultDeliverySettings.linkTtlSeconds,
      publicBaseUrl: 'https://reports.example.com',
      renderEmail: renderReportEmail,
    });

    expect(await deliverReport(deps, job, receive(1))).toEqual({ outcome: 'sent', attempts: 1 });
    // The queue delivers the job again: the claim keeps it from going out twice.
    expect(await deliverReport(deps, job, receive(2))).toEqual({ outcome: 'already-sent' });

    expect(s.mails).toHaveLength(1);
    const [mail] = s.mails;
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe(testCredentials.username);
    expect(mail.envelopeFrom).toBe('reports@example.com');
    expect(mail.envelopeTo).toEqual(to);
    const m = mail.parsed;
    expect(m.from?.value).toEqual([{ name: 'Reports', address: 'reports@example.com' }]);
    expect(m.replyTo?.text).toBe('help@example.com');
    expect([m.to].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual(to);
    expect(m.subject).toBe(composed.subject);
    expect(lines(m.text)).toBe(lines(composed.text));
    expect(m.html).toBe(composed.html);
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ filename: 'monthly-cost-acme-co-2025-11-01.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(m.attachments[0].content).equals(Buffer.from(pdfBytes))).toBe(true);
    expect(m.text).toContain('CSV: https://artifacts.example.com/reports/run-1/report.csv');
    expect((await runs.get('run-1'))?.deliveries?.email).toEqual({
      status: 'sent',
      attempts: 1,
      at: '2025-11-01T06:03:00.000Z',
      recipients: to.map((address) => ({ address, status: 'sent' })),
    });
  });

  it('links a PDF over EMAIL_ATTACHMENT_MAX_BYTES instead of attaching it', async () => {
    const s = await start();
    await runs.create(runWith());

    await deliverReport(depsFor(mailerFor(s), { attachmentMaxBytes: 10 }), job, receive(1));

    const m = s.mails[0].parsed;
    expect(m.attachments).toEqual([]);
    expect(m.text).toContain('PDF: https://artifacts.example.com/reports/run-1/report.pdf?expires=604800&filename=monthly-cost-acme-co-2025-11-01.pdf');
  });

  it("sends a failed run's e-mail in the report's locale: accented subject, local number format, the reason", async () => {
    const s = await start();
    const run = runWith({
      status: 'failed',
      artifacts: [],
      spec: { ...aFinishedRun().spec, locale: 'pt-BR' },
      summary: { totalCost: 12345.678 },
      error: { code: 'auth_failed', message: 'Sem acesso à nuvem <401>\r\nBcc: evil@example.com' },
    });
    await runs.create(run);
    const composed = await composeReportEmail(artifacts, run, to, {
      attachmentMaxBytes: defaultDeliverySettings.attachmentMaxBytes,
      linkTtlSeconds: defaultDeliverySettings.linkTtlSeconds,
      publicBaseUrl: 'https://reports.example.com',
      renderEmail: renderReportEmail,
    });

    await deliverReport(depsFor(mailerFor(s)), job, receive(1));

    const m = s.mails[0].parsed;
    expect(m.subject).toBe(composed.subject);
    expect(m.subject).toMatch(/[^\p{ASCII}]/u);
    expect(lines(m.text)).toBe(lines(composed.text));
    expect(m.text).toContain('12.345,68');
    expect(m.html).toContain('Sem acesso à nuvem &lt;401&gt;');
    expect(m.attachments).toEqual([]);
    expect(m.bcc).toBeUndefined();
    expect(s.mails[0].envelopeTo).toEqual(to);
  });

  it('fails only the recipient refused with 550, with the reply text on the run, and sends to the other once', async () => {
    const s = await start({
      onRcpt: (address) => (address === 'finance@example.com' ? reply(550, '5.1.1 <finance@example.com>: mailbox unavailable') : undefined),
    });
    await runs.create(runWith());
    const deps = depsFor(mailerFor(s));

    expect(await deliverReport(deps, job, receive(1))).toEqual({ outcome: 'sent', attempts: 1 });
    expect(await deliverReport(deps, job, receive(2))).toEqual({ outcome: 'already-sent' });

    expect(s.mails.map((m) => m.envelopeTo)).toEqual([['ops@example.com']]);
    const state = (await runs.get('run-1'))?.deliveries?.email;
    expect(state).toMatchObject({
      status: 'sent',
      attempts: 1,
      recipients: [
        { address: 'ops@example.com', status: 'sent' },
        { address: 'finance@example.com', status: 'failed', error: expect.stringContaining('550 5.1.1 <finance@example.com>: mailbox unavailable') },
      ],
    });
    expect(state?.error).toContain('finance@example.com: 550');
  });

  it('fails the channel when every recipient is refused for good', async () => {
    const s = await start({ onRcpt: () => reply(550, '5.1.1 no such user') });
    await runs.create(runWith());

    const outcome = await deliverReport(depsFor(mailerFor(s)), job, receive(1));

    expect(outcome).toMatchObject({ outcome: 'failed', error: expect.stringContaining('550 5.1.1 no such user') });
    expect(s.mails).toEqual([]);
    const state = (await runs.get('run-1'))?.deliveries?.email;
    expect(state?.status).toBe('failed');
    expect(state?.recipients?.map((r) => [r.address, r.status])).toEqual([
      ['ops@example.com', 'failed'],
      ['finance@example.com', 'failed'],
    ]);
  });

  it('retries a recipient deferred with 451 alone: the one accepted first gets the mail once, the To header names both', async () => {
    let deferrals = 0;
    const s = await start({
      onRcpt: (address) => (address === 'finance@example.com' && deferrals++ < 1 ? reply(451, '4.2.1 mailbox busy, try later') : undefined),
    });
    await runs.create(runWith());
    const deps = depsFor(mailerFor(s));

    await expect(deliverReport(deps, job, receive(1))).rejects.toMatchObject({ retryable: true, code: 'email_deferred' });
    expect((await runs.get('run-1'))?.deliveries?.email).toMatchObject({
      status: 'pending',
      error: expect.stringContaining('finance@example.com: 451 4.2.1 mailbox busy'),
      recipients: [{ address: 'ops@example.com', status: 'sent' }],
    });
    expect(await deliverReport(deps, job, receive(2))).toEqual({ outcome: 'sent', attempts: 2 });

    expect(s.mails.map((m) => m.envelopeTo)).toEqual([['ops@example.com'], ['finance@example.com']]);
    for (const m of s.mails) expect([m.parsed.to].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual(to);
    expect((await runs.get('run-1'))?.deliveries?.email).toEqual({
      status: 'sent',
      attempts: 2,
      at: '2025-11-01T06:03:00.000Z',
      recipients: [
        { address: 'ops@example.com', status: 'sent' },
        { address: 'finance@example.com', status: 'sent' },
      ],
    });
  });

  it('fails a recipient still deferred on the last receive, keeping the one already reached', async () => {
    const s = await start({ onRcpt: (address) => (address === 'finance@example.com' ? reply(452, '4.2.2 mailbox full') : undefined) });
    await runs.create(runWith());
    const deps = depsFor(mailerFor(s));

    await expect(deliverReport(deps, job, receive(1))).rejects.toMatchObject({ retryable: true });
    await expect(deliverReport(deps, job, receive(2))).rejects.toMatchObject({ retryable: true });
    expect(await deliverReport(deps, job, receive(3))).toEqual({ outcome: 'sent', attempts: 3 });

    expect(s.mails.map((m) => m.envelopeTo)).toEqual([['ops@example.com']]);
    expect((await runs.get('run-1'))?.deliveries?.email?.recipients).toEqual([
      { address: 'ops@example.com', status: 'sent' },
      { address: 'finance@example.com', status: 'failed', error: expect.stringContaining('452 4.2.2 mailbox full') },
    ]);
  });

  it('gets the mail through once after the server answered 451 to the message twice', async () => {
    const s = await start({ onData: (i) => (i < 2 ? reply(451, '4.3.0 temporary failure, try again') : undefined) });
    await runs.create(runWith());
    const deps = depsFor(mailerFor(s));

    for (const n of [1, 2]) {
      await expect(deliverReport(deps, job, receive(n))).rejects.toMatchObject({
        retryable: true,
        code: 'email_unavailable',
        message: expect.stringContaining('451 4.3.0 temporary failure'),
      });
      expect((await runs.get('run-1'))?.deliveries?.email).toMatchObject({ status: 'pending', attempts: n });
    }
    expect(await deliverReport(deps, job, receive(3))).toEqual({ outcome: 'sent', attempts: 3 });

    expect(s.dataCount()).toBe(3);
    expect(s.mails).toHaveLength(1);
    expect(s.mails[0].envelopeTo).toEqual(to);
  });

  it('retries when the connection drops during the message', async () => {
    const s = await start({ dropOnData: (i) => i === 0 });
    await runs.create(runWith());
    const deps = depsFor(mailerFor(s));

    await expect(deliverReport(deps, job, receive(1))).rejects.toMatchObject({ retryable: true, code: 'email_unavailable' });
    expect(await deliverReport(deps, job, receive(2))).toEqual({ outcome: 'sent', attempts: 2 });
    expect(s.mails).toHaveLength(1);
  });

  it('fails a message refused with 554 for good, on the first receive', async () => {
    const s = await start({ onData: () => reply(554, '5.7.1 message rejected as spam') });
    await runs.create(runWith());

    const outcome = await deliverReport(depsFor(mailerFor(s)), job, receive(1));

    expect(outcome).toMatchObject({ outcome: 'failed', error: expect.stringContaining('554 5.7.1 message rejected as spam') });
    expect((await runs.get('run-1'))?.deliveries?.email).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('never shows the credentials in errors, run records or logs, even when the server repeats them', async () => {
    const s = await start({
      onAuth: (username, password) => reply(535, `5.7.8 user ${username} / password ${password} (${b64(password)}) not accepted`),
    });
    await runs.create(runWith());
    const mailer = mailerFor(s);

    const outcome = await deliverReport(depsFor(mailer), job, receive(1));
    const verify = await mailer.verify().then(
      () => undefined,
      (error: unknown) => error as Error & { code: string; retryable: boolean },
    );

    expect(outcome).toMatchObject({ outcome: 'failed', error: expect.stringContaining('535 5.7.8 user *** / password *** (***) not accepted') });
    expect(verify).toMatchObject({ code: 'email_auth_failed', retryable: false });
    expect(s.authAttempts).toContain(testCredentials.username);
    const everything = JSON.stringify([outcome, verify?.message, await runs.get('run-1'), logLines]);
    for (const secret of [testCredentials.username, testCredentials.password, b64(testCredentials.password), encodeURIComponent(testCredentials.password)]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('sends nothing, and no password, to a server that does not offer STARTTLS', async () => {
    const s = await start({ starttls: false });
    await runs.create(runWith());

    const outcome = await deliverReport(depsFor(mailerFor(s)), job, receive(3));

    expect(outcome).toMatchObject({ outcome: 'failed' });
    expect(s.authAttempts).toEqual([]);
    expect(s.dataCount()).toBe(0);
  });

  it('verifies the server the health check asks about: EHLO, STARTTLS, AUTH', async () => {
    const s = await start();
    await expect(mailerFor(s).verify()).resolves.toBeUndefined();
    await expect(mailerFor(s, { credentials: { ...testCredentials, password: 'wrong-password' } }).verify()).rejects.toMatchObject({
      code: 'email_auth_failed',
      message: expect.not.stringContaining('wrong-password'),
    });
    await s.close();
    server = undefined;
    await expect(mailerFor(s).verify()).rejects.toMatchObject({ retryable: true, code: 'email_unavailable' });
  });

  it('reads credentials from a function once, on first use, and tries again after a failed read', async () => {
    const s = await start();
    let reads = 0;
    const mailer = mailerFor(s, {
      credentials: async () => {
        reads += 1;
        if (reads === 1) throw Object.assign(new Error('secret store throttled'), { retryable: true });
        return testCredentials;
      },
    });

    await expect(mailer.verify()).rejects.toMatchObject({ code: 'email_credentials_unavailable', retryable: true });
    await mailer.verify();
    await mailer.verify();
    expect(reads).toBe(2);
  });
});
