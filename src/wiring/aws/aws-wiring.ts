import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { ChromiumPdfRenderer } from '../../adapters/chromium/chromium-pdf-renderer';
import { DynamoRunStore } from '../../adapters/aws/dynamo-run-store';
import { PowertoolsLoggerAdapter } from '../../adapters/aws/powertools-logger';
import { S3ArtifactStore } from '../../adapters/aws/s3-artifact-store';
import { SqsJobQueue } from '../../adapters/aws/sqs-job-queue';
import type { Deps } from '../../domain/deps';
import type { InventorySource } from '../../domain/ports';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeScheduler } from '../../adapters/aws/eventbridge-scheduler';
import { HttpWebhookSender } from '../../adapters/http/http-webhook-sender';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';
import { SesMailer } from '../../adapters/aws/ses-mailer';
import { SwiftObjectUploader } from '../../adapters/openstack/swift-object-uploader';
import { DynamoDeliveryLedger } from '../../adapters/aws/dynamo-delivery-ledger';
import { DynamoScheduleStore } from '../../adapters/aws/dynamo-schedule-store';
import type { ScheduleDeps } from '../../domain/schedules/deps';
import type { DeliveryWiring } from '../../handlers/worker/job-hooks';
import { awsConfigSchema, parseConfig, type AwsConfig } from '../config';
import { openStackFromSecret } from './openstack-secret';
import { reportSettings } from '../report-settings';

/**
 * Webhooks from AWS: https only, and never to loopback, private, link-local or reserved addresses,
 * which a report owner could otherwise reach through the deployment (VPC peers, metadata services).
 */
export const awsWebhookPolicy: WebhookPolicy = { httpsOnly: true, refusePrivateAddresses: true };

/** Where the worker bundle keeps @sparticuz/chromium's binaries (copied there by the CDK bundling hook). */
export const lambdaChromiumBinDir = '/var/task/chromium-bin';

export interface AwsWiring {
  config: AwsConfig;
  deps: Deps;
  schedules: ScheduleDeps;
  delivery: DeliveryWiring;
}

let cached: AwsWiring | undefined;

/**
 * The AWS wiring: SDK v3 clients behind the same ports as the local runtime. Built once per cold
 * start; the OpenStack credentials are read from Secrets Manager on first use, then kept.
 */
export function awsDeps(env: Record<string, string | undefined> = process.env): AwsWiring {
  if (cached) return cached;
  const config = parseConfig(awsConfigSchema, env);
  const logger = new PowertoolsLoggerAdapter();
  let inventory: Promise<InventorySource> | undefined;
  const dynamo = new DynamoDBClient({});
  const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const deps: Deps = {
    runs: new DynamoRunStore(dynamo, config.RUNS_TABLE),
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
    // Two browsers render chunks in parallel on the worker's two vCPUs (3 GB of memory and more).
    pdf: new ChromiumPdfRenderer({ binDir: lambdaChromiumBinDir, browsers: 2 }),
    clock: { now: () => new Date() },
    logger,
    newId: randomUUID,
    settings: {
      maxReceiveCount: config.MAX_RECEIVE_COUNT,
      downloadUrlTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS,
      ...reportSettings({ priceList: config.PRICE_LIST, branding: config.BRANDING }),
    },
  };
  const scheduleStore = new DynamoScheduleStore({ client: documents, tableName: config.SCHEDULES_TABLE });
  const schedules: ScheduleDeps = {
    schedules: scheduleStore,
    scheduler: new EventBridgeScheduler({
      client: new SchedulerClient({}),
      groupName: config.SCHEDULE_GROUP,
      queueArn: config.JOBS_QUEUE_ARN,
      roleArn: config.SCHEDULER_ROLE_ARN,
      dlqArn: config.SCHEDULER_DLQ_ARN,
    }),
    queue: deps.queue,
    clock: deps.clock,
    newId: deps.newId,
    logger,
  };
  const delivery: DeliveryWiring = {
    ledger: new DynamoDeliveryLedger({ client: documents, tableName: config.RUNS_TABLE }),
    mailer: config.SES_FROM
      ? new SesMailer({ client: new SESv2Client({}), from: config.SES_FROM, replyTo: config.SES_REPLY_TO ? [config.SES_REPLY_TO] : undefined })
      : undefined,
    webhooks: new HttpWebhookSender(awsWebhookPolicy),
    // Uploads with the OpenStack secret the reports use, read on first use like the inventory.
    uploader: SwiftObjectUploader.forInventory(deps.inventory),
    settings: { attachmentMaxBytes: config.EMAIL_ATTACHMENT_MAX_BYTES, publicBaseUrl: config.PUBLIC_BASE_URL },
    schedules: scheduleStore,
  };
  cached = { config, deps, schedules, delivery };
  return cached;
}
