import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { EmfMetrics } from '../../adapters/aws/emf-metrics';
import { PowertoolsLoggerAdapter } from '../../adapters/aws/powertools-logger';
import { tracedArtifactStore, tracedJobQueue } from '../../adapters/telemetry/traced-ports';
import type { Ports } from '../../domain/deps';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';
import type { ArtifactStore, InventorySource, JobQueue } from '../../domain/ports';
import { awsConfigSchema, parseConfig, type AwsConfig } from '../config';
import { dynamoStores } from '../dynamo-stores';
import { lazyPort } from '../lazy-port';
import { configuredTracer } from '../telemetry';

/**
 * Webhooks from AWS: https only, and never to loopback, private, link-local or reserved addresses,
 * which a report owner could otherwise reach through the deployment (VPC peers, metadata services).
 */
export const awsWebhookPolicy: WebhookPolicy = { httpsOnly: true, refusePrivateAddresses: true };

let logger: PowertoolsLoggerAdapter | undefined;

/**
 * The function's one logger, made on first use (when the environment is final). Each Lambda entry hands
 * it the invocation's context, so every line, whichever `with` child logs it, carries the request id and
 * cold-start flag.
 */
export function lambdaLogger(): PowertoolsLoggerAdapter {
  return (logger ??= new PowertoolsLoggerAdapter());
}

/** What every function on AWS shares: the configuration, the stores, the queue, the logger. */
export type AwsCommon = Pick<
  Ports,
  | 'runs'
  | 'artifacts'
  | 'idempotency'
  | 'schedules'
  | 'ledger'
  | 'queue'
  | 'clock'
  | 'logger'
  | 'newId'
  | 'inventory'
  | 'metrics'
  | 'tracer'
  | 'statistics'
  | 'budgetAlerts'
> & {
  config: AwsConfig;
};

/**
 * Parses the configuration and builds the shared adapters, once per cold start. DynamoDB, which
 * nearly every call needs, is built now; S3, SQS and the OpenStack client (with Secrets Manager and
 * the YAML parser) are imported on first use: each `import()` is a chunk of its own in the package
 * (infra/bundling/lambda-bundle.ts), so a function that never touches them neither loads nor parses
 * them at cold start. The OpenStack credentials are read once, then kept; a failed read is not kept.
 */
export function awsCommon(env: Record<string, string | undefined>): AwsCommon {
  const config = parseConfig(awsConfigSchema, env);
  const logger = lambdaLogger();
  // Written at the end of each invocation by the handlers (EMF in the function's log).
  const metrics = new EmfMetrics();
  const { tracer } = configuredTracer(config, config.POWERTOOLS_SERVICE_NAME ?? 'openstack-reports');
  let inventory: Promise<InventorySource> | undefined;
  return {
    config,
    metrics,
    tracer,
    ...dynamoStores({ dynamo: new DynamoDBClient({}), tables: { runs: config.RUNS_TABLE, schedules: config.SCHEDULES_TABLE } }),
    artifacts: tracedArtifactStore(
      lazyPort<ArtifactStore>({ put: true, get: true, presignGet: true, delete: true, ping: true }, async () =>
        (await import('./s3-artifact-store')).s3ArtifactStore(config.ARTIFACTS_BUCKET),
      ),
      tracer,
      config.ARTIFACTS_BUCKET,
    ),
    queue: tracedJobQueue(
      lazyPort<JobQueue>({ send: true, ping: true }, async () => (await import('./sqs-job-queue')).sqsJobQueue(config.JOBS_QUEUE_URL)),
      tracer,
      'jobs',
    ),
    clock: { now: () => new Date() },
    logger,
    newId: randomUUID,
    inventory: () => {
      if (!config.OPENSTACK_SECRET_ID) {
        return Promise.reject(new Error('OPENSTACK_SECRET_ID is not set: the stack names the Secrets Manager secret with the clouds.yaml entry'));
      }
      const secretId = config.OPENSTACK_SECRET_ID;
      inventory ??= import('./openstack-from-secret').then((m) => m.openStackFromSecret(secretId, logger, { metrics, tracer }));
      inventory.catch(() => (inventory = undefined));
      return inventory;
    },
  };
}
