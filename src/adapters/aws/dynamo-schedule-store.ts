import { DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { Page } from '../../domain/ports';
import type { ListSchedulesQuery, ScheduleStore } from '../../domain/schedules/ports';
import { scheduleLimits, type Schedule, type ScheduleRunRef } from '../../domain/schedules/schedule';
import { withRun } from '../../domain/schedules/last-runs';
import { fromStored, toStored } from './dynamo-map-keys';

/** Name of the GSI listing an owner's schedules (partition `owner`, sort `createdKey`). */
export const byOwnerIndex = 'byOwner';

export interface DynamoScheduleStoreOptions {
  /** A document client created with `marshallOptions: { removeUndefinedValues: true }`. */
  client: DynamoDBDocumentClient;
  tableName: string;
}

/** Attributes `replace` may remove when a patch cleared them. */
const optionalAttributes = ['name', 'startDate', 'endDate', 'delivery'] as const;

/**
 * `ScheduleStore` on DynamoDB. Table: partition key `id` (S); GSI `byOwner` on `owner` (S) +
 * `createdKey` (S, `${createdAt}#${id}`, so an owner's schedules sort by creation and never tie).
 */
export class DynamoScheduleStore implements ScheduleStore {
  constructor(private readonly options: DynamoScheduleStoreOptions) {}

  async create(schedule: Schedule): Promise<void> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: toStored({ ...schedule, createdKey: createdKey(schedule) }),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Schedule ${schedule.id} already exists.`);
      throw error;
    }
  }

  async get(id: string): Promise<Schedule | undefined> {
    const out = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { id }, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async replace(schedule: Schedule, expectedVersion: number): Promise<void> {
    // An update, not a put: `lastRuns` is written by recordRun and must survive an edit made from an
    // older read; `createdKey` never changes.
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const sets: string[] = [];
    const removes: string[] = [];
    for (const [key, value] of Object.entries(schedule)) {
      if (key === 'id' || key === 'lastRuns' || value === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = toStored(value);
      sets.push(`#${key} = :${key}`);
    }
    for (const key of optionalAttributes) {
      if (schedule[key] === undefined) {
        names[`#${key}`] = key;
        removes.push(`#${key}`);
      }
    }
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { id: schedule.id },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(id) AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Schedule ${schedule.id} was changed or deleted by another request.`);
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: { id } }));
  }

  async list(query: ListSchedulesQuery): Promise<Page<Schedule>> {
    const startKey = query.cursor ? decodeCursor(query.cursor) : undefined;
    // A cursor is a DynamoDB key: never let one crafted for another owner's partition through.
    if (startKey && query.owner !== undefined && startKey.owner !== query.owner) throw invalidCursor();
    const out =
      query.owner === undefined
        ? await this.options.client.send(new ScanCommand({ TableName: this.options.tableName, Limit: query.limit, ExclusiveStartKey: startKey }))
        : await this.options.client.send(
            new QueryCommand({
              TableName: this.options.tableName,
              IndexName: byOwnerIndex,
              KeyConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':owner': query.owner },
              ScanIndexForward: false,
              Limit: query.limit,
              ExclusiveStartKey: startKey,
            }),
          );
    return {
      items: (out.Items ?? []).map(fromItem),
      ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}),
    };
  }

  async recordRun(id: string, run: ScheduleRunRef): Promise<void> {
    // Read-modify-write without a version check: two fires of one schedule finishing in the same
    // instant may lose one history entry, which only the schedule view shows.
    const current = await this.get(id);
    if (!current) return;
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { id },
          UpdateExpression: 'SET lastRuns = :runs',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':runs': withRun(current.lastRuns, run, scheduleLimits.lastRuns) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function createdKey(s: Schedule): string {
  return `${s.createdAt}#${s.id}`;
}

function fromItem(item: Record<string, unknown>): Schedule {
  const { createdKey: _createdKey, ...schedule } = fromStored(item);
  return schedule as unknown as Schedule;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && !Array.isArray(key)) return key as Record<string, unknown>;
  } catch {
    // fall through to the validation error
  }
  throw invalidCursor();
}

function invalidCursor(): ValidationError {
  return new ValidationError([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
}
