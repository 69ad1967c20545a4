import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from '../../domain/idempotency';
import { runsTableKeys } from './dynamo-run-store';

/** The item id of a key: `idem#<owner>#<key>`, both encoded so that neither can contain the separator. */
export function idempotencyItemId(owner: string, key: string): string {
  return `idem#${encodeURIComponent(owner)}#${encodeURIComponent(key)}`;
}

/**
 * Idempotency keys as items of the runs table (partition key `id` = `idem#<owner>#<key>`). The items
 * carry none of the runs' index attributes, so no run listing ever sees them, and the table's TTL
 * attribute, so DynamoDB removes them after a day. TTL deletion lags by up to two days, so expiry is
 * also checked on every claim.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async claim(record: IdempotencyRecord, now: Date): Promise<IdempotencyClaim> {
    const id = idempotencyItemId(record.owner, record.key);
    const ttl = runsTableKeys.ttlAttribute;
    // A key released between our failed put and our read is free again: try once more.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              id,
              keyOwner: record.owner,
              key: record.key,
              requestHash: record.requestHash,
              resourceId: record.resourceId,
              createdAt: record.createdAt,
              expiresAtIso: record.expiresAt,
              [ttl]: Math.ceil(Date.parse(record.expiresAt) / 1000),
            },
            ConditionExpression: 'attribute_not_exists(#id) OR #ttl <= :now',
            ExpressionAttributeNames: { '#id': 'id', '#ttl': ttl },
            ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }));
      if (out.Item) {
        const item = out.Item;
        return {
          claimed: false,
          existing: {
            owner: String(item.keyOwner),
            key: String(item.key),
            requestHash: String(item.requestHash),
            resourceId: String(item.resourceId),
            createdAt: String(item.createdAt),
            expiresAt: String(item.expiresAtIso),
          },
        };
      }
    }
    throw new Error(`idempotency key ${id} kept changing while it was claimed`);
  }

  async release(owner: string, key: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { id: idempotencyItemId(owner, key) } }));
  }
}
