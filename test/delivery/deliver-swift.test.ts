import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SwiftObjectUploader } from '../../src/adapters/openstack/swift-object-uploader';
import type { ReportRun } from '../../src/domain/report-run';
import { deliveryJobsFor } from '../../src/domain/delivery/channels';
import { deliverReport, type DeliverReportDeps } from '../../src/use-cases/deliver-report';
import { RunStoreDeliveryLedger } from '../../src/adapters/memory/run-store-delivery-ledger';
import { swiftObjectName } from '../../src/use-cases/delivery/swift-upload';
import { OpenStackInventorySource } from '../../src/adapters/openstack/inventory-source';
import { startDemoCloud, type DemoCloud, type RequestLogEntry } from '../../src/demo-cloud/index';
import { demoClient } from '../openstack/helpers/demo-client';
import { memoryLogger } from '../schedules/fakes';
import { aFinishedRun, MemoryArtifactStore, MemoryRunStore, pdfBytes, unusedWebhooks } from './fakes';
import { renderReportEmail } from '../../src/presentation/email/report-email';

const csvBytes = new TextEncoder().encode('name,cost\na,1\n');
const first = { receiveCount: 1, maxReceiveCount: 3 };
const last = { receiveCount: 3, maxReceiveCount: 3 };

describe('deliverReport on the swift channel (demo cloud on 127.0.0.1)', () => {
  let cloud: DemoCloud;
  const log: RequestLogEntry[] = [];
  let runs: MemoryRunStore;
  let deps: DeliverReportDeps;
  let containers = 0;
  let container: string;

  /** Object PUTs Swift accepted since the last reset. */
  const storedPuts = (): string[] =>
    log
      .filter((e) => e.service === 'object-store' && e.method === 'PUT' && e.status === 201 && /^\/object-store\/v1\/[^/]+\/[^/]+\/./.test(e.url))
      .map((e) => e.url);
  const runWith = (overrides: Partial<ReportRun> = {}): ReportRun => aFinishedRun({ delivery: { swift: { container, prefix: 'monthly/' } }, ...overrides });
  const swiftState = async () => (await runs.get('run-1'))?.deliveries?.swift;

  beforeAll(async () => {
    cloud = await startDemoCloud({ servers: 10, onRequest: (entry) => log.push(entry) });
  });
  afterAll(() => cloud.close());

  beforeEach(async () => {
    log.length = 0;
    container = `reports-${++containers}`;
    runs = new MemoryRunStore();
    const artifacts = new MemoryArtifactStore();
    await artifacts.put('reports/run-1/report.pdf', pdfBytes);
    await artifacts.put('reports/run-1/report.csv', csvBytes);
    deps = {
      runs,
      ledger: new RunStoreDeliveryLedger(runs),
      artifacts,
      // One client retry: the queue, not the client, is what these tests are about.
      uploader: SwiftObjectUploader.forInventory(async () => new OpenStackInventorySource(demoClient(cloud, 'admin', { maxRetries: 1 }))),
      mailer: undefined,
      webhooks: unusedWebhooks,
      renderEmail: renderReportEmail,
      clock: { now: () => new Date('2025-11-01T06:03:00Z') },
      logger: memoryLogger(),
    };
  });
  afterEach(() => cloud.setFaults({}));

  it('enqueues a swift job for a succeeded run that asks for it, never for a failed one', () => {
    expect(deliveryJobsFor(runWith())).toEqual([{ kind: 'deliver', runId: 'run-1', channel: 'swift' }]);
    expect(deliveryJobsFor(runWith({ status: 'failed', artifacts: [] }))).toEqual([]);
    expect(deliveryJobsFor(runWith({ deliveries: { swift: { status: 'sent', attempts: 1 } } }))).toEqual([]);
  });

  it('uploads every artifact once under its name, even when the job is processed twice', async () => {
    // Prepare
    await runs.create(runWith());

    // Act
    const outcomes = [await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first)];
    outcomes.push(await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, { receiveCount: 2, maxReceiveCount: 3 }));

    // Assess
    expect(outcomes).toEqual([{ outcome: 'sent', attempts: 1 }, { outcome: 'already-sent' }]);
    expect(storedPuts()).toHaveLength(2);
    const stored = cloud.objects().filter((o) => o.container === container);
    expect(stored.map(({ name, bytes, contentType }) => ({ name, bytes, contentType }))).toEqual([
      { name: 'monthly/cost-report-run-1.csv', bytes: csvBytes, contentType: 'text/csv' },
      { name: 'monthly/cost-report-run-1.pdf', bytes: pdfBytes, contentType: 'application/pdf' },
    ]);
    expect(await swiftState()).toEqual({ status: 'sent', attempts: 1, at: '2025-11-01T06:03:00.000Z' });
  });

  it('uploads once when two workers take the same job at once; the loser is told to come back later', async () => {
    await runs.create(runWith());

    const results = await Promise.allSettled([
      deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first),
      deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first),
    ]);

    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code: string }).code)).sort();
    expect(outcomes).toEqual(['delivery_in_progress', 'sent']);
    expect(storedPuts()).toHaveLength(2);
  });

  it('names objects without a prefix as type-report-id.format', () => {
    expect(swiftObjectName({ id: 'r1', type: 'usage' }, { format: 'html' }, undefined)).toBe('usage-report-r1.html');
    expect(swiftObjectName({ id: 'r1', type: 'cost' }, { format: 'pdf' }, 'a/b-')).toBe('a/b-cost-report-r1.pdf');
  });

  it('lets the queue retry a 503 (throws before the last receive) and records the failure on the last', async () => {
    // Prepare
    await runs.create(runWith());
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 503 });

    // Act
    const thrown = await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first).then(
      () => undefined,
      (error: unknown) => error,
    );
    const afterFirst = await swiftState();
    const final = await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, last);

    // Assess
    expect(thrown).toMatchObject({ code: 'swift_upload_failed', retryable: true });
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringContaining('Request failed with 503') });
    expect(final).toMatchObject({ outcome: 'failed', error: expect.stringContaining('Request failed with 503') });
    expect(await swiftState()).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('succeeds on the next receive once Swift is back', async () => {
    await runs.create(runWith());
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 503 });
    await expect(deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first)).rejects.toMatchObject({ retryable: true });
    cloud.setFaults({});

    const outcome = await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, { receiveCount: 2, maxReceiveCount: 3 });

    expect(outcome).toEqual({ outcome: 'sent', attempts: 2 });
    expect(cloud.objects().filter((o) => o.container === container)).toHaveLength(2);
  });

  it('fails the channel at once, with a reason, when Swift answers 403', async () => {
    await runs.create(runWith());
    cloud.setFaults({ failPathPattern: '^/object-store/v1/', failPathStatus: 403 });

    const outcome = await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first);

    const reason = `Swift refused to store "monthly/cost-report-run-1.pdf" in container "${container}"; the cloud credentials need an operator role`;
    expect(outcome).toEqual({ outcome: 'failed', error: expect.stringContaining(reason) });
    expect(await swiftState()).toEqual({ status: 'failed', attempts: 1, at: '2025-11-01T06:03:00.000Z', error: expect.stringContaining(reason) });
    expect(deliveryJobsFor((await runs.get('run-1'))!)).toEqual([]);
  });

  it('fails the channel when Swift refuses the container name (400)', async () => {
    await runs.create(runWith({ delivery: { swift: { container: 'c'.repeat(257) } } }));

    const outcome = await deliverReport(deps, { runId: 'run-1', channel: 'swift' }, first);

    expect(outcome).toEqual({ outcome: 'failed', error: expect.stringContaining('Container name length of 257 longer than 256') });
  });

  it('fails the channel when an artifact is gone, and skips a failed run', async () => {
    await runs.create(runWith({ id: 'run-2', artifacts: [{ format: 'pdf', key: 'reports/run-2/gone.pdf', bytes: 1, contentType: 'application/pdf' }] }));
    expect(await deliverReport(deps, { runId: 'run-2', channel: 'swift' }, first)).toEqual({
      outcome: 'failed',
      error: 'The PDF of run run-2 is no longer stored (reports/run-2/gone.pdf).',
    });

    await runs.create(runWith({ id: 'run-3', status: 'failed', artifacts: [] }));
    expect(await deliverReport(deps, { runId: 'run-3', channel: 'swift' }, first)).toMatchObject({ outcome: 'skipped' });
  });
});
