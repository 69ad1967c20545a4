import { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PowertoolsLoggerAdapter, silentLogger } from '../../adapters/aws/powertools-logger';
import { lockDataDir } from '../../adapters/local/data-dir-lock';
import { loadOrCreateDevSecret } from '../../adapters/local/dev-secret';
import { createRunsTable, createSchedulesTable, startLocalDynamo } from '../../adapters/local/dynamo-server';
import { InProcessSqsQueue } from '../../adapters/local/in-process-sqs-queue';
import { LocalScheduler, type LocalSchedulerOptions } from '../../adapters/local/local-scheduler';
import { localS3Credentials, startLocalS3 } from '../../adapters/local/s3-server';
import { startSmtpOutbox, type SmtpOutbox } from '../../adapters/local/smtp-outbox';
import type { SmtpMailer } from '../../adapters/smtp/smtp-mailer';
import { PrometheusMetrics } from '../../adapters/local/prometheus-metrics';
import { tracedArtifactStore, tracedJobQueue, tracedMailer, tracedPdfRenderer, tracedWebhookSender } from '../../adapters/telemetry/traced-ports';
import { noTracer } from '../../domain/telemetry';
import { devTokenAudience, devTokenIssuer, mintDevToken } from '../../adapters/jwt/dev-token';
import { joseAuthenticator } from '../../adapters/jwt/jose-authenticator';
import type { Ports } from '../../domain/deps';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';
import type { InventorySource, Logger, Metrics, PdfRenderer, Tracer } from '../../domain/ports';
import type { ApiDeps } from '../../handlers/api/deps';
import { healthProbes } from '../../handlers/api/routes/health';
import type { DeadLetterDeps, WorkerDeps } from '../../handlers/worker/deps';
import { defaultRetryBackoff, type RetryBackoff } from '../../domain/retry-backoff';
import { localConfigSchema, parseConfig, type LocalConfig } from '../config';
import { deliveryChannels } from '../delivery-channels';
import { mailProbe, smtpMailer } from '../smtp-mail';
import { parseSmtpUrl, type SmtpUrl } from '../smtp-url';
import { chromiumRenderer, reportPipeline, type ReportSettings } from '../report-pipeline';
import { dynamoS3Stores } from '../stores';

/** Reads the local runtime's configuration from the environment (the only place that does). */
export function loadLocalConfig(env: Record<string, string | undefined> = process.env): LocalConfig {
  return parseConfig(localConfigSchema, env);
}

/** E-mail settings from the configuration: SMTP_URL (with SMTP_USERNAME/SMTP_PASSWORD), MAIL_FROM, MAIL_REPLY_TO. */
export function localMailOptions(config: LocalConfig): NonNullable<LocalRuntimeOptions['mail']> {
  const parsed = config.SMTP_URL ? parseSmtpUrl(config.SMTP_URL, { allowCredentials: true }) : undefined;
  // The schema refused every problem already.
  const smtp = parsed && !('problem' in parsed) ? parsed : undefined;
  return {
    ...(smtp
      ? { smtp: config.SMTP_USERNAME && config.SMTP_PASSWORD ? { ...smtp, username: config.SMTP_USERNAME, password: config.SMTP_PASSWORD } : smtp }
      : {}),
    ...(config.MAIL_FROM ? { from: config.MAIL_FROM } : {}),
    ...(config.MAIL_REPLY_TO ? { replyTo: config.MAIL_REPLY_TO } : {}),
  };
}

/** Mints a development token signed with the key in `dataDir` (created on first use). */
export async function mintLocalToken(dataDir: string, claims: { sub: string; scopes: string[]; expiresInSeconds?: number }): Promise<string> {
  return mintDevToken(await loadOrCreateDevSecret(join(dataDir, 'dev-jwt-secret')), claims);
}

export interface LocalRuntimeOptions extends ReportSettings {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  inventory: () => Promise<InventorySource>;
  maxReceiveCount: number;
  visibilityTimeoutMs: number;
  downloadUrlTtlSeconds: number;
  ownerClaim?: string;
  /** Keep run records and queues in memory instead of in `dataDir` (tests). */
  ephemeral?: boolean;
  logger?: Logger;
  pdf?: PdfRenderer;
  /** Webhooks only to https URLs (as on AWS); off locally so a receiver on 127.0.0.1 works. */
  httpsWebhooksOnly?: boolean;
  /** The wait before a failed job is retried (default 10 s × 3^(attempt−1), at most 5 minutes, never above the visibility timeout). */
  retryBackoff?: Partial<RetryBackoff>;
  /** Runs one owner may have queued or running; more requests answer 429 (default: no limit; `serve` sets MAX_QUEUED_RUNS_PER_OWNER). */
  maxActiveRunsPerOwner?: number;
  /** E-mail: through `smtp` when given, else into the local outbox; sender and reply-to. */
  mail?: { smtp?: SmtpUrl; from?: string; replyTo?: string; ca?: string | Buffer };
  /** The outbox's SMTP and web page ports on 127.0.0.1 (default 0 and 0: any free ports). */
  outboxPorts?: { smtp: number; web: number };
  /** Largest PDF attached to an e-mail (default 7 MiB); larger ones are linked. */
  attachmentMaxBytes?: number;
  /** Metrics (`GET /metrics`; default: a registry of its own) and tracer (default: none); `localTelemetry` makes both from the configuration. */
  telemetry?: { metrics?: Metrics; tracer?: Tracer };
  /** The built web console served at `/` (default: `dist/console/` of this package). */
  consoleDir?: string;
}

/** The local stand-ins for what AWS provides as services, started, with the adapters over them. */
export type LocalAdapters = Pick<
  Ports,
  'runs' | 'artifacts' | 'idempotency' | 'schedules' | 'ledger' | 'clock' | 'logger' | 'newId' | 'inventory' | 'tracer' | 'statistics' | 'budgetAlerts'
> & {
  /** The in-process queue the worker consumes (and delays retries on); `queue` sends to it. */
  jobQueue: InProcessSqsQueue;
  /** `jobQueue` as the functions and the scheduler send to it: each message carries the trace context. */
  queue: Ports['queue'];
  /** Prometheus's (`GET /metrics`), unless the options bring others. */
  metrics: Metrics;
  deadLetters: InProcessSqsQueue;
  scheduler: LocalScheduler;
  outbox: SmtpOutbox;
  /** The worker's mailer: the SMTP server configured, or the outbox. */
  smtp: SmtpMailer;
  pdf: PdfRenderer;
  devSecret: Uint8Array;
  /** The local S3 server's origin, where presigned artifact URLs point. */
  artifactOrigin: string;
  /** Stops everything started, in reverse order. */
  close(): Promise<void>;
};

/**
 * Starts dynalite (DynamoDB), s3rver (S3), the SMTP outbox, in-process queues with SQS semantics and
 * the local scheduler, and builds the adapters over them: the only place the local runtime makes
 * adapters.
 */
export async function startLocalAdapters(options: LocalRuntimeOptions): Promise<LocalAdapters> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const persisted = (...path: string[]) => (options.ephemeral ? undefined : join(options.dataDir, ...path));
    const lock = await lockDataDir(options.dataDir, `http://127.0.0.1:${options.port}`);
    closers.push(() => lock.release());
    const dynamo = await startLocalDynamo({ path: persisted('dynamo') });
    closers.push(dynamo.close);
    await createRunsTable(dynamo.client, 'runs');
    await createSchedulesTable(dynamo.client, 'schedules');
    // Kept in the data folder (tests too: their folder is temporary), so mail survives a restart.
    const outbox = await startSmtpOutbox({
      dir: join(options.dataDir, 'outbox'),
      port: options.outboxPorts?.smtp ?? 0,
      webPort: options.outboxPorts?.web ?? 0,
    });
    closers.push(outbox.close);
    const s3Server = await startLocalS3({ directory: join(options.dataDir, 's3') });
    closers.push(s3Server.close);
    const s3 = new S3Client({
      endpoint: s3Server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: localS3Credentials,
      // s3rver would store aws-chunked framing inside streamed uploads otherwise.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const stores = dynamoS3Stores({ dynamo: dynamo.client, s3, tables: { runs: 'runs', schedules: 'schedules' }, bucket: s3Server.bucket });
    const pdf = options.pdf ?? chromiumRenderer();
    closers.push(() => pdf.close());
    const deadLetters = new InProcessSqsQueue({ name: 'jobs-dlq', visibilityTimeoutMs: 30_000, persistPath: persisted('queue', 'jobs-dlq.json') });
    const queue = new InProcessSqsQueue({
      name: 'jobs',
      visibilityTimeoutMs: options.visibilityTimeoutMs,
      maxReceiveCount: options.maxReceiveCount,
      deadLetterQueue: deadLetters,
      persistPath: persisted('queue', 'jobs.json'),
    });
    // Stopped before the renderer closes: a job in flight finishes first.
    closers.push(async () => {
      await queue.stop();
      await deadLetters.stop();
    });
    const metrics = options.telemetry?.metrics ?? new PrometheusMetrics();
    const tracer = options.telemetry?.tracer ?? noTracer;
    const common = {
      ...stores,
      queue: tracedJobQueue(queue, tracer, 'jobs'),
      artifacts: tracedArtifactStore(stores.artifacts, tracer, s3Server.bucket),
      metrics,
      tracer,
      clock: { now: () => new Date() },
      logger: options.logger ?? new PowertoolsLoggerAdapter({ serviceName: 'openstack-reports' }),
      newId: randomUUID,
      inventory: options.inventory,
    };
    const scheduler = new LocalScheduler(localSchedulerDeps(common));
    closers.push(() => scheduler.stop());
    const devSecret = await loadOrCreateDevSecret(join(options.dataDir, 'dev-jwt-secret'));
    const mail = options.mail ?? {};
    const smtp = smtpMailer({
      url: mail.smtp ?? { host: outbox.host, port: outbox.port, security: 'none' },
      trustedLoopback: !mail.smtp,
      from: mail.from ?? 'openstack-reports <reports@localhost>',
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      ...(mail.ca ? { ca: mail.ca } : {}),
      logger: common.logger,
    });
    closers.push(async () => smtp.close());
    return { ...common, jobQueue: queue, deadLetters, scheduler, outbox, smtp, pdf, devSecret, artifactOrigin: s3Server.endpoint, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The local scheduler's dependencies: it fires schedules into the jobs queue, as EventBridge does on AWS. */
export function localSchedulerDeps(adapters: Pick<Ports, 'schedules' | 'queue' | 'clock' | 'logger'>): LocalSchedulerOptions {
  return { store: adapters.schedules, queue: adapters.queue, clock: adapters.clock, logger: adapters.logger };
}

/** Locally webhooks may reach receivers on 127.0.0.1; https only when asked. */
function localWebhookPolicy(options: LocalRuntimeOptions): WebhookPolicy {
  return { httpsOnly: options.httpsWebhooksOnly ?? false, refusePrivateAddresses: false };
}

/**
 * The API's dependencies locally: tokens are verified in-process against the development key.
 * `publicBaseUrl`: the runtime's own URL (`http://127.0.0.1:<port>`), known once it listens; every
 * link the API writes starts with it, whatever `Host` a request names.
 */
export function localApiDeps(adapters: LocalAdapters, options: LocalRuntimeOptions, listening: { publicBaseUrl: string }): ApiDeps {
  return {
    ...adapters,
    // Development tokens only: signed with the local key, naming our issuer and audience, with an expiry.
    authenticate: joseAuthenticator({
      secret: adapters.devSecret,
      issuer: devTokenIssuer,
      audience: devTokenAudience,
      ownerClaim: options.ownerClaim ?? 'sub',
    }),
    health: [...healthProbes(adapters), mailProbe(() => adapters.smtp.verify())],
    webhookPolicy: localWebhookPolicy(options),
    settings: {
      downloadUrlTtlSeconds: options.downloadUrlTtlSeconds,
      defaultPriceList: options.defaultPriceList,
      publicBaseUrl: listening.publicBaseUrl,
      brandingConfigured: options.branding !== undefined,
      // Locally mail always has somewhere to go: the SMTP server configured, or the outbox.
      emailConfigured: true,
      maxActiveRunsPerOwner: options.maxActiveRunsPerOwner,
    },
  };
}

/** The worker's dependencies locally: e-mail goes to the SMTP server configured, or lands in the outbox. */
export function localWorkerDeps(adapters: LocalAdapters, options: LocalRuntimeOptions): WorkerDeps {
  const channels = deliveryChannels(adapters.inventory, localWebhookPolicy(options));
  return {
    ...adapters,
    ...reportPipeline(options, tracedPdfRenderer(adapters.pdf, adapters.tracer)),
    ...channels,
    webhooks: tracedWebhookSender(channels.webhooks, adapters.tracer),
    retryDelay: adapters.jobQueue,
    mailer: tracedMailer(adapters.smtp, adapters.tracer, 'smtp'),
    settings: {
      maxReceiveCount: options.maxReceiveCount,
      retryBackoff: localRetryBackoff(options),
      delivery: {
        linkTtlSeconds: options.downloadUrlTtlSeconds,
        ...(options.attachmentMaxBytes !== undefined ? { attachmentMaxBytes: options.attachmentMaxBytes } : {}),
      },
    },
  };
}

/** The backoff, capped at the queue's visibility timeout: a retry never waits longer than a lost message would. */
function localRetryBackoff(options: LocalRuntimeOptions): Partial<RetryBackoff> {
  const maxSeconds = Math.min(options.retryBackoff?.maxSeconds ?? defaultRetryBackoff.maxSeconds, options.visibilityTimeoutMs / 1000);
  return { ...options.retryBackoff, maxSeconds };
}

/** The dead-letter handler's dependencies locally. */
export function localDeadLetterDeps(adapters: LocalAdapters, options: LocalRuntimeOptions): DeadLetterDeps {
  return { ...adapters, settings: { maxReceiveCount: options.maxReceiveCount } };
}

export { silentLogger };
