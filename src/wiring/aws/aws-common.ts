import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { PowertoolsLoggerAdapter } from '../../adapters/aws/powertools-logger';
import { SecretsManagerCloudConfigLoader } from '../../adapters/aws/secrets-manager-cloud-config-loader';
import { SqsJobQueue } from '../../adapters/aws/sqs-job-queue';
import { createInventorySource } from '../../adapters/openstack';
import type { Ports } from '../../domain/deps';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';
import type { InventorySource, Logger } from '../../domain/ports';
import { awsConfigSchema, parseConfig, type AwsConfig } from '../config';
import { dynamoS3Stores } from '../stores';

/**
 * Webhooks from AWS: https only, and never to loopback, private, link-local or reserved addresses,
 * which a report owner could otherwise reach through the deployment (VPC peers, metadata services).
 */
export const awsWebhookPolicy: WebhookPolicy = { httpsOnly: true, refusePrivateAddresses: true };

/** What every function on AWS shares: the configuration, the stores, the queue, the logger. */
export type AwsCommon = Pick<Ports, 'runs' | 'artifacts' | 'idempotency' | 'schedules' | 'ledger' | 'queue' | 'clock' | 'logger' | 'newId' | 'inventory'> & {
  config: AwsConfig;
};

/**
 * Parses the configuration and builds the shared adapters, once per cold start. The OpenStack
 * credentials are read from Secrets Manager on first use, then kept; a failed read is not kept.
 */
export function awsCommon(env: Record<string, string | undefined>): AwsCommon {
  const config = parseConfig(awsConfigSchema, env);
  const logger = new PowertoolsLoggerAdapter();
  let inventory: Promise<InventorySource> | undefined;
  return {
    config,
    ...dynamoS3Stores({
      dynamo: new DynamoDBClient({}),
      s3: new S3Client({}),
      tables: { runs: config.RUNS_TABLE, schedules: config.SCHEDULES_TABLE },
      bucket: config.ARTIFACTS_BUCKET,
    }),
    queue: new SqsJobQueue(new SQSClient({}), config.JOBS_QUEUE_URL),
    clock: { now: () => new Date() },
    logger,
    newId: randomUUID,
    inventory: () => {
      if (!config.OPENSTACK_SECRET_ID) {
        return Promise.reject(new Error('OPENSTACK_SECRET_ID is not set: the stack names the Secrets Manager secret with the clouds.yaml entry'));
      }
      inventory ??= openStackFromSecret(config.OPENSTACK_SECRET_ID, logger);
      inventory.catch(() => (inventory = undefined));
      return inventory;
    },
  };
}

async function openStackFromSecret(secretId: string, logger: Logger): Promise<InventorySource> {
  const cloud = await new SecretsManagerCloudConfigLoader({ secretId }).load();
  return createInventorySource(cloud, { logger });
}
