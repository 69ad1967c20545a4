import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../../src/adapters/http/http-webhook-sender';
import { SesMailer } from '../../src/adapters/aws/ses-mailer';
import { deliveryJobsFor } from '../../src/domain/delivery/channels';
import { defaultDeliverySettings, deliverReport, type DeliverReportDeps } from '../../src/use-cases/deliver-report';
import { composeReportEmail } from '../../src/use-cases/delivery/compose-report-email';
import { RunStoreDeliveryLedger } from '../../src/adapters/memory/run-store-delivery-ledger';
import type { ReportRun } from '../../src/domain/report-run';
import { startSesOutbox, type OutboxMessage, type SesOutbox } from '../../src/adapters/local/ses-outbox';
import { memoryLogger } from '../schedules/fakes';
import { aFinishedRun, MemoryArtifactStore, MemoryRunStore, pdfBytes, unusedUploader } from './fakes';
import { renderReportEmail } from '../../src/presentation/email/report-email';
import { startReceiver } from './webhook-receiver';

const secret = 'whsec-0123456789abcdef';
const once = { receiveCount: 1, maxReceiveCount: 3 };

describe('deliverReport (SES outbox and webhook receiver on 127.0.0.1)', () => {
  let outbox: SesOutbox;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  let runs: MemoryRunStore;
  let artifacts: MemoryArtifactStore;
  let deps: DeliverReportDeps;
  let ids = 0;
  /** Each test uses its own recipients: the outbox is shared by the whole process. */
  let to: string[];

  beforeAll(async () => {
    outbox = await startSesOutbox({ port: 0 });
    hook = await startReceiver();
  });
  afterAll(async () => {
    await hook.close();
    await outbox.close();
  });

  beforeEach(async () => {
    runs = new MemoryRunStore();
    artifacts = new MemoryArtifactStore();
    await artifacts.put('reports/run-1/report.pdf', pdfBytes);
    await artifacts.put('reports/run-1/report.csv', new TextEncoder().encode('name,cost\na,1\n'));
    hook.calls.length = 0;
    to = [`ops-${++ids}@example.com`, `finance-${ids}@example.com`];
    const ses = new SESv2Client({
      endpoint: outbox.endpoint,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    deps = {
      runs,
      ledger: new RunStoreDeliveryLedger(runs),
      artifacts,
      mailer: new SesMailer({ client: ses, from: 'Reports <reports@example.com>', replyTo: ['help@example.com'] }),
      webhooks: new HttpWebhookSender({ httpsOnly: false, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 }),
      uploader: unusedUploader,
      renderEmail: renderReportEmail,
      clock: { now: () => new Date('2025-11-01T06:03:00Z') },
      logger: memoryLogger(),
      settings: { publicBaseUrl: 'https://reports.example.com' },
    };
  });

  const runWith = (overrides: Partial<ReportRun> = {}): ReportRun =>
    aFinishedRun({ delivery: { email: to, webhook: { url: `${hook.url}/hook`, secret } }, ...overrides });
  const mailsTo = async (address: string): Promise<OutboxMessage[]> => (await outbox.messages()).filter((m) => m.to.some((t) => t.includes(address)));

  it('lists one deliver job per configured channel once a run finished', () => {
    expect(deliveryJobsFor(runWith())).toEqual([
      { kind: 'deliver', runId: 'run-1', channel: 'email' },
      { kind: 'deliver', runId: 'run-1', channel: 'webhook' },
    ]);
    expect(deliveryJobsFor(runWith({ status: 'running' }))).toEqual([]);
    expect(deliveryJobsFor(runWith({ delivery: { email: to } }))).toEqual([{ kind: 'deliver', runId: 'run-1', channel: 'email' }]);
    expect(deliveryJobsFor(runWith({ deliveries: { email: { status: 'sent', attempts: 1 } } }))).toEqual([
      { kind: 'deliver', runId: 'run-1', channel: 'webhook' },
    ]);
  });

  it('e-mails all recipients with the PDF attached and the key figures escaped', async () => {
    await runs.create(runWith());

    const outcome = await deliverReport(deps, { runId: 'run-1', channel: 'email' }, once);

    expect(outcome).toEqual({ outcome: 'sent', attempts: 1 });
    const [mail, ...more] = await mailsTo(to[0]);
    expect(more).toEqual([]);
    expect(mail.to.join(',')).toContain(to[1]);
    expect(mail.from).toContain('reports@example.com');
    expect(mail.replyTo.join(',')).toContain('help@example.com');
    expect(mail.subject).toBe('Report ready: Monthly cost <ACME & Co>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'monthly-cost-acme-co-2025-11-01.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(mail.attachments[0].content).equals(Buffer.from(pdfBytes))).toBe(true);
    expect(mail.text).toContain('Total cost: 12,345.68');
    expect(mail.text).toContain('CSV: https://artifacts.example.com/reports/run-1/report.csv');
    expect(mail.html).toContain('Monthly cost &lt;ACME &amp; Co&gt;');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect((await runs.get('run-1'))?.deliveries?.email).toEqual({
      status: 'sent',
      attempts: 1,
      at: '2025-11-01T06:03:00.000Z',
      recipients: to.map((address) => ({ address, status: 'sent' })),
    });
  });

  it('sends a Portuguese e-mail through SES as composed: accented subject, text and HTML unchanged', async () => {
    const run = runWith({ spec: { ...aFinishedRun().spec, locale: 'pt-BR' } });
    await runs.create(run);
    const composed = await composeReportEmail(artifacts, run, to, {
      attachmentMaxBytes: defaultDeliverySettings.attachmentMaxBytes,
      linkTtlSeconds: defaultDeliverySettings.linkTtlSeconds,
      publicBaseUrl: 'https://reports.example.com',
      renderEmail: renderReportEmail,
    });

    await deliverReport(deps, { runId: 'run-1', channel: 'email' }, once);

    const [mail] = await mailsTo(to[0]);
    expect(mail.subject).toBe(composed.subject);
    expect(mail.subject).toMatch(/[^\p{ASCII}]/u);
    expect(mail.text).toBe(composed.text);
    expect(mail.html).toBe(composed.html);
    expect(mail.text).toContain('12.345,68');
    expect(mail.attachments.map((a) => a.filename)).toEqual(composed.attachments.map((a) => a.filename));
  });

  it('serves a web page listing the outbox for a person to read', async () => {
    const res = await fetch(outbox.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('links a PDF over the attachment limit instead of attaching it', async () => {
    await runs.create(runWith());
    deps.settings = { attachmentMaxBytes: 10 };

    await deliverReport(deps, { runId: 'run-1', channel: 'email' }, once);

    const [mail] = await mailsTo(to[0]);
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('PDF: https://artifacts.example.com/reports/run-1/report.pdf?expires=604800&filename=monthly-cost-acme-co-2025-11-01.pdf');
  });

  it('e-mails the reason of a failed run, and the webhook says failed', async () => {
    await runs.create(
      runWith({ status: 'failed', artifacts: [], summary: undefined, error: { code: 'auth_failed', message: 'Keystone refused the credentials <401>' } }),
    );

    await deliverReport(deps, { runId: 'run-1', channel: 'email' }, once);
    await deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once);

    const [mail] = await mailsTo(to[0]);
    expect(mail.subject).toBe('Report failed: Monthly cost <ACME & Co>');
    expect(mail.text).toContain('Reason: Keystone refused the credentials <401>');
    expect(mail.html).toContain('Keystone refused the credentials &lt;401&gt;');
    expect(mail.attachments).toEqual([]);
    expect(JSON.parse(hook.calls[0].body)).toEqual({
      runId: 'run-1',
      status: 'failed',
      type: 'cost',
      links: { run: 'https://reports.example.com/v1/reports/run-1' },
      summary: {},
      finishedAt: '2025-11-01T06:02:13.000Z',
      error: { code: 'auth_failed', message: 'Keystone refused the credentials <401>' },
    });
  });

  it('posts the signed webhook payload with links and summary', async () => {
    await runs.create(runWith());

    await deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once);

    expect(hook.calls).toHaveLength(1);
    const { body, headers } = hook.calls[0];
    const signature = `v1=${createHmac('sha256', secret).update(`${headers['x-openstack-reports-timestamp']}.${body}`).digest('hex')}`;
    expect(headers['x-openstack-reports-signature']).toBe(signature);
    expect(JSON.parse(body)).toEqual({
      runId: 'run-1',
      status: 'succeeded',
      type: 'cost',
      links: {
        run: 'https://reports.example.com/v1/reports/run-1',
        pdf: 'https://artifacts.example.com/reports/run-1/report.pdf?expires=604800&filename=monthly-cost-acme-co-2025-11-01.pdf',
        csv: 'https://artifacts.example.com/reports/run-1/report.csv?expires=604800&filename=monthly-cost-acme-co-2025-11-01.csv',
      },
      summary: { servers: 42, totalCost: 12345.678, topProject: '<script>alert(1)</script>' },
      finishedAt: '2025-11-01T06:02:13.000Z',
    });
  });

  it('delivering the same jobs twice sends one e-mail and one webhook', async () => {
    await runs.create(runWith());

    for (let i = 0; i < 2; i++) {
      for (const job of [
        { runId: 'run-1', channel: 'email' },
        { runId: 'run-1', channel: 'webhook' },
      ]) {
        await deliverReport(deps, job, { receiveCount: i + 1, maxReceiveCount: 3 });
      }
    }

    expect(await mailsTo(to[0])).toHaveLength(1);
    expect(hook.calls).toHaveLength(1);
    expect(deliveryJobsFor((await runs.get('run-1'))!)).toEqual([]);
  });

  it('two concurrent deliveries of one job send once; the loser is told to come back later', async () => {
    await runs.create(runWith());

    const results = await Promise.allSettled([
      deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once),
      deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once),
    ]);

    expect(hook.calls).toHaveLength(1);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code: string }).code)).sort();
    expect(outcomes).toEqual(['delivery_in_progress', 'sent']);
    // Redelivered later, the loser finds the channel sent and does nothing.
    expect(await deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, { receiveCount: 2, maxReceiveCount: 3 })).toEqual({
      outcome: 'already-sent',
    });
  });

  it('releases the claim on a transient failure so the next receive retries, and never re-renders', async () => {
    const down = await startReceiver((_call, _i, res) => res.writeHead(503).end());
    await runs.create(runWith({ delivery: { webhook: { url: down.url, secret } } }));
    const before = structuredClone(await runs.get('run-1'));

    // The sender tries 4 times itself; the state counts those POSTs and says when the next try is due.
    await expect(deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once)).rejects.toMatchObject({
      retryable: true,
      delaySeconds: expect.any(Number),
    });
    const afterFirst = await runs.get('run-1');
    expect(afterFirst?.deliveries?.webhook).toMatchObject({ status: 'pending', attempts: 4, error: expect.stringContaining('answered 503') });
    expect(afterFirst?.deliveries?.webhook?.attempts).toBe(down.calls.length);
    expect(afterFirst?.deliveries?.webhook?.error).not.toMatch(/\(\d+ attempts\)/);
    const due = Date.parse(afterFirst!.deliveries!.webhook!.nextAttemptAt!) - Date.parse('2025-11-01T06:03:00Z');
    expect(due).toBeGreaterThanOrEqual(8_000);
    expect(due).toBeLessThanOrEqual(12_000);
    expect({ ...afterFirst, deliveries: undefined }).toEqual({ ...before, deliveries: undefined });

    // The last receive records the failure instead of throwing: failed at once, with every POST counted.
    const last = await deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, { receiveCount: 3, maxReceiveCount: 3 });
    await down.close();

    expect(last).toMatchObject({ outcome: 'failed' });
    expect(down.calls).toHaveLength(8);
    const final = (await runs.get('run-1'))?.deliveries?.webhook;
    expect(final).toMatchObject({ status: 'failed', attempts: 8 });
    expect(final?.nextAttemptAt).toBeUndefined();
  });

  it("counts a webhook delivered on the sender's third try as three attempts", async () => {
    const flaky = await startReceiver((_call, i, res) => res.writeHead(i < 2 ? 503 : 204).end());
    await runs.create(runWith({ delivery: { webhook: { url: flaky.url, secret } } }));

    const outcome = await deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once);
    await flaky.close();

    expect(outcome).toEqual({ outcome: 'sent', attempts: 3 });
    expect((await runs.get('run-1'))?.deliveries?.webhook).toEqual({ status: 'sent', attempts: 3, at: '2025-11-01T06:03:00.000Z' });
  });

  it('fails an e-mail delivery permanently when e-mail is not configured, and skips what does not apply', async () => {
    await runs.create(runWith());
    delete deps.mailer;

    expect(await deliverReport(deps, { runId: 'run-1', channel: 'email' }, once)).toEqual({
      outcome: 'failed',
      error: 'E-mail delivery is not configured on this deployment.',
    });
    expect(await deliverReport(deps, { runId: 'nope', channel: 'email' }, once)).toMatchObject({ outcome: 'skipped' });
    expect(await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, once)).toMatchObject({ outcome: 'skipped' });
  });

  it('takes over a claim whose holder died, after the lease', async () => {
    await runs.create(runWith({ deliveries: { webhook: { status: 'pending', attempts: 1, at: '2025-11-01T05:00:00.000Z' } } }));

    const outcome = await deliverReport(deps, { runId: 'run-1', channel: 'webhook' }, once);

    expect(outcome).toEqual({ outcome: 'sent', attempts: 2 });
    expect(hook.calls).toHaveLength(1);
  });
});
