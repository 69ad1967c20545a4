import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunStore } from '../../src/adapters/aws/dynamo-run-store';
import type { DeliveryState } from '../../src/domain/report-run';
import { decideClaim } from '../../src/domain/delivery/claim';
import { DynamoDeliveryLedger } from '../../src/adapters/aws/dynamo-delivery-ledger';
import { createRunsTable, startLocalDynamo, type LocalDynamo } from '../../src/adapters/local/dynamo-server';
import { aFinishedRun } from './fakes';

describe('DynamoDeliveryLedger on dynalite, with runs written by DynamoRunStore', () => {
  let dynamo: LocalDynamo;
  let runs: DynamoRunStore;
  let ledger: DynamoDeliveryLedger;

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    await createRunsTable(dynamo.client, 'runs');
    runs = new DynamoRunStore(dynamo.client, 'runs');
    const doc = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
    ledger = new DynamoDeliveryLedger({ client: doc, tableName: 'runs' });
  });
  afterAll(async () => {
    await dynamo?.close();
  });

  const claim: DeliveryState = { status: 'pending', attempts: 1, at: '2025-11-01T06:03:00.000Z' };

  it('claims a channel once: of two writers expecting "no state", one wins', async () => {
    await runs.create(aFinishedRun({ id: 'r1' }));

    const results = await Promise.all([
      ledger.compareAndSet('r1', 'email', undefined, claim),
      ledger.compareAndSet('r1', 'email', undefined, { ...claim, at: '2025-11-01T06:03:00.001Z' }),
    ]);

    expect(results.sort()).toEqual([false, true]);
    expect((await runs.get('r1'))?.deliveries?.email?.status).toBe('pending');
  });

  it('moves a claim to sent only from the exact state it claimed, leaving other channels alone', async () => {
    await runs.create(aFinishedRun({ id: 'r2', deliveries: { webhook: { status: 'sent', attempts: 1, at: '2025-11-01T06:00:00.000Z' } } }));
    expect(await ledger.compareAndSet('r2', 'email', undefined, claim)).toBe(true);

    const stale = await ledger.compareAndSet('r2', 'email', { ...claim, attempts: 2 }, { status: 'sent', attempts: 2, at: '2025-11-01T06:04:00.000Z' });
    const ok = await ledger.compareAndSet('r2', 'email', claim, { status: 'sent', attempts: 1, at: '2025-11-01T06:04:00.000Z' });

    expect([stale, ok]).toEqual([false, true]);
    const run = await runs.get('r2');
    expect(run?.deliveries).toEqual({
      webhook: { status: 'sent', attempts: 1, at: '2025-11-01T06:00:00.000Z' },
      email: { status: 'sent', attempts: 1, at: '2025-11-01T06:04:00.000Z' },
    });
    expect(run?.updatedAt).toBe('2025-11-01T06:04:00.000Z');
  });

  it('compares the error too, so a released claim is re-claimed once', async () => {
    const released: DeliveryState = { status: 'pending', attempts: 1, at: '2025-11-01T06:05:00.000Z', error: 'SES throttled' };
    await runs.create(aFinishedRun({ id: 'r3', deliveries: { email: released } }));
    const decision = decideClaim(released, new Date('2025-11-01T06:06:00Z'), 900_000);
    expect(decision).toEqual({ kind: 'claim', next: { status: 'pending', attempts: 2, at: '2025-11-01T06:06:00.000Z' } });
    const next = decision.kind === 'claim' ? decision.next : claim;

    expect(await ledger.compareAndSet('r3', 'email', released, next)).toBe(true);
    expect(await ledger.compareAndSet('r3', 'email', released, next)).toBe(false);
  });

  it('answers false for a run that does not exist', async () => {
    expect(await ledger.compareAndSet('missing', 'email', undefined, claim)).toBe(false);
  });
});
