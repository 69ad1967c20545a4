import type { S3Client } from '@aws-sdk/client-s3';
import { S3ArtifactStore } from '../adapters/aws/s3-artifact-store';
import type { Ports } from '../domain/deps';
import { dynamoStores, type DynamoStoreClients } from './dynamo-stores';

export interface StoreClients extends DynamoStoreClients {
  s3: S3Client;
  bucket: string;
}

/**
 * The adapters over DynamoDB and S3: the same on AWS and locally, where dynalite and s3rver speak
 * the same protocols.
 */
export function dynamoS3Stores(
  clients: StoreClients,
): Pick<Ports, 'runs' | 'artifacts' | 'idempotency' | 'schedules' | 'ledger' | 'statistics' | 'budgetAlerts'> {
  return { ...dynamoStores(clients), artifacts: s3Artifacts(clients.s3, clients.bucket) };
}

/** The artifact store on S3: the one place it is made (AWS loads it on first use, through `aws/s3-artifact-store.ts`). */
export function s3Artifacts(s3: S3Client, bucket: string): Ports['artifacts'] {
  return new S3ArtifactStore(s3, bucket);
}
