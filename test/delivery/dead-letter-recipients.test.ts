import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { RunStoreDeliveryLedger } from '../../src/adapters/memory/run-store-delivery-ledger';
import { processDeadLetters } from '../../src/handlers/worker/process-dead-letters';
import { memoryLogger } from '../schedules/fakes';
import { aFinishedRun, MemoryRunStore } from './fakes';

describe('a dead-lettered e-mail delivery', () => {
  it('fails the channel but keeps the recipients that already have the mail', async () => {
    const runs = new MemoryRunStore();
    const recipients = [{ address: 'ops@example.com', status: 'sent' as const }];
    await runs.create(
      aFinishedRun({
        delivery: { email: ['ops@example.com', 'finance@example.com'] },
        deliveries: { email: { status: 'pending', attempts: 2, at: '2025-11-01T06:04:00.000Z', error: 'finance@example.com: 451 busy', recipients } },
      }),
    );
    const event = {
      Records: [{ messageId: 'm1', body: JSON.stringify({ kind: 'deliver', runId: 'run-1', channel: 'email' }), attributes: {} }],
    } as unknown as SQSEvent;

    const result = await processDeadLetters(
      {
        runs,
        ledger: new RunStoreDeliveryLedger(runs),
        clock: { now: () => new Date('2025-11-01T07:00:00Z') },
        logger: memoryLogger(),
        settings: { maxReceiveCount: 3 },
      },
      event,
    );

    expect(result.batchItemFailures).toEqual([]);
    expect((await runs.get('run-1'))?.deliveries?.email).toMatchObject({ status: 'failed', error: 'finance@example.com: 451 busy', recipients });
  });
});
