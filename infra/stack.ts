import { Annotations, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { Api, resourceServerIdentifier } from './constructs/api';
import { Console, type ConsoleSignIn } from './constructs/console';
import { Mail } from './constructs/mail';
import { Observability } from './constructs/observability';
import { Queue } from './constructs/queue';
import { Schedules } from './constructs/schedules';
import { Storage } from './constructs/storage';
import { deadLetterHandlerTimeout, Worker } from './constructs/worker';
import type { Settings } from './settings';

/** Properties of {@link OpenStackReportsStack}. */
export interface OpenStackReportsStackProps extends StackProps {
  readonly settings: Settings;
  /** The built web console (`dist/console/`); infra/app.ts checks that it exists. */
  readonly consoleAssetsDir: string;
}

/**
 * The whole service in one stack. It creates the units, hands each the names and ARNs it needs as
 * environment variables (exactly those src/wiring/config.ts reads) and grants each function what
 * it uses, nothing more. Resources and their policies live in the units.
 */
export class OpenStackReportsStack extends Stack {
  readonly storage: Storage;
  readonly queue: Queue;
  readonly schedules: Schedules;
  readonly mail: Mail;
  readonly worker: Worker;
  readonly api: Api;
  readonly observability: Observability;
  /** The web console; absent with an external issuer and no `consoleClientId`. */
  readonly console?: Console;

  constructor(scope: Construct, id: string, props: OpenStackReportsStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const workerTimeout = Duration.seconds(s.workerTimeoutSeconds);
    // RetentionDays members are the day counts themselves; readSettings admits only those.
    const logRetention = s.logRetentionDays as RetentionDays;

    this.storage = new Storage(this, 'Storage', { artifactRetentionDays: s.artifactRetentionDays, accessLogRetentionDays: s.logRetentionDays });
    this.queue = new Queue(this, 'Queue', {
      consumerTimeout: workerTimeout,
      deadLetterConsumerTimeout: deadLetterHandlerTimeout,
      maxReceiveCount: s.maxReceiveCount,
    });
    this.schedules = new Schedules(this, 'Schedules', { jobsQueue: this.queue.jobs });
    this.mail = new Mail(this, 'Mail', { fromAddress: s.sesFromAddress, replyTo: s.sesReplyTo });
    // Created outside the stack (see README) so its value never passes through CloudFormation.
    const openStackSecret = Secret.fromSecretNameV2(this, 'OpenStackSecret', s.openStackSecretName);
    // E-mail through an SMTP server instead of SES, with credentials from a secret created the same way.
    const smtpSecret = s.smtpUrl && s.smtpSecretName ? Secret.fromSecretNameV2(this, 'SmtpSecret', s.smtpSecretName) : undefined;

    const environment: Record<string, string> = {
      RUNS_TABLE: this.storage.runsTable.tableName,
      SCHEDULES_TABLE: this.storage.schedulesTable.tableName,
      ARTIFACTS_BUCKET: this.storage.artifactsBucket.bucketName,
      JOBS_QUEUE_URL: this.queue.jobs.queueUrl,
      JOBS_QUEUE_ARN: this.queue.jobs.queueArn,
      MAX_RECEIVE_COUNT: String(this.queue.maxReceiveCount),
      MAX_QUEUED_RUNS_PER_OWNER: String(s.maxQueuedRunsPerOwner),
      DOWNLOAD_URL_TTL_SECONDS: String(s.downloadUrlTtlSeconds),
      OPENSTACK_SECRET_ID: s.openStackSecretName,
      SCHEDULE_GROUP: this.schedules.groupName,
      SCHEDULER_ROLE_ARN: this.schedules.role.roleArn,
      SCHEDULER_DLQ_ARN: this.schedules.deadLetters.queueArn,
      // Optional in the config schema: absent rather than "" so the code cannot mistake "" for a sender.
      ...(this.mail.fromAddress ? { SES_FROM: this.mail.fromAddress } : {}),
      ...(this.mail.replyTo ? { SES_REPLY_TO: this.mail.replyTo } : {}),
      EMAIL_ATTACHMENT_MAX_BYTES: String(s.emailAttachmentMaxBytes),
      ...(s.smtpUrl ? { SMTP_URL: s.smtpUrl, MAIL_FROM: s.mailFrom } : {}),
      ...(smtpSecret ? { SMTP_SECRET_ID: s.smtpSecretName } : {}),
      ...(s.smtpUrl && s.mailReplyTo ? { MAIL_REPLY_TO: s.mailReplyTo } : {}),
      AUTH_OWNER_CLAIM: s.authOwnerClaim,
      // Cognito issues scopes behind its resource server's identifier; an external issuer's are taken bare.
      ...(s.jwtIssuer ? {} : { AUTH_SCOPE_PREFIX: resourceServerIdentifier }),
      ...(s.priceList ? { PRICE_LIST: s.priceList } : {}),
      ...(s.branding ? { BRANDING: s.branding } : {}),
      POWERTOOLS_LOG_LEVEL: s.logLevel,
    };

    this.worker = new Worker(this, 'Worker', {
      environment,
      jobsQueue: this.queue.jobs,
      deadLetterQueue: this.queue.deadLetters,
      memorySizeMb: s.workerMemoryMb,
      timeout: workerTimeout,
      batchSize: s.workerBatchSize,
      maxConcurrency: s.workerMaxConcurrency,
      logLevel: s.logLevel,
      logRetention,
    });

    this.api = new Api(this, 'Api', {
      environment,
      jwtIssuer: s.jwtIssuer,
      jwtAudience: s.jwtAudience,
      corsAllowOrigins: s.corsAllowOrigins,
      throttleRateLimit: s.throttleRateLimit,
      throttleBurstLimit: s.throttleBurstLimit,
      publicBaseUrl: s.publicBaseUrl,
      cognitoDomainPrefix: s.cognitoDomainPrefix,
      logLevel: s.logLevel,
      logRetention,
    });

    const signIn = consoleSignIn(s, this.api);
    if (signIn) {
      this.console = new Console(this, 'Console', {
        assetsDir: props.consoleAssetsDir,
        httpApi: this.api.httpApi,
        artifactsBucket: this.storage.artifactsBucket,
        accessLogsBucket: this.storage.accessLogsBucket,
        accessLogRetentionDays: s.logRetentionDays,
        logRetention,
        signIn,
        ...(s.consoleDomainName ? { customDomain: { domainName: s.consoleDomainName, certificateArn: s.consoleCertificateArn } } : {}),
      });
      if (this.console.userPoolClient) this.api.trustUserPoolClient(this.console.userPoolClient);
      this.storage.allowPresignedReadsFromBrowsers();
    } else {
      Annotations.of(this).addInfo(
        'No web console: with an external jwtIssuer it needs openstack-reports:consoleClientId, consoleAuthorizationEndpoint and consoleTokenEndpoint.',
      );
    }
    // Links in responses, e-mails and webhook payloads: the console's origin serves the API under /v1 too, and links
    // there are same-origin for the console; without a console, the API's endpoint. publicBaseUrl overrides both.
    const publicBaseUrl = s.publicBaseUrl || this.console?.url || this.api.baseUrl;
    for (const fn of [this.api.handler, this.worker.worker, this.worker.deadLetterHandler]) fn.function.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);

    const api = this.api.handler.function;
    this.storage.grantTablesReadWrite(api);
    this.storage.grantArtifactsRead(api);
    this.storage.grantArtifactsDelete(api);
    this.queue.jobs.grantSendMessages(api);
    this.schedules.grantManageSchedules(api);
    openStackSecret.grantRead(api);
    // The API's health check signs in to the SMTP server too.
    smtpSecret?.grantRead(api);

    const worker = this.worker.worker.function;
    this.storage.grantTablesReadWrite(worker);
    this.storage.grantArtifactsRead(worker);
    this.storage.grantArtifactsWrite(worker);
    this.queue.jobs.grantSendMessages(worker);
    // SES or SMTP, never both: with an SMTP server the worker gets no SES permission.
    if (s.smtpUrl) smtpSecret?.grantRead(worker);
    else this.mail.grantSend(worker);
    openStackSecret.grantRead(worker);

    this.storage.grantRunsReadWrite(this.worker.deadLetterHandler.function);

    this.observability = new Observability(this, 'Observability', {
      api: this.api.httpApi,
      worker,
      deadLetterHandler: this.worker.deadLetterHandler.function,
      jobsQueue: this.queue.jobs,
      jobsDeadLetterQueue: this.queue.deadLetters,
      schedulerDeadLetterQueue: this.schedules.deadLetters,
      jobsVisibilityTimeout: this.queue.visibilityTimeout,
      alarmTopicArn: s.alarmTopicArn,
      alarmEmail: s.alarmEmail,
      functions: [api, worker, this.worker.deadLetterHandler.function],
      otelCollectorLayerArn: s.otelCollectorLayerArn,
      sendsThroughSes: !s.smtpUrl && Boolean(this.mail.fromAddress),
    });

    if (this.console) {
      new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'The web console (sign in with a user of the pool, or of your issuer)' });
      if (s.consoleDomainName) {
        new CfnOutput(this, 'ConsoleDistributionDomainName', {
          value: this.console.distribution.distributionDomainName,
          description: `Point a CNAME (or alias) record for ${s.consoleDomainName} here`,
        });
      }
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.baseUrl, description: 'Base URL of the API; routes start with /v1' });
    new CfnOutput(this, 'ArtifactsBucketName', { value: this.storage.artifactsBucket.bucketName });
    new CfnOutput(this, 'JobsQueueUrl', { value: this.queue.jobs.queueUrl });
    new CfnOutput(this, 'ScheduleGroupName', { value: this.schedules.groupName });
    const cognito = this.api.cognito;
    if (cognito) {
      new CfnOutput(this, 'UserPoolId', { value: cognito.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', {
        value: cognito.client.userPoolClientId,
        description: 'Client-credentials client; its secret: aws cognito-idp describe-user-pool-client',
      });
      new CfnOutput(this, 'TokenUrl', { value: cognito.tokenUrl, description: 'OAuth2 token endpoint (grant_type=client_credentials)' });
      new CfnOutput(this, 'JwtIssuer', { value: cognito.userPool.userPoolProviderUrl });
    }
  }
}

/** How the console signs in, from the settings: the created pool's own client, or the external issuer's when one is named. */
function consoleSignIn(s: Settings, api: Api): ConsoleSignIn | undefined {
  if (api.cognito) return { kind: 'cognito', userPool: api.cognito, scopes: s.consoleScopes };
  if (!s.consoleClientId) return undefined;
  return {
    kind: 'external',
    issuer: s.jwtIssuer,
    clientId: s.consoleClientId,
    authorizationEndpoint: s.consoleAuthorizationEndpoint,
    tokenEndpoint: s.consoleTokenEndpoint,
    scopes: s.consoleScopes,
  };
}
