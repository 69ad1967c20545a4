import { serve, type ServerType } from '@hono/node-server';
import { healthProbes } from '../../handlers/api/routes/health';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, type ApiDeps } from '../../handlers/api/app';
import { mintDevToken } from '../../adapters/jwt/dev-token';
import { joseAuthenticator } from '../../adapters/jwt/jose-authenticator';
import type { InventorySource, Logger, PdfRenderer } from '../../domain/ports';
import type { PriceList } from '../../domain/price-list';
import type { Branding } from '../../report-engine';
import { buildLocalDeps } from './local-wiring';
import { processDeadLetters } from '../../handlers/worker/process-dead-letters';
import { processSqsEvent } from '../../handlers/worker/process-jobs';
import { createJobHooks } from '../../handlers/worker/job-hooks';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HttpWebhookSender } from '../../adapters/http/http-webhook-sender';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';
import { SesMailer } from '../../adapters/aws/ses-mailer';
import { SwiftObjectUploader } from '../../adapters/openstack/swift-object-uploader';
import { DynamoDeliveryLedger } from '../../adapters/aws/dynamo-delivery-ledger';
import { DynamoIdempotencyStore } from '../../adapters/aws/dynamo-idempotency-store';
import { DynamoScheduleStore } from '../../adapters/aws/dynamo-schedule-store';
import type { ScheduleDeps } from '../../domain/schedules/deps';
import { loadOrCreateDevSecret } from '../../adapters/local/dev-secret';
import { createRunsTable, createSchedulesTable, localDynamoCredentials, startLocalDynamo } from '../../adapters/local/dynamo-server';
import { InProcessSqsQueue } from '../../adapters/local/in-process-sqs-queue';
import { LocalScheduler } from '../../adapters/local/local-scheduler';
import { localS3Credentials, startLocalS3 } from '../../adapters/local/s3-server';
import { startSesOutbox, type SesOutbox } from '../../adapters/local/ses-outbox';

export interface LocalRuntimeOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  inventory: () => Promise<InventorySource>;
  maxReceiveCount: number;
  visibilityTimeoutMs: number;
  downloadUrlTtlSeconds: number;
  ownerClaim?: string;
  /** Keep run records in memory instead of in `dataDir` (tests). */
  ephemeral?: boolean;
  logger?: Logger;
  pdf?: PdfRenderer;
  defaultPriceList?: PriceList;
  branding?: Branding;
  /** Webhooks only to https URLs (as on AWS); off locally so a receiver on 127.0.0.1 works. */
  httpsWebhooksOnly?: boolean;
}

export interface LocalRuntime {
  url: string;
  deps: ApiDeps;
  queue: InProcessSqsQueue;
  deadLetters: InProcessSqsQueue;
  scheduler: LocalScheduler;
  schedules: ScheduleDeps;
  /** Where e-mails land: `outbox.url` is a web page listing them. */
  outbox: SesOutbox;
  mintToken(sub: string, scopes: string[], expiresInSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole service on 127.0.0.1: the API app on Node, the worker and dead-letter handlers fed by
 * in-process queues with SQS semantics, run records in dynalite and artifacts in s3rver. The same
 * handlers as on AWS; only the adapters differ.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const dynamo = await startLocalDynamo({ path: options.ephemeral ? undefined : join(options.dataDir, 'dynamo') });
    closers.push(dynamo.close);
    await createRunsTable(dynamo.client, 'runs');
    await createSchedulesTable(dynamo.client, 'schedules');
    const documents = DynamoDBDocumentClient.from(dynamo.client, { marshallOptions: { removeUndefinedValues: true } });
    const outbox = await startSesOutbox();
    closers.push(outbox.close);
    const s3 = await startLocalS3({ directory: join(options.dataDir, 's3') });
    closers.push(s3.close);

    const deadLetters = new InProcessSqsQueue({
      name: 'jobs-dlq',
      visibilityTimeoutMs: 30_000,
      persistPath: options.ephemeral ? undefined : join(options.dataDir, 'queue', 'jobs-dlq.json'),
    });
    const queue = new InProcessSqsQueue({
      name: 'jobs',
      visibilityTimeoutMs: options.visibilityTimeoutMs,
      maxReceiveCount: options.maxReceiveCount,
      deadLetterQueue: deadLetters,
      persistPath: options.ephemeral ? undefined : join(options.dataDir, 'queue', 'jobs.json'),
    });

    const deps = buildLocalDeps(
      { MAX_RECEIVE_COUNT: options.maxReceiveCount, DOWNLOAD_URL_TTL_SECONDS: options.downloadUrlTtlSeconds },
      {
        s3: { endpoint: s3.endpoint, bucket: s3.bucket, credentials: localS3Credentials },
        dynamo: { client: dynamo.client, runsTable: 'runs' },
        queue,
        inventory: options.inventory,
        pdf: options.pdf,
        logger: options.logger,
        defaultPriceList: options.defaultPriceList,
        branding: options.branding,
      },
    );
    closers.push(() => deps.pdf.close());

    const secret = await loadOrCreateDevSecret(join(options.dataDir, 'dev-jwt-secret'));
    const scheduleStore = new DynamoScheduleStore({ client: documents, tableName: 'schedules' });
    const scheduler = new LocalScheduler({ store: scheduleStore, queue, clock: deps.clock, logger: deps.logger });
    const schedules: ScheduleDeps = { schedules: scheduleStore, scheduler, queue, clock: deps.clock, newId: deps.newId, logger: deps.logger };
    const webhookPolicy: WebhookPolicy = { httpsOnly: options.httpsWebhooksOnly ?? false, refusePrivateAddresses: false };
    const apiDeps: ApiDeps = {
      ...deps,
      authenticate: joseAuthenticator({ secret, ownerClaim: options.ownerClaim ?? 'sub' }),
      health: healthProbes(deps),
      schedules,
      idempotency: new DynamoIdempotencyStore(dynamo.client, 'runs'),
      webhookPolicy,
    };
    const ledger = new DynamoDeliveryLedger({ client: documents, tableName: 'runs' });
    const hooks = createJobHooks(deps, {
      ledger,
      mailer: new SesMailer({
        client: new SESv2Client({ endpoint: outbox.endpoint, region: 'us-east-1', credentials: localDynamoCredentials }),
        from: 'openstack-reports <reports@localhost>',
      }),
      webhooks: new HttpWebhookSender(webhookPolicy),
      // Same cloud, same credentials as the reports: the client behind the inventory source.
      uploader: SwiftObjectUploader.forInventory(deps.inventory),
      settings: { linkTtlSeconds: options.downloadUrlTtlSeconds },
      schedules: scheduleStore,
    });
    await scheduler.start();
    closers.push(() => scheduler.stop());
    queue.start((event) => processSqsEvent(deps, hooks, event));
    deadLetters.start((event) => processDeadLetters(deps, ledger, event));
    closers.push(async () => {
      await queue.stop();
      await deadLetters.stop();
    });

    const app = createApp(apiDeps);
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(s));
    });
    // Node answers some malformed requests itself, before the app: make those problem+json too.
    server.on('clientError', (_error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({ type: 'urn:openstack-reports:problem:bad-request', title: 'Bad Request', status: 400, detail: 'The request could not be parsed.' });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    );
    const port = (server.address() as AddressInfo).port;

    return {
      url: `http://127.0.0.1:${port}`,
      deps: apiDeps,
      queue,
      deadLetters,
      scheduler,
      schedules,
      outbox,
      mintToken: (sub, scopes, expiresInSeconds) => mintDevToken(secret, { sub, scopes, expiresInSeconds }),
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.reverse()) await close().catch(() => undefined);
}
