/** Runs failed by the dead-letter handler count as failed runs too, so the metrics agree with the run records. */
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/adapters/local/prometheus-metrics';
import { RunStoreDeliveryLedger } from '../../src/adapters/memory/run-store-delivery-ledger';
import { processDeadLetters } from '../../src/handlers/worker/process-dead-letters';
import { memoryLogger } from '../schedules/fakes';
import { aFinishedRun, MemoryRunStore } from '../delivery/fakes';

const event = (...bodies: unknown[]) =>
  ({ Records: bodies.map((b, i) => ({ messageId: `m${i}`, body: JSON.stringify(b), receiptHandle: 'h', attributes: {} })) }) as unknown as SQSEvent;

describe('the dead-letter handler’s metrics', () => {
  it('counts a run it marks failed as worker_crashed, and a delivery it gives up on as failed', async () => {
    const runs = new MemoryRunStore();
    await runs.create(aFinishedRun({ id: 'r1', type: 'cost', status: 'running' }));
    await runs.create(
      aFinishedRun({ id: 'r2', delivery: { webhook: { url: 'https://example.com/h' } }, deliveries: { webhook: { status: 'pending', attempts: 2 } } }),
    );
    const metrics = new PrometheusMetrics();
    const deps = {
      runs,
      ledger: new RunStoreDeliveryLedger(runs),
      clock: { now: () => new Date() },
      logger: memoryLogger([]),
      metrics,
      settings: { maxReceiveCount: 3 },
    };

    await processDeadLetters(deps, event({ kind: 'run', runId: 'r1' }, { kind: 'deliver', runId: 'r2', channel: 'webhook' }));

    const text = (await metrics.exposition()).body;
    expect((await runs.get('r1'))?.status).toBe('failed');
    expect(text).toContain('openstack_reports_runs_total{type="cost",outcome="failed",failure_class="worker_crashed"} 1');
    expect(text).toContain('openstack_reports_delivery_failures_total{channel="webhook"} 1');
  });
});
