import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import dynalite from 'dynalite';
import { runsTableKeys } from '../aws/dynamo-run-store';
import { byOwnerIndex } from '../aws/dynamo-schedule-store';

/** dynalite accepts any credentials; these name the local server, they open nothing. */
export const localDynamoCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

/** A DynamoDB implementation (dynalite) on 127.0.0.1; in memory, or in a LevelDB folder when `path` is given. */
export async function startLocalDynamo(options: { path?: string } = {}): Promise<LocalDynamo> {
  if (options.path) await mkdir(options.path, { recursive: true });
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localDynamoCredentials });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates the runs table exactly as the CDK stack defines it (keys and GSIs). */
export async function createRunsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const k = runsTableKeys;
  await createTable(
    client,
    tableName,
    [k.byOwner, k.byOwnerStatus, k.byCreated, k.byActiveStatus].map((g) => ({ index: g.index, key: g.key })),
  );
}

/** Creates the schedules table as the CDK stack defines it. */
export async function createSchedulesTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await createTable(client, tableName, [{ index: byOwnerIndex, key: 'owner' }]);
}

async function createTable(client: DynamoDBClient, tableName: string, indexes: { index: string; key: string }[]): Promise<void> {
  const k = runsTableKeys;
  const gsi = (name: string, key: string) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: key, KeyType: 'HASH' as const },
      { AttributeName: k.sortAttribute, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [k.partitionKey, k.sortAttribute, ...indexes.map((i) => i.key)].map((name) => ({
          AttributeName: name,
          AttributeType: 'S' as const,
        })),
        KeySchema: [{ AttributeName: k.partitionKey, KeyType: 'HASH' }],
        GlobalSecondaryIndexes: indexes.map((i) => gsi(i.index, i.key)),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
