import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { ChromiumPdfRenderer } from '../adapters/chromium-pdf-renderer';
import { DynamoRunStore } from '../adapters/dynamo-run-store';
import { PowertoolsLoggerAdapter } from '../adapters/powertools-logger';
import { S3ArtifactStore } from '../adapters/s3-artifact-store';
import { SqsJobQueue } from '../adapters/sqs-job-queue';
import type { Deps } from '../core/deps';
import type { InventorySource } from '../core/ports';
import { awsConfigSchema, parseConfig, type AwsConfig } from './config';
import { openStackFromSecret } from './openstack-secret';

/** Where the worker bundle keeps @sparticuz/chromium's binaries (copied there by the CDK bundling hook). */
export const lambdaChromiumBinDir = '/var/task/chromium-bin';

let cached: { config: AwsConfig; deps: Deps } | undefined;

/**
 * The AWS wiring: SDK v3 clients behind the same ports as the local runtime. Built once per cold
 * start; the OpenStack credentials are read from Secrets Manager on first use, then kept.
 */
export function awsDeps(env: Record<string, string | undefined> = process.env): { config: AwsConfig; deps: Deps } {
  if (cached) return cached;
  const config = parseConfig(awsConfigSchema, env);
  const logger = new PowertoolsLoggerAdapter();
  let inventory: Promise<InventorySource> | undefined;
  const deps: Deps = {
    runs: new DynamoRunStore(new DynamoDBClient({}), config.RUNS_TABLE),
    artifacts: new S3ArtifactStore(new S3Client({}), config.ARTIFACTS_BUCKET),
    queue: new SqsJobQueue(new SQSClient({}), config.JOBS_QUEUE_URL),
    inventory: () => {
      if (!config.OPENSTACK_SECRET_ID) {
        return Promise.reject(new Error('OPENSTACK_SECRET_ID is not set: the stack names the Secrets Manager secret with the clouds.yaml entry'));
      }
      inventory ??= openStackFromSecret(config.OPENSTACK_SECRET_ID, logger);
      // A failed read is not kept: the next job tries again.
      inventory.catch(() => (inventory = undefined));
      return inventory;
    },
    pdf: new ChromiumPdfRenderer({ binDir: lambdaChromiumBinDir }),
    clock: { now: () => new Date() },
    logger,
    newId: randomUUID,
    settings: { maxReceiveCount: config.MAX_RECEIVE_COUNT, downloadUrlTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS },
  };
  cached = { config, deps };
  return cached;
}
