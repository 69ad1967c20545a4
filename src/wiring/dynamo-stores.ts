import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBudgetAlertLedger } from '../adapters/aws/dynamo-budget-alert-ledger';
import { DynamoDeliveryLedger } from '../adapters/aws/dynamo-delivery-ledger';
import { DynamoIdempotencyStore } from '../adapters/aws/dynamo-idempotency-store';
import { DynamoRunStatistics } from '../adapters/aws/dynamo-run-statistics';
import { DynamoRunStore } from '../adapters/aws/dynamo-run-store';
import { DynamoScheduleStore } from '../adapters/aws/dynamo-schedule-store';
import type { Ports } from '../domain/deps';

export interface DynamoStoreClients {
  dynamo: DynamoDBClient;
  tables: { runs: string; schedules: string };
}

/**
 * The adapters over DynamoDB. Idempotency keys, delivery claims, run statistics and budget alerts live in
 * the runs table (`idem#…`, `stats#…` and `budget#…` items, `deliveries.<channel>` attributes), so every Lambda instance sees them. A file
 * of its own, without S3: the AWS wiring loads the S3 client only when artifacts are first touched.
 */
export function dynamoStores(clients: DynamoStoreClients): Pick<Ports, 'runs' | 'idempotency' | 'schedules' | 'ledger' | 'statistics' | 'budgetAlerts'> {
  const documents = DynamoDBDocumentClient.from(clients.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return {
    runs: new DynamoRunStore(clients.dynamo, clients.tables.runs),
    idempotency: new DynamoIdempotencyStore(clients.dynamo, clients.tables.runs),
    schedules: new DynamoScheduleStore({ client: documents, tableName: clients.tables.schedules }),
    ledger: new DynamoDeliveryLedger({ client: documents, tableName: clients.tables.runs }),
    statistics: new DynamoRunStatistics(clients.dynamo, clients.tables.runs),
    budgetAlerts: new DynamoBudgetAlertLedger({ client: documents, tableName: clients.tables.runs }),
  };
}
