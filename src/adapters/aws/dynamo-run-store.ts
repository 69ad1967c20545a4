import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { ListRunsQuery, Page, RunStore } from '../../domain/ports';
import type { ReportRun, RunStatus } from '../../domain/report-run';
import { fromStored, toStored } from './dynamo-map-keys';

/** Index and key attribute names; the CDK stack and the local table creation use the same. */
export const runsTableKeys = {
  partitionKey: 'id',
  sortAttribute: 'createdKey',
  byOwner: { index: 'byOwner', key: 'owner' },
  byOwnerStatus: { index: 'byOwnerStatus', key: 'ownerStatus' },
  byCreated: { index: 'byCreated', key: 'listAll' },
  /** Sparse: only queued and running runs carry the key, so counting them reads those alone. */
  byActiveStatus: { index: 'byActiveStatus', key: 'activeStatus' },
  ttlAttribute: 'expiresAt',
} as const;

const indexAttributes = ['createdKey', 'ownerStatus', 'listAll', 'activeStatus', 'expiresAt'] as const;

type Item = ReportRun & { createdKey: string; ownerStatus: string; listAll: 'run'; activeStatus?: RunStatus; expiresAt?: number };

/** The `activeStatus` of a run in `status`: the status while queued or running, else none. */
function activeStatus(status: RunStatus): RunStatus | undefined {
  return status === 'queued' || status === 'running' ? status : undefined;
}

/** A run as the table stores it, with the attributes its indexes are keyed on. */
export function runItem(run: ReportRun, retentionDays?: number): Item {
  const item: Item = {
    ...run,
    createdKey: `${run.createdAt}#${run.id}`,
    ownerStatus: `${run.owner}#${run.status}`,
    listAll: 'run',
  };
  const active = activeStatus(run.status);
  if (active) item.activeStatus = active;
  if (retentionDays) item.expiresAt = Math.floor(Date.parse(run.createdAt) / 1000) + retentionDays * 86_400;
  return toStored(item);
}

function fromItem(item: Record<string, unknown>): ReportRun {
  const run = fromStored({ ...item });
  for (const key of indexAttributes) delete run[key];
  return run as unknown as ReportRun;
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && !Array.isArray(key) && Object.values(key).every((v) => typeof v === 'string')) {
      return key as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor returned by this API' }]);
}

/**
 * Run records in DynamoDB. One item per run; three sparse-free GSIs sorted by `createdAt#id` list an
 * owner's runs, an owner's runs in one status, and (for admins) every run, newest first, in
 * O(page) reads at any table size.
 */
export class DynamoRunStore implements RunStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { retentionDays?: number } = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(run: ReportRun): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: runItem(run, this.options.retentionDays),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`run ${run.id} exists already`);
      throw error;
    }
  }

  async get(id: string): Promise<ReportRun | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async update(id: string, patch: Partial<ReportRun>, expect?: { status?: RunStatus | RunStatus[] }): Promise<ReportRun> {
    const fields: Record<string, unknown> = { ...patch };
    delete fields.id;
    delete fields.owner;
    delete fields.createdAt;
    if (patch.status) {
      // The owner never changes, so reading it first cannot race with the write below.
      const current = await this.get(id);
      if (!current) throw new NotFoundError(`run ${id} not found`);
      fields.ownerStatus = `${current.owner}#${patch.status}`;
      // Undefined removes it: a finished run leaves the active index.
      fields.activeStatus = activeStatus(patch.status);
    }
    const names: Record<string, string> = { '#id': 'id' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    Object.entries(fields).forEach(([key, value], i) => {
      names[`#f${i}`] = key;
      if (value === undefined) removes.push(`#f${i}`);
      else {
        values[`:v${i}`] = toStored(value);
        sets.push(`#f${i} = :v${i}`);
      }
    });
    let condition = 'attribute_exists(#id)';
    const expected = expect?.status === undefined ? [] : [expect.status].flat();
    if (expected.length > 0) {
      names['#status'] = 'status';
      expected.forEach((s, i) => (values[`:e${i}`] = s));
      condition += ` AND #status IN (${expected.map((_, i) => `:e${i}`).join(', ')})`;
    }
    const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: expression || 'SET #id = #id',
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const current = await this.get(id);
        if (!current) throw new NotFoundError(`run ${id} not found`);
        throw new ConflictError(`run ${id} is ${current.status}, expected ${expected.join(' or ')}`);
      }
      throw error;
    }
  }

  async list(query: ListRunsQuery): Promise<Page<ReportRun>> {
    const k = runsTableKeys;
    const [index, pkName, pkValue] = query.owner
      ? query.status
        ? [k.byOwnerStatus.index, k.byOwnerStatus.key, `${query.owner}#${query.status}`]
        : [k.byOwner.index, k.byOwner.key, query.owner]
      : [k.byCreated.index, k.byCreated.key, 'run'];
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, unknown> = { ':pk': pkValue };
    let keyCondition = '#pk = :pk';
    if (query.createdFrom || query.createdTo) {
      names['#sk'] = k.sortAttribute;
      values[':from'] = query.createdFrom ?? '0';
      // '~' sorts after every character of an ISO timestamp and '#', so the bound includes `to` itself.
      values[':to'] = `${query.createdTo ?? '9999'}~`;
      keyCondition += ' AND #sk BETWEEN :from AND :to';
    }
    const filters: string[] = [];
    if (query.type) {
      names['#type'] = 'type';
      values[':type'] = query.type;
      filters.push('#type = :type');
    }
    if (query.scheduleId) {
      names['#schedule'] = 'scheduleId';
      values[':schedule'] = query.scheduleId;
      filters.push('#schedule = :schedule');
    }
    if (query.status && !query.owner) {
      names['#status'] = 'status';
      values[':status'] = query.status;
      filters.push('#status = :status');
    }
    const items: ReportRun[] = [];
    let startKey = query.cursor ? decodeCursor(query.cursor) : undefined;
    let lastKey: Record<string, unknown> | undefined;
    let more = true;
    while (items.length < query.limit && more) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
        // Filters apply after the limit, so read a little more than is missing.
        Limit: filters.length ? Math.max(50, (query.limit - items.length) * 2) : query.limit - items.length,
      };
      const out = await this.doc.send(new QueryCommand(input));
      for (const raw of out.Items ?? []) {
        if (items.length >= query.limit) break;
        items.push(fromItem(raw));
        lastKey = { id: raw.id, [pkName]: raw[pkName], [k.sortAttribute]: raw[k.sortAttribute] };
      }
      startKey = out.LastEvaluatedKey;
      more = startKey !== undefined;
      if (items.length >= query.limit) break;
    }
    // A cursor is the last returned item's key, so a page that stopped mid-query resumes exactly after it.
    return { items, nextCursor: items.length >= query.limit && lastKey ? encodeCursor(lastKey) : undefined };
  }

  /** COUNT queries on the owner+status index (`owner#queued`, then `owner#running`), stopping at `limit`. */
  async countActive(owner: string, limit: number): Promise<number> {
    const k = runsTableKeys.byOwnerStatus;
    let count = 0;
    for (const status of ['queued', 'running'] as const) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: k.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': k.key },
            ExpressionAttributeValues: { ':pk': `${owner}#${status}` },
            Select: 'COUNT',
            Limit: limit - count,
            ExclusiveStartKey: startKey,
          }),
        );
        count += out.Count ?? 0;
        startKey = out.LastEvaluatedKey;
      } while (startKey && count < limit);
      if (count >= limit) break;
    }
    return count;
  }

  async delete(id: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { id } }));
  }
}
