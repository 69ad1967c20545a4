import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportRun } from '../../src/domain/report-run';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../src/wiring/local/runtime';
import { reply, startTestSmtpServer, testCert, testCredentials, type TestSmtpServer } from '../delivery/smtp-test-server';
import { blankPdfRenderer } from '../helpers/api-runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';
import { memoryLogger } from '../schedules/fakes';

const recipients = ['ops@example.com', 'cfo@example.com'];

describe('e-mail from the local service, through its SMTP mailer', () => {
  let dir: string;
  let rt: LocalRuntime | undefined;
  let smtp: TestSmtpServer | undefined;
  let logLines: { level: string; message: string; extra?: Record<string, unknown> }[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-smtp-'));
    logLines = [];
  });
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
    await smtp?.close();
    smtp = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function start(options: Partial<LocalRuntimeOptions> = {}): Promise<LocalRuntime> {
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], [fakeServer(1), fakeServer(2)]),
      maxReceiveCount: 4,
      visibilityTimeoutMs: 200,
      downloadUrlTtlSeconds: 600,
      logger: memoryLogger(logLines),
      pdf: blankPdfRenderer,
      ...options,
    });
    return rt;
  }

  async function requestReport(runtime: LocalRuntime): Promise<ReportRun> {
    const token = await runtime.mintToken('alice', ['reports:read', 'reports:write']);
    const res = await fetch(`${runtime.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory', formats: ['pdf'], delivery: { email: recipients } }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    for (let i = 0; i < 300; i++) {
      const run = await runtime.deps.runs.get(id);
      const email = run?.deliveries?.email?.status;
      if (run && (email === 'sent' || email === 'failed')) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the e-mail of run ${id} was not delivered`);
  }

  const mailProbe = (runtime: LocalRuntime) => runtime.deps.health.find((p) => p.name === 'mail');

  it('without SMTP_URL, mails the report into the outbox, which a restart on the same data folder still lists', async () => {
    const first = await start();
    await expect(mailProbe(first)?.check()).resolves.toBeUndefined();

    const run = await requestReport(first);

    expect(run.deliveries?.email).toMatchObject({ status: 'sent', attempts: 1 });
    const [mail, ...more] = await first.outbox.messages();
    expect(more).toEqual([]);
    expect(mail!.to).toEqual(recipients);
    expect(mail!.attachments.find((a) => a.contentType === 'application/pdf')).toBeDefined();
    await first.close();
    rt = undefined;

    const second = await start();
    expect((await second.outbox.messages()).map((m) => m.id)).toEqual([mail!.id]);
    expect(await (await fetch(second.outbox.url)).text()).toContain(escapeForPage(mail!.subject));
  });

  it('with an SMTP server that answers 451 twice, the queue retries and the mail arrives once, over STARTTLS with AUTH', async () => {
    smtp = await startTestSmtpServer({ onData: (i) => (i < 2 ? reply(451, '4.3.0 try again later') : undefined) });
    const runtime = await start({
      mail: {
        smtp: { host: smtp.host, port: smtp.port, security: 'starttls', ...testCredentials },
        from: 'Reports <reports@example.com>',
        ca: testCert,
      },
    });
    await expect(mailProbe(runtime)?.check()).resolves.toBeUndefined();

    const run = await requestReport(runtime);

    expect(run.deliveries?.email).toMatchObject({ status: 'sent', attempts: 3, recipients: recipients.map((address) => ({ address, status: 'sent' })) });
    expect(smtp.dataCount()).toBe(3);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ secure: true, user: testCredentials.username, envelopeTo: recipients });
    expect(smtp.mails[0]!.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(await runtime.outbox.messages()).toEqual([]);
    expect(logLines.some((l) => l.message === 'delivery failed, will retry')).toBe(true);
    expect(JSON.stringify(logLines)).not.toContain(testCredentials.password);
  });

  it('reports the mail server down in the health check when it refuses the credentials, without them', async () => {
    smtp = await startTestSmtpServer();
    const runtime = await start({
      mail: {
        smtp: { host: smtp.host, port: smtp.port, security: 'starttls', username: testCredentials.username, password: 'not-the-password' },
        from: 'reports@example.com',
        ca: testCert,
      },
    });

    const error = await mailProbe(runtime)!
      .check()
      .catch((e: unknown) => e as Error);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('535');
    expect((error as Error).message).not.toContain('not-the-password');
  });
});

function escapeForPage(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
