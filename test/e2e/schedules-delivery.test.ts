import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfRenderer } from '../../src/adapters/chromium/chromium-pdf-renderer';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import type { PdfRenderer } from '../../src/domain/ports';
import type { ReportRun } from '../../src/domain/report-run';
import { createSchedule } from '../../src/use-cases/schedules/create-schedule';
import { runScheduleNow } from '../../src/use-cases/schedules/run-schedule-now';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { startReceiver } from '../delivery/webhook-receiver';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';
import { until } from '../helpers/until';

const secret = 'correct-horse-battery-staple';
const owner = { owner: 'ops-team' };

function expectSigned(call: { headers: Record<string, string | string[] | undefined>; body: string }) {
  const timestamp = String(call.headers['x-openstack-reports-timestamp']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${call.body}`).digest('hex')}`;
  expect(call.headers['x-openstack-reports-signature']).toBe(expected);
}

describe('schedules fire, and finished runs are delivered exactly once', () => {
  let dir: string;
  let rt: LocalRuntime;
  let renders = 0;
  const real = new ChromiumPdfRenderer();
  const counting: PdfRenderer = {
    render: (html, options) => {
      renders += 1;
      return real.render(html, options);
    },
    close: () => real.close(),
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-sched-'));
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], [fakeServer(1), fakeServer(2)]),
      maxReceiveCount: 4,
      visibilityTimeoutMs: 300,
      downloadUrlTtlSeconds: 600,
      logger: silentLogger,
      pdf: counting,
    });
  });

  afterAll(async () => {
    await rt?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function finishedRun(scheduleId: string, channels: string[]): Promise<ReportRun> {
    return until(`a delivered run of ${scheduleId}`, async () => {
      const page = await rt.deps.runs.list({ owner: owner.owner, limit: 20 });
      const run = page.items.find((r) => r.scheduleId === scheduleId);
      return run && channels.every((c) => ['sent', 'failed'].includes(run.deliveries?.[c]?.status ?? '')) ? run : undefined;
    });
  }

  it('fires a one-time schedule due in seconds, e-mails the PDF, calls the webhook once, and ignores a duplicate delivery', async () => {
    const receiver = await startReceiver();
    try {
      const due = new Date(Date.now() + 3000).toISOString().slice(0, 19);
      const schedule = await createSchedule(rt.deps, {
        actor: owner,
        body: {
          name: 'Nightly <inventory>',
          expression: `at(${due})`,
          timezone: 'UTC',
          report: { type: 'inventory', formats: ['pdf'] },
          delivery: { email: ['ops@example.com', 'cfo@example.com'], webhook: { url: `${receiver.url}/hook`, secret } },
        },
      });

      const run = await finishedRun(schedule.id, ['email', 'webhook']);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('succeeded');
      expect(run.deliveries?.email?.status).toBe('sent');
      expect(run.deliveries?.webhook?.status).toBe('sent');

      const mails = (await rt.outbox.messages()).filter((m) => m.to.includes('ops@example.com'));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to.sort()).toEqual(['cfo@example.com', 'ops@example.com']);
      const pdf = mails[0]!.attachments.find((a) => a.contentType === 'application/pdf');
      expect(pdf).toBeDefined();
      expect(Buffer.from(pdf!.content).subarray(0, 5).toString()).toBe('%PDF-');

      expect(receiver.calls).toHaveLength(1);
      expectSigned(receiver.calls[0]!);
      expect(JSON.parse(receiver.calls[0]!.body)).toMatchObject({ runId: run.id, status: 'succeeded', type: 'inventory' });

      // The queue delivers the same delivery jobs again: nothing is sent twice.
      const rendersBefore = renders;
      await rt.queue.send({ kind: 'deliver', runId: run.id, channel: 'email' });
      await rt.queue.send({ kind: 'deliver', runId: run.id, channel: 'webhook' });
      await rt.queue.idle();
      expect((await rt.outbox.messages()).filter((m) => m.to.includes('ops@example.com'))).toHaveLength(1);
      expect(receiver.calls).toHaveLength(1);
      expect(renders).toBe(rendersBefore);
    } finally {
      await receiver.close();
    }
  });

  it('retries a webhook receiver that fails twice and reaches it on the third try, without rendering again', async () => {
    const receiver = await startReceiver((_call, index, res) => res.writeHead(index < 2 ? 503 : 204).end());
    try {
      const schedule = await createSchedule(rt.deps, {
        actor: owner,
        body: {
          expression: 'cron(0 6 1 * ? *)',
          timezone: 'Europe/Berlin',
          report: { type: 'inventory', formats: ['pdf'] },
          delivery: { webhook: { url: `${receiver.url}/flaky`, secret } },
        },
      });
      await runScheduleNow(rt.deps, { actor: owner, id: schedule.id });
      const run = await finishedRun(schedule.id, ['webhook']);
      const rendersAfterRun = renders;

      expect(run.deliveries?.webhook?.status).toBe('sent');
      expect(receiver.calls).toHaveLength(3);
      for (const call of receiver.calls) expectSigned(call);
      expect(new Set(receiver.calls.map((c) => c.body)).size).toBe(1);
      await rt.queue.idle();
      expect(renders).toBe(rendersAfterRun);
    } finally {
      await receiver.close();
    }
  });
});
