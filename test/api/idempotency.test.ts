import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoIdempotencyStore } from '../../src/adapters/aws/dynamo-idempotency-store';
import { DynamoRunStore } from '../../src/adapters/aws/dynamo-run-store';
import { InMemoryIdempotencyStore } from '../../src/adapters/memory/memory-idempotency-store';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { createIdempotently } from '../../src/handlers/api/create-idempotently';
import { parseIdempotencyKey, requestHash } from '../../src/handlers/api/idempotency-key';
import type { IdempotencyRecord, IdempotencyStore } from '../../src/domain/idempotency';
import { createRunsTable, startLocalDynamo, type LocalDynamo } from '../../src/adapters/local/dynamo-server';

const t0 = new Date('2026-03-01T12:00:00Z');

function record(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    owner: 'alice',
    key: 'k-1',
    requestHash: 'h1',
    resourceId: 'r1',
    createdAt: t0.toISOString(),
    expiresAt: new Date(t0.getTime() + 86_400_000).toISOString(),
    ...overrides,
  };
}

describe('parseIdempotencyKey', () => {
  it.each([
    ['abc-123', 'abc-123'],
    ['"quoted-key"', 'quoted-key'],
    ['  padded ', 'padded'],
  ])('accepts %j as %j', (header, key) => {
    expect(parseIdempotencyKey(header)).toEqual({ ok: true, key });
  });

  it('treats a missing header as no key', () => {
    expect(parseIdempotencyKey(undefined)).toEqual({ ok: true });
  });

  it.each(['', '""', 'has space', 'x'.repeat(256), 'caf\u00e9'])('refuses %j', (header) => {
    expect(parseIdempotencyKey(header).ok).toBe(false);
  });
});

describe('requestHash', () => {
  it('ignores the order of keys but not values', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
});

describe.each([
  ['in memory', async () => ({ store: new InMemoryIdempotencyStore() as IdempotencyStore, close: async () => undefined })],
  [
    'on DynamoDB (dynalite, the runs table)',
    async () => {
      const dynamo = await startLocalDynamo();
      await createRunsTable(dynamo.client, 'runs');
      return { store: new DynamoIdempotencyStore(dynamo.client, 'runs') as IdempotencyStore, close: dynamo.close, dynamo };
    },
  ],
] as const)('IdempotencyStore %s', (_name, make) => {
  let store: IdempotencyStore;
  let close: () => Promise<void>;
  let dynamo: LocalDynamo | undefined;

  beforeAll(async () => {
    const made = await make();
    store = made.store;
    close = made.close;
    dynamo = 'dynamo' in made ? made.dynamo : undefined;
  });
  afterAll(() => close());

  it('claims a free key once; later claims get the first record', async () => {
    const first = await store.claim(record({ key: 'once' }), t0);
    const second = await store.claim(record({ key: 'once', requestHash: 'h2', resourceId: 'r2' }), t0);
    expect(first).toEqual({ claimed: true });
    expect(second).toEqual({ claimed: false, existing: record({ key: 'once' }) });
  });

  it('keeps keys apart per owner, even when the strings could run together', async () => {
    expect(await store.claim(record({ owner: 'a#b', key: 'c' }), t0)).toEqual({ claimed: true });
    expect(await store.claim(record({ owner: 'a', key: 'b#c' }), t0)).toEqual({ claimed: true });
    expect(await store.claim(record({ owner: 'bob', key: 'c' }), t0)).toEqual({ claimed: true });
  });

  it('frees a key after 24 hours', async () => {
    await store.claim(record({ key: 'old' }), t0);
    const dayLater = new Date(t0.getTime() + 86_400_000 + 1000);
    expect(
      await store.claim(
        record({ key: 'old', resourceId: 'r9', createdAt: dayLater.toISOString(), expiresAt: new Date(dayLater.getTime() + 86_400_000).toISOString() }),
        dayLater,
      ),
    ).toEqual({ claimed: true });
  });

  it('frees a released key', async () => {
    await store.claim(record({ key: 'released' }), t0);
    await store.release('alice', 'released');
    expect(await store.claim(record({ key: 'released', resourceId: 'r3' }), t0)).toEqual({ claimed: true });
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.claim(record({ key: 'race', resourceId: `r${i}` }), t0)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });

  it('never shows its records in run listings', async () => {
    if (!dynamo) return;
    const runs = new DynamoRunStore(dynamo.client, 'runs');
    expect((await runs.list({ limit: 100 })).items).toEqual([]);
    expect((await runs.list({ owner: 'alice', limit: 100 })).items).toEqual([]);
  });
});

describe('createIdempotently', () => {
  function setup(now = t0) {
    const store = new InMemoryIdempotencyStore();
    const created = new Map<string, string>();
    let n = 0;
    const run = (hash: string, create?: (id: string) => Promise<string>) =>
      createIdempotently({
        store,
        logger: silentLogger,
        owner: 'alice',
        key: 'k',
        requestHash: hash,
        now,
        newId: () => `id-${++n}`,
        create: create ?? (async (id) => (created.set(id, hash), id)),
        find: async (id) => (created.has(id) ? id : undefined),
      });
    return { store, created, run };
  }

  it('creates once and replays the same resource for the same body', async () => {
    const { run } = setup();
    expect(await run('h')).toEqual({ kind: 'created', value: 'id-1' });
    expect(await run('h')).toEqual({ kind: 'replayed', value: 'id-1' });
  });

  it('refuses the key with another body', async () => {
    const { run } = setup();
    await run('h');
    expect(await run('other')).toEqual({ kind: 'mismatch' });
  });

  it('frees the key when the create fails, so the retry creates', async () => {
    const { run } = setup();
    await expect(run('h', async () => Promise.reject(new Error('queue down')))).rejects.toThrow('queue down');
    expect(await run('h')).toMatchObject({ kind: 'created' });
  });

  it('says "in flight" while the first request has not created its resource yet', async () => {
    const { run } = setup();
    let finish!: () => void;
    const first = run('h', (id) => new Promise((resolve) => (finish = () => resolve(id))));
    await new Promise((r) => setImmediate(r));
    expect(await run('h')).toEqual({ kind: 'in-flight' });
    finish();
    await first;
  });

  it('claims afresh a key whose resource is gone after the in-flight window', async () => {
    const { store, run } = setup(new Date(t0.getTime() + 120_000));
    await store.claim(record({ owner: 'alice', key: 'k', requestHash: 'h', resourceId: 'vanished' }), t0);
    expect(await run('h')).toMatchObject({ kind: 'created' });
  });
});
