import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Counters, RunStatistics } from '../../domain/run-statistics';
import { runsTableKeys } from './dynamo-run-store';

/** Key prefix of the statistics items in the runs table; run ids never contain `#`. */
export const statisticsKeyPrefix = 'stats#';

/** Days a day's counters are kept (DynamoDB TTL on the runs table's `expiresAt`). */
export const statisticsRetentionDays = 400;

const ownerKey = (owner: string, day: string) => `${statisticsKeyPrefix}o#${owner}#${day}`;
const allKey = (day: string) => `${statisticsKeyPrefix}all#${day}`;

/** Owners whose active runs are counted at once. */
const countConcurrency = 16;

/**
 * Run statistics as items of the runs table: one per owner and UTC day (`stats#o#<owner>#<day>`)
 * and one per day for every owner (`stats#all#<day>`, which also holds the set of owners seen that
 * day), each counter an attribute that `UpdateItem ADD` increments atomically. They carry none of
 * the runs' index keys, so no run listing sees them; TTL removes them after
 * `statisticsRetentionDays`. A window of 30 days is one `BatchGetItem`, at any number of runs.
 * Runs queued and running now are `COUNT` queries on the owner+status index (one owner) or on the
 * sparse active index (every owner), which read those runs alone.
 */
export class DynamoRunStatistics implements RunStatistics {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async add(owner: string, day: string, counters: Counters): Promise<void> {
    const entries = Object.entries(counters).filter(([, n]) => n !== 0);
    if (entries.length === 0) return;
    const names: Record<string, string> = { '#ttl': runsTableKeys.ttlAttribute };
    const values: Record<string, unknown> = { ':ttl': Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + statisticsRetentionDays * 86_400 };
    const adds = entries.map(([name, n], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    const update = (key: string, extraAdds: string[] = [], extraValues: Record<string, unknown> = {}, extraNames: Record<string, string> = {}) =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: key },
          UpdateExpression: `SET #ttl = if_not_exists(#ttl, :ttl) ADD ${[...adds, ...extraAdds].join(', ')}`,
          ExpressionAttributeNames: { ...names, ...extraNames },
          ExpressionAttributeValues: { ...values, ...extraValues },
        }),
      );
    await Promise.all([update(ownerKey(owner, day)), update(allKey(day), ['#owners :owner'], { ':owner': new Set([owner]) }, { '#owners': 'owners' })]);
  }

  async read(owner: string | undefined, days: string[]): Promise<{ days: Record<string, Counters>; owners: string[] }> {
    const keyOf = (day: string) => (owner === undefined ? allKey(day) : ownerKey(owner, day));
    const dayOf = new Map(days.map((d) => [keyOf(d), d]));
    const out: Record<string, Counters> = {};
    const owners = new Set<string>(owner === undefined ? [] : [owner]);
    let pending: Record<string, unknown>[] = [...dayOf.keys()].map((id) => ({ id }));
    // BatchGetItem takes 100 keys; what it leaves unprocessed (throttling) is asked for again.
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** round)));
      if (round > 8) throw new Error('DynamoDB left statistics unread after repeated tries');
      const batch = pending.slice(0, 100);
      const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: batch, ConsistentRead: true } } }));
      for (const item of result.Responses?.[this.tableName] ?? []) {
        const day = dayOf.get(String(item.id));
        if (!day) continue;
        const counters: Counters = {};
        for (const [name, value] of Object.entries(item)) {
          if (typeof value === 'number' && name.includes(':')) counters[name] = value;
          else if (name === 'owners' && value instanceof Set) for (const o of value) owners.add(String(o));
        }
        out[day] = counters;
      }
      pending = [...pending.slice(100), ...(result.UnprocessedKeys?.[this.tableName]?.Keys ?? [])];
    }
    return { days: out, owners: [...owners].sort() };
  }

  async activeRuns(owner: string | undefined): Promise<{ queued: number; running: number }> {
    if (owner !== undefined) return this.activeRunsOf([owner]);
    const k = runsTableKeys.byActiveStatus;
    try {
      const [queued, running] = await Promise.all([this.count(k.index, k.key, 'queued'), this.count(k.index, k.key, 'running')]);
      return { queued, running };
    } catch (error) {
      // A local data folder made before the active index existed has a table without it (dynalite
      // cannot add an index to a table): count per owner seen in the last 30 days instead.
      if (!(error instanceof Error && error.name === 'ValidationException' && /index/i.test(error.message))) throw error;
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10));
      return this.activeRunsOf((await this.read(undefined, days)).owners);
    }
  }

  private async activeRunsOf(owners: string[]): Promise<{ queued: number; running: number }> {
    const k = runsTableKeys.byOwnerStatus;
    const total = { queued: 0, running: 0 };
    for (let i = 0; i < owners.length; i += countConcurrency) {
      const batch = owners.slice(i, i + countConcurrency);
      const counts = await Promise.all(
        batch.map(async (owner) => [await this.count(k.index, k.key, `${owner}#queued`), await this.count(k.index, k.key, `${owner}#running`)] as const),
      );
      for (const [queued, running] of counts) {
        total.queued += queued;
        total.running += running;
      }
    }
    return total;
  }

  /** Items of an index under one partition key, counted page by page. */
  private async count(index: string, key: string, value: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': key },
          ExpressionAttributeValues: { ':pk': value },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += out.Count ?? 0;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return count;
  }
}
