import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryLedger } from '../adapters/aws/dynamo-delivery-ledger';
import { DynamoIdempotencyStore } from '../adapters/aws/dynamo-idempotency-store';
import { DynamoRunStore } from '../adapters/aws/dynamo-run-store';
import { DynamoScheduleStore } from '../adapters/aws/dynamo-schedule-store';
import { S3ArtifactStore } from '../adapters/aws/s3-artifact-store';
import type { Ports } from '../domain/deps';

export interface StoreClients {
  dynamo: DynamoDBClient;
  s3: S3Client;
  tables: { runs: string; schedules: string };
  bucket: string;
}

/**
 * The adapters over DynamoDB and S3: the same on AWS and locally, where dynalite and s3rver speak
 * the same protocols. Idempotency keys and delivery claims live in the runs table (`idem#…` items,
 * `deliveries.<channel>` attributes), so every Lambda instance sees them.
 */
export function dynamoS3Stores(clients: StoreClients): Pick<Ports, 'runs' | 'artifacts' | 'idempotency' | 'schedules' | 'ledger'> {
  const documents = DynamoDBDocumentClient.from(clients.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return {
    runs: new DynamoRunStore(clients.dynamo, clients.tables.runs),
    artifacts: new S3ArtifactStore(clients.s3, clients.bucket),
    idempotency: new DynamoIdempotencyStore(clients.dynamo, clients.tables.runs),
    schedules: new DynamoScheduleStore({ client: documents, tableName: clients.tables.schedules }),
    ledger: new DynamoDeliveryLedger({ client: documents, tableName: clients.tables.runs }),
  };
}
