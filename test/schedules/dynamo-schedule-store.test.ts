import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../src/domain/errors';
import { byOwnerIndex, DynamoScheduleStore } from '../../src/adapters/aws/dynamo-schedule-store';
import { aSchedule } from './fakes';

describe('DynamoScheduleStore on dynalite', () => {
  const server = dynalite({ createTableMs: 0 });
  let store: DynamoScheduleStore;
  let raw: DynamoDBClient;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    raw = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await raw.send(
      new CreateTableCommand({
        TableName: 'schedules',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'owner', AttributeType: 'S' },
          { AttributeName: 'createdKey', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: byOwnerIndex,
            KeySchema: [
              { AttributeName: 'owner', KeyType: 'HASH' },
              { AttributeName: 'createdKey', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    store = new DynamoScheduleStore({ client, tableName: 'schedules' });
  });

  afterAll(async () => {
    raw?.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('creates once, reads back what it wrote, refuses a duplicate id', async () => {
    const s = aSchedule({ id: 'a1', name: 'Daily', delivery: { email: ['x@example.com'] } });

    await store.create(s);

    expect(await store.get('a1')).toEqual(s);
    await expect(store.create(s)).rejects.toBeInstanceOf(ConflictError);
  });

  it('replaces conditionally on version, removes cleared fields and keeps lastRuns', async () => {
    await store.create(aSchedule({ id: 'a2', name: 'Old', version: 1 }));
    await store.recordRun('a2', { runId: 'r1', scheduledTime: '2025-01-02T08:00:00Z', status: 'succeeded' });

    await store.replace(aSchedule({ id: 'a2', expression: 'rate(1 hour)', version: 2 }), 1);

    const after = await store.get('a2');
    expect(after).toMatchObject({ expression: 'rate(1 hour)', version: 2, lastRuns: [{ runId: 'r1' }] });
    expect(after?.name).toBeUndefined();
    await expect(store.replace(aSchedule({ id: 'a2', version: 3 }), 1)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.replace(aSchedule({ id: 'missing', version: 2 }), 1)).rejects.toBeInstanceOf(ConflictError);
  });

  it('records runs newest first, one entry per run, at most ten', async () => {
    await store.create(aSchedule({ id: 'a3' }));
    for (let i = 1; i <= 12; i++) {
      await store.recordRun('a3', { runId: `r${i}`, scheduledTime: `2025-01-${String(i).padStart(2, '0')}T08:00:00Z`, status: 'running' });
    }
    await store.recordRun('a3', { runId: 'r12', scheduledTime: '2025-01-12T08:00:00Z', status: 'succeeded' });

    const runs = (await store.get('a3'))?.lastRuns ?? [];
    expect(runs.map((r) => r.runId)).toEqual(['r12', 'r11', 'r10', 'r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3']);
    expect(runs[0].status).toBe('succeeded');
  });

  it('lists an owner’s schedules newest first through the byOwner index, page by page', async () => {
    for (const [id, createdAt] of [
      ['b1', '2025-03-01T00:00:00.000Z'],
      ['b2', '2025-03-03T00:00:00.000Z'],
      ['b3', '2025-03-02T00:00:00.000Z'],
    ]) {
      await store.create(aSchedule({ id, owner: 'bob', createdAt }));
    }

    const first = await store.list({ owner: 'bob', limit: 2 });
    const second = await store.list({ owner: 'bob', limit: 2, cursor: first.nextCursor });

    expect(first.items.map((s) => s.id)).toEqual(['b2', 'b3']);
    expect(second.items.map((s) => s.id)).toEqual(['b1']);
    expect(first.items[0]).not.toHaveProperty('createdKey');
  });

  it('refuses a cursor that is not its own or belongs to another owner', async () => {
    const page = await store.list({ owner: 'bob', limit: 1 });
    await expect(store.list({ owner: 'mallory', limit: 1, cursor: page.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list({ owner: 'bob', limit: 1, cursor: '!!' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('lists every owner without an owner and deletes idempotently', async () => {
    const all = await store.list({ limit: 100 });
    expect(all.items.map((s) => s.id).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);

    await store.delete('a1');
    await store.delete('a1');

    expect(await store.get('a1')).toBeUndefined();
  });
});
