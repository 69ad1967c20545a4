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
export function dynamoS3Stores(clients: StoreClients): Pick<Ports, 'runs' | 'artifacts' | 'idempotency' | 'schedules' | 'ledger'> {
  return { ...dynamoStores(clients), artifacts: new S3ArtifactStore(clients.s3, clients.bucket) };
}
