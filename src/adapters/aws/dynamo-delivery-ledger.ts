import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryState } from '../../domain/report-run';
import type { DeliveryLedger } from '../../domain/delivery/ports';

export interface DynamoDeliveryLedgerOptions {
  /** A document client created with `marshallOptions: { removeUndefinedValues: true }`. */
  client: DynamoDBDocumentClient;
  /** The runs table: partition key `id`, the run's `deliveries` stored as a map attribute. */
  tableName: string;
}

/**
 * `DeliveryLedger` on the DynamoDB runs table: one conditional `UpdateItem` on the nested
 * `deliveries.<channel>` attribute, so channels of one run never overwrite each other and two
 * attempts on one channel cannot both claim it. Assumes run items keep `deliveries` (a map) and
 * `updatedAt` as top-level attributes named like `ReportRun`'s fields.
 */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(private readonly options: DynamoDeliveryLedgerOptions) {}

  async compareAndSet(runId: string, channel: string, expected: DeliveryState | undefined, next: DeliveryState): Promise<boolean> {
    const { client, tableName } = this.options;
    try {
      // A nested SET needs the parent map; runs written without `deliveries` get an empty one first.
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { id: runId },
          UpdateExpression: 'SET deliveries = if_not_exists(deliveries, :empty)',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':empty': {} },
        }),
      );
      const names: Record<string, string> = { '#d': 'deliveries', '#c': channel, '#u': 'updatedAt' };
      const values: Record<string, unknown> = { ':next': next, ':u': next.at ?? new Date().toISOString() };
      let condition = 'attribute_not_exists(#d.#c)';
      if (expected) {
        Object.assign(names, { '#s': 'status', '#a': 'attempts', '#at': 'at', '#e': 'error' });
        Object.assign(values, { ':s': expected.status, ':a': expected.attempts });
        const parts = ['#d.#c.#s = :s', '#d.#c.#a = :a'];
        if (expected.at === undefined) parts.push('attribute_not_exists(#d.#c.#at)');
        else {
          values[':at'] = expected.at;
          parts.push('#d.#c.#at = :at');
        }
        if (expected.error === undefined) parts.push('attribute_not_exists(#d.#c.#e)');
        else {
          values[':e'] = expected.error;
          parts.push('#d.#c.#e = :e');
        }
        condition = parts.join(' AND ');
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { id: runId },
          UpdateExpression: 'SET #d.#c = :next, #u = :u',
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
