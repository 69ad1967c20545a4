import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunStore } from '../../src/adapters/aws/dynamo-run-store';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import type { ReportRun, RunStatus } from '../../src/domain/report-run';
import { createRunsTable, startLocalDynamo, type LocalDynamo } from '../../src/adapters/local/dynamo-server';

function run(i: number, owner: string, status: RunStatus): ReportRun {
  const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id: `run-${String(i).padStart(5, '0')}`,
    owner,
    type: i % 2 ? 'inventory' : 'usage',
    status,
    spec: { type: 'inventory', formats: ['pdf'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
    createdAt,
    updatedAt: createdAt,
    attempts: 0,
    artifacts: [],
    stages: [],
  };
}

const statuses: RunStatus[] = ['queued', 'running', 'succeeded', 'failed'];
const total = 3000;

describe('DynamoRunStore on dynalite', () => {
  let db: LocalDynamo;
  let store: DynamoRunStore;
  const all: ReportRun[] = [];

  beforeAll(async () => {
    db = await startLocalDynamo();
    await createRunsTable(db.client, 'runs');
    store = new DynamoRunStore(db.client, 'runs');
    for (let i = 0; i < total; i++) all.push(run(i, i % 3 === 0 ? 'alice' : 'bob', statuses[i % 4]!));
    // Bulk load through the table's own keys, as the store writes them.
    const doc = DynamoDBDocumentClient.from(db.client, { marshallOptions: { removeUndefinedValues: true } });
    for (let i = 0; i < all.length; i += 25) {
      const items = all.slice(i, i + 25).map((r) => ({
        PutRequest: { Item: { ...r, createdKey: `${r.createdAt}#${r.id}`, ownerStatus: `${r.owner}#${r.status}`, listAll: 'run' } },
      }));
      await doc.send(new BatchWriteCommand({ RequestItems: { runs: items } }));
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  it("counts an owner's queued and running runs with COUNT queries, stopping at the limit", async () => {
    const active = all.filter((r) => r.owner === 'alice' && (r.status === 'queued' || r.status === 'running')).length;
    expect(active).toBe(500);
    expect(await store.countActive('alice', 20)).toBe(20);
    expect(await store.countActive('alice', 260)).toBe(260);
    expect(await store.countActive('alice', 10_000)).toBe(500);
    expect(await store.countActive('nobody', 20)).toBe(0);
  });

  it("pages through one owner's runs newest first, each exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ owner: 'alice', limit: 100, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = all
      .filter((r) => r.owner === 'alice')
      .map((r) => r.id)
      .reverse();
    expect(seen).toEqual(expected);
  });

  it('filters by status and type and by creation time', async () => {
    const page = await store.list({ owner: 'bob', status: 'failed', type: 'usage', limit: 20 });
    const expected = all
      .filter((r) => r.owner === 'bob' && r.status === 'failed' && r.type === 'usage')
      .reverse()
      .slice(0, 20);
    expect(page.items.map((r) => r.id)).toEqual(expected.map((r) => r.id));

    const from = all[100]!.createdAt;
    const to = all[110]!.createdAt;
    const ranged = await store.list({ owner: 'alice', createdFrom: from, createdTo: to, limit: 50 });
    expect(ranged.items.map((r) => r.id)).toEqual(
      all
        .slice(100, 111)
        .filter((r) => r.owner === 'alice')
        .map((r) => r.id)
        .reverse(),
    );
  });

  it('lists every owner for admins, with a status filter', async () => {
    const page = await store.list({ status: 'running', limit: 30 });
    expect(page.items.map((r) => r.id)).toEqual(
      all
        .filter((r) => r.status === 'running')
        .reverse()
        .slice(0, 30)
        .map((r) => r.id),
    );
    const next = await store.list({ status: 'running', limit: 30, cursor: page.nextCursor });
    expect(next.items[0]!.id).toBe(all.filter((r) => r.status === 'running').reverse()[30]!.id);
  });

  it('updates conditionally and keeps the status index in step', async () => {
    const created = run(99_999, 'carol', 'queued');
    await store.create(created);
    await expect(store.create(created)).rejects.toBeInstanceOf(ConflictError);
    await store.update(created.id, { status: 'running' }, { status: 'queued' });
    await expect(store.update(created.id, { status: 'running' }, { status: 'queued' })).rejects.toBeInstanceOf(ConflictError);
    const running = await store.list({ owner: 'carol', status: 'running', limit: 5 });
    const queued = await store.list({ owner: 'carol', status: 'queued', limit: 5 });
    expect(running.items.map((r) => r.id)).toEqual([created.id]);
    expect(queued.items).toEqual([]);
    await expect(store.update('missing', { status: 'failed' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a forged cursor as a validation error', async () => {
    await expect(store.list({ owner: 'alice', limit: 5, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
  });
});
