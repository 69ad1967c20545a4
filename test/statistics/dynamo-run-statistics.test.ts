import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunStatistics } from '../../src/adapters/aws/dynamo-run-statistics';
import { DynamoRunStore } from '../../src/adapters/aws/dynamo-run-store';
import { createRunsTable, startLocalDynamo, type LocalDynamo } from '../../src/adapters/local/dynamo-server';
import type { ReportRun, RunStatus } from '../../src/domain/report-run';

function run(id: string, owner: string, status: RunStatus): ReportRun {
  return {
    id,
    owner,
    type: 'inventory',
    status,
    spec: { type: 'inventory', formats: ['pdf'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    attempts: 0,
    artifacts: [],
    stages: [],
  };
}

describe('DynamoRunStatistics on dynalite', () => {
  let db: LocalDynamo;
  let stats: DynamoRunStatistics;
  let runs: DynamoRunStore;

  beforeAll(async () => {
    db = await startLocalDynamo();
    await createRunsTable(db.client, 'runs');
    stats = new DynamoRunStatistics(db.client, 'runs');
    runs = new DynamoRunStore(db.client, 'runs');
  });

  afterAll(async () => {
    await db?.close();
  });

  it('adds counters atomically per owner and day, and to every owner’s day', async () => {
    // Concurrent increments of the same counters: ADD loses none of them.
    await Promise.all(Array.from({ length: 20 }, () => stats.add('alice', '2026-12-01', { 'runs:created': 1, 'type:cost:b3': 2 })));
    await stats.add('bob', '2026-12-01', { 'runs:created': 1 });
    await stats.add('bob', '2026-12-02', { 'runs:failed': 1, 'fail:worker_crashed': 1 });

    const alice = await stats.read('alice', ['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(alice).toEqual({ days: { '2026-12-01': { 'runs:created': 20, 'type:cost:b3': 40 } }, owners: ['alice'] });
    const everyone = await stats.read(undefined, ['2026-12-01', '2026-12-02']);
    expect(everyone.days).toEqual({
      '2026-12-01': { 'runs:created': 21, 'type:cost:b3': 40 },
      '2026-12-02': { 'runs:failed': 1, 'fail:worker_crashed': 1 },
    });
    expect(everyone.owners).toEqual(['alice', 'bob']);
  });

  it('keeps its items out of run listings, and gives them a time to live', async () => {
    const page = await runs.list({ limit: 100 });
    expect(page.items.filter((r) => r.id.startsWith('stats#'))).toEqual([]);
    expect(await runs.list({ owner: 'alice', limit: 100 })).toEqual({ items: [], nextCursor: undefined });
    const doc = DynamoDBDocumentClient.from(db.client);
    const item = await doc.send(new GetCommand({ TableName: 'runs', Key: { id: 'stats#o#alice#2026-12-01' } }));
    // 400 days after the day began.
    expect(item.Item?.expiresAt).toBe(Date.UTC(2026, 11, 1) / 1000 + 400 * 86_400);
  });

  it('reads 30 days in one go, empty days left out', async () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 10, 3 + i)).toISOString().slice(0, 10));
    const read = await stats.read('alice', days);
    expect(Object.keys(read.days)).toEqual(['2026-12-01']);
  });

  it('counts the runs queued and running now, of one owner or of every owner, as runs change state', async () => {
    await runs.create(run('r1', 'carol', 'queued'));
    await runs.create(run('r2', 'carol', 'queued'));
    await runs.create(run('r3', 'carol', 'running'));
    await runs.create(run('r4', 'dave', 'running'));
    await runs.create(run('r5', 'dave', 'succeeded'));
    expect(await stats.activeRuns('carol')).toEqual({ queued: 2, running: 1 });
    expect(await stats.activeRuns('nobody')).toEqual({ queued: 0, running: 0 });
    expect(await stats.activeRuns(undefined)).toEqual({ queued: 2, running: 2 });
    await runs.update('r1', { status: 'running' }, { status: 'queued' });
    await runs.update('r4', { status: 'succeeded' }, { status: 'running' });
    expect(await stats.activeRuns('carol')).toEqual({ queued: 1, running: 2 });
    expect(await stats.activeRuns(undefined)).toEqual({ queued: 1, running: 2 });
    // A finished run leaves the active index, and reads back without its key.
    expect(await runs.get('r4')).not.toHaveProperty('activeStatus');
  });

  it('counts every owner’s active runs per owner on a table made before the active index', async () => {
    const old = await startLocalDynamo();
    try {
      await old.client.send(
        new CreateTableCommand({
          TableName: 'runs',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: ['id', 'createdKey', 'ownerStatus'].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'byOwnerStatus',
              KeySchema: [
                { AttributeName: 'ownerStatus', KeyType: 'HASH' },
                { AttributeName: 'createdKey', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
      const oldStats = new DynamoRunStatistics(old.client, 'runs');
      const oldRuns = new DynamoRunStore(old.client, 'runs');
      await oldRuns.create(run('e1', 'erin', 'queued'));
      await oldRuns.create(run('e2', 'erin', 'running'));
      await oldStats.add('erin', new Date().toISOString().slice(0, 10), { 'runs:created': 2 });
      expect(await oldStats.activeRuns(undefined)).toEqual({ queued: 1, running: 1 });
    } finally {
      await old.close();
    }
  });
});
