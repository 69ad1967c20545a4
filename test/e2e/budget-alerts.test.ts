import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { cloudConfigFromDocument, createInventorySource } from '../../src/adapters/openstack';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud';
import type { ReportRun } from '../../src/domain/report-run';
import { scheduledRunId } from '../../src/domain/scheduled-run-id';
import { scheduledJob } from '../../src/domain/schedules/scheduled-job';
import { samplePriceList } from '../../src/presentation/sample-cloud';
import { createSchedule } from '../../src/use-cases/schedules/create-schedule';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { until } from '../helpers/until';

const owner = { owner: 'finance' };

/**
 * A budget-alert schedule on the demo cloud, through the local runtime (dynalite, the in-process
 * queue, the SMTP outbox): one e-mail when the threshold is crossed, none on the next fire, none
 * after a restart, none for a duplicate queue message.
 */
describe('budget-alert schedules', () => {
  let cloud: DemoCloud;
  let dir: string;
  let rt: LocalRuntime | undefined;

  const start = () =>
    startLocalRuntime({
      port: 0,
      dataDir: dir,
      inventory: async () => {
        const doc = parseYaml(cloud.cloudsYaml('demo')) as { clouds: Record<string, unknown> };
        return createInventorySource(cloudConfigFromDocument(doc.clouds.demo));
      },
      maxReceiveCount: 3,
      visibilityTimeoutMs: 30_000,
      downloadUrlTtlSeconds: 600,
      logger: silentLogger,
      outboxPorts: { smtp: 0, web: 0 },
    });

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 30, projects: 3, seed: 11 });
    dir = await mkdtemp(join(tmpdir(), 'osr-budget-'));
  });
  afterAll(async () => {
    await rt?.close();
    await cloud?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Fires the schedule at `scheduledTime` (as EventBridge or the local scheduler would) and waits for its run to be settled. */
  async function fire(runtime: LocalRuntime, schedule: Parameters<typeof scheduledJob>[0], scheduledTime: string): Promise<ReportRun> {
    await runtime.queue.send(scheduledJob(schedule, scheduledTime), { group: schedule.owner });
    await runtime.queue.idle();
    const id = scheduledRunId(schedule.id, scheduledTime);
    return until(
      `the run of ${schedule.id} at ${scheduledTime}`,
      async () => {
        const run = await runtime.deps.runs.get(id);
        return run?.deliveryGate && (run.deliveryGate.decision === 'skip' || run.deliveries?.email?.status === 'sent') ? run : undefined;
      },
      90_000,
    );
  }

  const mailsTo = async (runtime: LocalRuntime, address: string) => (await runtime.outbox.messages()).filter((m) => m.to.includes(address));
  const runsOf = async (runtime: LocalRuntime, scheduleId: string) =>
    (await runtime.deps.runs.list({ owner: owner.owner, limit: 50 })).items.filter((r) => r.scheduleId === scheduleId);

  it('sends one e-mail when a threshold is crossed, none on the next fire, after a restart, or for a duplicate message', async () => {
    rt = await start();
    const project = cloud.data.projects[0]!;
    const body = (budget: string, email: string) => ({
      name: `Budget ${budget}`,
      expression: 'cron(0 8 * * ? *)',
      timezone: 'UTC',
      report: {
        type: 'cost',
        formats: ['csv'],
        period: { preset: 'last-month' },
        priceList: samplePriceList,
        budgets: [{ keys: [project.id], amount: budget }],
      },
      delivery: { email: [email] },
      deliverWhen: { budgetThresholds: [100, 80] },
    });
    // Far below last month's cost: both thresholds are crossed at once, and alerted in one e-mail.
    const crossed = await createSchedule(rt.deps, { actor: owner, body: body('0.01', 'alerts@example.com') });
    // Far above: never crossed.
    const quiet = await createSchedule(rt.deps, { actor: owner, body: body('99999999', 'quiet@example.com') });
    expect(crossed.deliverWhen).toEqual({ budgetThresholds: [80, 100], includeForecast: false });

    const first = await fire(rt, crossed, '2026-12-02T08:00:00Z');
    expect(first.deliveryGate).toMatchObject({ decision: 'deliver' });
    expect(first.deliveryGate!.crossings.map((c) => [c.threshold, c.basis])).toEqual([
      [80, 'actual'],
      [100, 'actual'],
    ]);
    expect(first.deliveryGate!.reason).toContain(`${project.name} reached 80% of its budget`);
    const [alert] = await mailsTo(rt, 'alerts@example.com');
    expect(alert!.subject).toBe('Budget alert: Cost report');
    expect(alert!.text).toContain(`A budget threshold was reached:\n  - ${project.name} reached 80% of its budget (`);
    expect(alert!.text).toContain(`${project.name} reached 100% of its budget`);
    expect(alert!.html).toContain(`${project.name} reached 100% of its budget`);
    expect(await mailsTo(rt, 'alerts@example.com')).toHaveLength(1);

    // The next fire, same period: the run happens and is kept, its delivery is skipped, saying why.
    const second = await fire(rt, crossed, '2026-12-03T08:00:00Z');
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('succeeded');
    expect(second.artifacts.map((a) => a.format)).toEqual(['csv']);
    expect(second.deliveryGate).toMatchObject({ decision: 'skip' });
    expect(second.deliveryGate!.reason).toMatch(/^Already alerted this period: .* at 80% \(run .*\)/);
    expect(second.deliveryGate!.crossings.every((c) => c.alreadySentBy === first.id)).toBe(true);
    expect(second.deliveries).toBeUndefined();
    expect(await mailsTo(rt, 'alerts@example.com')).toHaveLength(1);

    // A stray delivery job for the held-back run sends nothing either.
    await rt.queue.send({ kind: 'deliver', runId: second.id, channel: 'email' });
    await rt.queue.idle();
    expect(await mailsTo(rt, 'alerts@example.com')).toHaveLength(1);

    // A duplicate of the first fire's message: the same run, nothing sent twice.
    await rt.queue.send(scheduledJob(crossed, '2026-12-02T08:00:00Z'), { group: owner.owner });
    await rt.queue.idle();
    expect(await runsOf(rt, crossed.id)).toHaveLength(2);
    expect(await mailsTo(rt, 'alerts@example.com')).toHaveLength(1);

    // A budget not reached: the run is kept, nothing is sent.
    const calm = await fire(rt, quiet, '2026-12-02T08:00:00Z');
    expect(calm.deliveryGate).toMatchObject({ decision: 'skip', crossings: [] });
    expect(calm.deliveryGate!.reason).toMatch(/^No budget reached 80%, 100% \(highest: .* at 0%\)\.$/);
    expect(await mailsTo(rt, 'quiet@example.com')).toHaveLength(0);

    // What was sent survives a restart: the alert ledger is in DynamoDB (dynalite, in the data folder).
    await rt.close();
    rt = await start();
    const afterRestart = await fire(rt, crossed, '2026-12-04T08:00:00Z');
    expect(afterRestart.deliveryGate).toMatchObject({ decision: 'skip' });
    expect(afterRestart.deliveryGate!.crossings.every((c) => c.alreadySentBy === first.id)).toBe(true);
    expect(await mailsTo(rt, 'alerts@example.com')).toHaveLength(1);
  });
});
