import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BudgetAlertClaim, BudgetAlertKey, BudgetAlertLedger } from '../../domain/schedules/deliver-when';
import { runsTableKeys } from './dynamo-run-store';

/** Sent alerts are forgotten after this long (a report period is at most 366 days). */
const keepDays = 400;

/** The item id of an alert: `budget#<schedule>#<period start>#<group keys>#<threshold>`, each part encoded. */
export function budgetAlertItemId(key: BudgetAlertKey): string {
  const parts = [key.scheduleId, key.periodStart, JSON.stringify(key.keys), String(key.threshold)];
  return `budget#${parts.map(encodeURIComponent).join('#')}`;
}

/**
 * Budget alerts as items of the runs table (partition key `id` = `budget#…`), beside the
 * idempotency keys: no run index attribute, so no run listing sees them, and the table's TTL
 * attribute, so DynamoDB removes them once no period can reach them. A claim is one conditional put.
 */
export class DynamoBudgetAlertLedger implements BudgetAlertLedger {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async claim(key: BudgetAlertKey, runId: string, at: Date): Promise<BudgetAlertClaim> {
    const { client, tableName } = this.options;
    const id = budgetAlertItemId(key);
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            id,
            scheduleId: key.scheduleId,
            periodStart: key.periodStart,
            groupKeys: key.keys,
            threshold: key.threshold,
            runId,
            at: at.toISOString(),
            [runsTableKeys.ttlAttribute]: Math.floor(at.getTime() / 1000) + keepDays * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': 'id' },
        }),
      );
      return { outcome: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const out = await client.send(new GetCommand({ TableName: tableName, Key: { id }, ConsistentRead: true }));
    const owner = String(out.Item?.runId ?? '');
    return owner === runId ? { outcome: 'mine' } : { outcome: 'taken', runId: owner, at: String(out.Item?.at ?? '') };
  }
}
