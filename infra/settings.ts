import { loadPriceList } from '../src/report-engine/load-price-list';
import { parseBranding } from '../src/wiring/report-settings';
import { describeSmtpServer, mailboxProblem, parseSmtpUrl } from '../src/wiring/smtp-url';
import { scopes as apiScopeNames } from '../src/domain/caller';
import type { Node } from 'constructs';

/** Prefix of every context key this app reads (`cdk.json` → `context`, or `-c key=value`). */
export const contextPrefix = 'openstack-reports:';

/** Log levels both Powertools and Lambda's advanced logging controls understand. */
export const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevelName = (typeof logLevels)[number];

/** CloudWatch Logs accepts only these retention periods (days). */
const allowedRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Deployment settings, read once from CDK context and validated. Constructs receive these, never the context. */
export interface Settings {
  /** Days before S3 expires a report artifact. */
  readonly artifactRetentionDays: number;
  /** Name of the Secrets Manager secret holding the clouds.yaml entry (created outside the stack). */
  readonly openStackSecretName: string;
  /** Verified SES identity (address) reports are sent from; empty: no fixed sender, grant on every identity. */
  readonly sesFromAddress: string;
  /** Reply-To address for report e-mails; empty: none. */
  readonly sesReplyTo: string;
  /** Largest report attached to an e-mail; larger ones are sent as a link. */
  readonly emailAttachmentMaxBytes: number;
  /**
   * SMTP server to e-mail through instead of SES: `smtp://host:port` (STARTTLS required) or
   * `smtps://host:port`, no credentials; empty: SES.
   */
  readonly smtpUrl: string;
  /** Secrets Manager secret (created outside the stack) holding `{"username": …, "password": …}` for `smtpUrl`; empty: no AUTH. */
  readonly smtpSecretName: string;
  /** Sender address of e-mail through `smtpUrl` (required with it). */
  readonly mailFrom: string;
  /** Reply-To address of e-mail through `smtpUrl`; empty: none. */
  readonly mailReplyTo: string;
  /** External OIDC issuer (https URL); empty: the stack creates a Cognito user pool. */
  readonly jwtIssuer: string;
  /** Audiences (`aud` or `client_id`) the JWT authorizer accepts; required with `jwtIssuer`. */
  readonly jwtAudience: readonly string[];
  /** JWT claim naming the owner of runs and schedules. */
  readonly authOwnerClaim: string;
  /** Origins allowed by CORS; empty: no CORS configuration. */
  readonly corsAllowOrigins: readonly string[];
  /** Steady-state requests per second of the API stage. */
  readonly throttleRateLimit: number;
  /** Burst of requests the API stage accepts above the rate. */
  readonly throttleBurstLimit: number;
  /** Base URL links in e-mails and responses point at; empty: the API's execute-api endpoint. */
  readonly publicBaseUrl: string;
  /** Lifetime of presigned download links, in seconds. */
  readonly downloadUrlTtlSeconds: number;
  readonly workerMemoryMb: number;
  readonly workerTimeoutSeconds: number;
  /** Jobs each worker invocation receives; 1 keeps one slow report from timing out its neighbours. */
  readonly workerBatchSize: number;
  /** Upper bound of concurrent worker invocations the queue may drive (protects the OpenStack APIs). */
  readonly workerMaxConcurrency: number;
  /** Receives per job before SQS moves it to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Runs one owner may have queued or running before the API answers 429 (0: no limit). */
  readonly maxQueuedRunsPerOwner: number;
  readonly logLevel: LogLevelName;
  /** Retention of every CloudWatch log group and of the S3 access logs. */
  readonly logRetentionDays: number;
  /** SNS topic ARN alarms notify; empty: the stack creates an encrypted topic. */
  readonly alarmTopicArn: string;
  /** Address subscribed to the alarm topic by e-mail (it must confirm the subscription); empty: none. */
  readonly alarmEmail: string;
  /**
   * Lambda layer version ARN of an OpenTelemetry collector (the ADOT collector layer) receiving OTLP on
   * localhost:4318 and exporting to X-Ray; `{arch}` in it becomes `amd64` or `arm64` per function. Empty:
   * no layer, and the functions export no spans (X-Ray still records each invocation).
   */
  readonly otelCollectorLayerArn: string;
  /** Cognito hosted domain prefix (only with the created user pool); empty: derived from stack name and account. */
  readonly cognitoDomainPrefix: string;
  /**
   * Client id the web console signs in with at the external `jwtIssuer` (a public client: authorization
   * code with PKCE, no secret); empty: no console with an external issuer. With Cognito the stack creates it.
   */
  readonly consoleClientId: string;
  /** The external issuer's authorization endpoint (its discovery document's `authorization_endpoint`); required with `consoleClientId`. */
  readonly consoleAuthorizationEndpoint: string;
  /** The external issuer's token endpoint (its discovery document's `token_endpoint`); required with `consoleClientId`. */
  readonly consoleTokenEndpoint: string;
  /** API scopes the console asks for (besides `openid`); with Cognito, also all its client may be granted. */
  readonly consoleScopes: readonly string[];
  /** Host name the console is served at (a CNAME to the distribution, made outside the stack); empty: the `*.cloudfront.net` name. */
  readonly consoleDomainName: string;
  /** ACM certificate (in us-east-1, as CloudFront requires) for `consoleDomainName`; required with it. */
  readonly consoleCertificateArn: string;
  /** Default price list of cost reports as JSON text; empty: cost requests must carry one. */
  readonly priceList: string;
  /** Brand theme (name, colours, title, small logo data URL) as JSON text; empty: none. */
  readonly branding: string;
}

/** Every setting's default; `cdk.json` repeats most of them so they are visible. */
export const defaultSettings: Settings = {
  artifactRetentionDays: 30,
  openStackSecretName: 'openstack-reports/clouds',
  sesFromAddress: '',
  sesReplyTo: '',
  emailAttachmentMaxBytes: 7 * 1024 * 1024,
  smtpUrl: '',
  smtpSecretName: '',
  mailFrom: '',
  mailReplyTo: '',
  jwtIssuer: '',
  jwtAudience: [],
  authOwnerClaim: 'sub',
  corsAllowOrigins: [],
  throttleRateLimit: 20,
  throttleBurstLimit: 40,
  publicBaseUrl: '',
  priceList: '',
  branding: '',
  downloadUrlTtlSeconds: 900,
  workerMemoryMb: 3008,
  workerTimeoutSeconds: 600,
  workerBatchSize: 1,
  workerMaxConcurrency: 5,
  maxReceiveCount: 3,
  maxQueuedRunsPerOwner: 20,
  logLevel: 'INFO',
  logRetentionDays: 30,
  alarmTopicArn: '',
  alarmEmail: '',
  otelCollectorLayerArn: '',
  cognitoDomainPrefix: '',
  consoleClientId: '',
  consoleAuthorizationEndpoint: '',
  consoleTokenEndpoint: '',
  // Not admin: every user who signs in to the console would see every owner's runs.
  consoleScopes: ['reports:read', 'reports:write', 'schedules:read', 'schedules:write'],
  consoleDomainName: '',
  consoleCertificateArn: '',
};

type Reader = (key: string) => unknown;

/** Raised when a context value is missing its shape; the message names the key. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

function text(read: Reader, key: keyof Settings, fallback: string): string {
  const value = read(key);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' && typeof value !== 'number') throw new SettingsError(`${contextPrefix}${key} must be a string`);
  return String(value).trim();
}

function list(read: Reader, key: keyof Settings): string[] {
  // `-c key=a,b` arrives as a string; cdk.json may hold either a string or an array.
  const value = read(key);
  const items = Array.isArray(value) ? value.map(String) : text(read, key, '').split(',');
  return items.map((s) => s.trim()).filter(Boolean);
}

function number(read: Reader, key: keyof Settings, fallback: number, min: number, max: number, integer = true): number {
  const value = read(key);
  // `-c key=5` arrives as the string "5".
  const n = value === undefined || value === null || value === '' ? fallback : Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new SettingsError(`${contextPrefix}${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Reads and validates the `openstack-reports:*` context of a construct tree.
 * Fails synthesis with the offending key's name rather than deploying a broken stack.
 */
export function readSettings(node: Node): Settings {
  const read: Reader = (key) => node.tryGetContext(`${contextPrefix}${key}`);
  const d = defaultSettings;

  const jwtIssuer = text(read, 'jwtIssuer', d.jwtIssuer);
  const jwtAudience = list(read, 'jwtAudience');
  if (jwtIssuer && !/^https:\/\/\S+$/.test(jwtIssuer)) throw new SettingsError(`${contextPrefix}jwtIssuer must be an https URL, got "${jwtIssuer}"`);
  if (jwtIssuer && jwtAudience.length === 0) throw new SettingsError(`${contextPrefix}jwtAudience is required when ${contextPrefix}jwtIssuer is set`);

  const logLevel = text(read, 'logLevel', d.logLevel).toUpperCase();
  if (!(logLevels as readonly string[]).includes(logLevel)) throw new SettingsError(`${contextPrefix}logLevel must be one of ${logLevels.join(', ')}`);

  const logRetentionDays = number(read, 'logRetentionDays', d.logRetentionDays, 1, 3653);
  if (!allowedRetentionDays.includes(logRetentionDays)) {
    throw new SettingsError(`${contextPrefix}logRetentionDays must be one of ${allowedRetentionDays.join(', ')}`);
  }

  const publicBaseUrl = text(read, 'publicBaseUrl', d.publicBaseUrl).replace(/\/+$/, '');
  if (publicBaseUrl && !/^https?:\/\/\S+$/.test(publicBaseUrl)) throw new SettingsError(`${contextPrefix}publicBaseUrl must be a URL`);

  const alarmTopicArn = text(read, 'alarmTopicArn', d.alarmTopicArn);
  if (alarmTopicArn && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(alarmTopicArn)) {
    throw new SettingsError(`${contextPrefix}alarmTopicArn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), got "${alarmTopicArn}"`);
  }
  const alarmEmail = text(read, 'alarmEmail', d.alarmEmail);
  // SNS takes a bare address as the endpoint of an e-mail subscription: no display name, no list.
  if (alarmEmail && !/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/.test(alarmEmail)) {
    throw new SettingsError(`${contextPrefix}alarmEmail must be one bare e-mail address (name@example.com), got "${alarmEmail}"`);
  }

  const otelCollectorLayerArn = text(read, 'otelCollectorLayerArn', d.otelCollectorLayerArn);
  if (otelCollectorLayerArn && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[\w{}-]+:\d+$/.test(otelCollectorLayerArn)) {
    throw new SettingsError(
      `${contextPrefix}otelCollectorLayerArn must be a Lambda layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>), got "${otelCollectorLayerArn}"`,
    );
  }

  const openStackSecretName = text(read, 'openStackSecretName', d.openStackSecretName);
  if (!openStackSecretName) throw new SettingsError(`${contextPrefix}openStackSecretName must not be empty`);

  const mail = smtpSettings(read);
  const consoleSignIn = consoleSettings(read, jwtIssuer);

  // Lambda environments hold 4 KB in all: these travel as JSON text, validated here so synthesis fails, not the worker.
  const priceList = jsonSetting(read, 'priceList', (text) => void loadPriceList(text, `${contextPrefix}priceList`));
  const branding = jsonSetting(read, 'branding', (text) => void parseBranding(text, `${contextPrefix}branding`));

  return {
    priceList,
    branding,
    artifactRetentionDays: number(read, 'artifactRetentionDays', d.artifactRetentionDays, 1, 3650),
    openStackSecretName,
    sesFromAddress: text(read, 'sesFromAddress', d.sesFromAddress),
    sesReplyTo: text(read, 'sesReplyTo', d.sesReplyTo),
    // SES v2 accepts 40 MB messages; base64 inflates attachments by a third.
    emailAttachmentMaxBytes: number(read, 'emailAttachmentMaxBytes', d.emailAttachmentMaxBytes, 1, 30 * 1024 * 1024),
    ...mail,
    jwtIssuer,
    jwtAudience,
    authOwnerClaim: text(read, 'authOwnerClaim', d.authOwnerClaim) || d.authOwnerClaim,
    corsAllowOrigins: list(read, 'corsAllowOrigins'),
    throttleRateLimit: number(read, 'throttleRateLimit', d.throttleRateLimit, 1, 10_000, false),
    throttleBurstLimit: number(read, 'throttleBurstLimit', d.throttleBurstLimit, 1, 5_000),
    publicBaseUrl,
    // SigV4 presigned URLs are valid at most 7 days.
    downloadUrlTtlSeconds: number(read, 'downloadUrlTtlSeconds', d.downloadUrlTtlSeconds, 1, 604_800),
    workerMemoryMb: number(read, 'workerMemoryMb', d.workerMemoryMb, 1024, 10_240),
    // Lambda's ceiling; the queue's visibility timeout is six times this (at most 12 h).
    workerTimeoutSeconds: number(read, 'workerTimeoutSeconds', d.workerTimeoutSeconds, 60, 900),
    workerBatchSize: number(read, 'workerBatchSize', d.workerBatchSize, 1, 10),
    // SQS event sources accept a maximum concurrency from 2 to 1000.
    workerMaxConcurrency: number(read, 'workerMaxConcurrency', d.workerMaxConcurrency, 2, 1000),
    maxReceiveCount: number(read, 'maxReceiveCount', d.maxReceiveCount, 1, 1000),
    maxQueuedRunsPerOwner: number(read, 'maxQueuedRunsPerOwner', d.maxQueuedRunsPerOwner, 0, 100_000),
    logLevel: logLevel as LogLevelName,
    logRetentionDays,
    alarmTopicArn,
    alarmEmail,
    otelCollectorLayerArn,
    cognitoDomainPrefix: text(read, 'cognitoDomainPrefix', d.cognitoDomainPrefix),
    ...consoleSignIn,
  };
}

/** The web console's sign-in: with Cognito nothing to give; with an external issuer its public client and endpoints. */
function consoleSettings(
  read: Reader,
  jwtIssuer: string,
): Pick<
  Settings,
  'consoleClientId' | 'consoleAuthorizationEndpoint' | 'consoleTokenEndpoint' | 'consoleScopes' | 'consoleDomainName' | 'consoleCertificateArn'
> {
  const d = defaultSettings;
  const consoleClientId = text(read, 'consoleClientId', d.consoleClientId);
  const consoleAuthorizationEndpoint = text(read, 'consoleAuthorizationEndpoint', d.consoleAuthorizationEndpoint);
  const consoleTokenEndpoint = text(read, 'consoleTokenEndpoint', d.consoleTokenEndpoint);
  const given = list(read, 'consoleScopes');
  const consoleScopes = given.length > 0 ? given : [...d.consoleScopes];
  const unknown = consoleScopes.find((scope) => !(apiScopeNames as readonly string[]).includes(scope));
  if (unknown) throw new SettingsError(`${contextPrefix}consoleScopes: "${unknown}" is not one of ${apiScopeNames.join(', ')}`);

  if (!jwtIssuer) {
    const stray = (['consoleClientId', 'consoleAuthorizationEndpoint', 'consoleTokenEndpoint'] as const).find(
      (k) => ({ consoleClientId, consoleAuthorizationEndpoint, consoleTokenEndpoint })[k],
    );
    if (stray)
      throw new SettingsError(
        `${contextPrefix}${stray} is only for an external ${contextPrefix}jwtIssuer; with Cognito the stack creates the console's client`,
      );
  } else if (consoleClientId || consoleAuthorizationEndpoint || consoleTokenEndpoint) {
    if (!consoleClientId)
      throw new SettingsError(`${contextPrefix}consoleClientId is required with the console's endpoints: the public client the console signs in with`);
    for (const [key, value] of [
      ['consoleAuthorizationEndpoint', consoleAuthorizationEndpoint],
      ['consoleTokenEndpoint', consoleTokenEndpoint],
    ] as const) {
      if (!value)
        throw new SettingsError(
          `${contextPrefix}${key} is required with ${contextPrefix}consoleClientId (see ${jwtIssuer.replace(/\/+$/, '')}/.well-known/openid-configuration)`,
        );
      if (!/^https:\/\/[^\s/]+(\/\S*)?$/.test(value)) throw new SettingsError(`${contextPrefix}${key} must be an https URL, got "${value}"`);
    }
  }

  const consoleDomainName = text(read, 'consoleDomainName', d.consoleDomainName).toLowerCase();
  const consoleCertificateArn = text(read, 'consoleCertificateArn', d.consoleCertificateArn);
  if (consoleDomainName && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(consoleDomainName)) {
    throw new SettingsError(`${contextPrefix}consoleDomainName must be a host name such as reports.example.com, got "${consoleDomainName}"`);
  }
  if (consoleDomainName && !consoleCertificateArn)
    throw new SettingsError(`${contextPrefix}consoleCertificateArn is required with ${contextPrefix}consoleDomainName`);
  if (consoleCertificateArn && !consoleDomainName)
    throw new SettingsError(`${contextPrefix}consoleCertificateArn is set without ${contextPrefix}consoleDomainName`);
  // CloudFront takes certificates from us-east-1 only.
  if (consoleCertificateArn && !/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(consoleCertificateArn)) {
    throw new SettingsError(`${contextPrefix}consoleCertificateArn must be an ACM certificate ARN in us-east-1, got "${consoleCertificateArn}"`);
  }
  return { consoleClientId, consoleAuthorizationEndpoint, consoleTokenEndpoint, consoleScopes, consoleDomainName, consoleCertificateArn };
}

/** `smtpUrl` and what goes with it, checked as the worker's configuration will check them (src/wiring/smtp-url.ts). */
function smtpSettings(read: Reader): Pick<Settings, 'smtpUrl' | 'smtpSecretName' | 'mailFrom' | 'mailReplyTo'> {
  const d = defaultSettings;
  const smtpUrl = text(read, 'smtpUrl', d.smtpUrl);
  const smtpSecretName = text(read, 'smtpSecretName', d.smtpSecretName);
  const mailFrom = text(read, 'mailFrom', d.mailFrom);
  const mailReplyTo = text(read, 'mailReplyTo', d.mailReplyTo);
  if (!smtpUrl) {
    const stray = (['smtpSecretName', 'mailFrom', 'mailReplyTo'] as const).find((k) => ({ smtpSecretName, mailFrom, mailReplyTo })[k]);
    if (stray) throw new SettingsError(`${contextPrefix}${stray} is set without ${contextPrefix}smtpUrl (SES sends with sesFromAddress and sesReplyTo)`);
    return { smtpUrl, smtpSecretName, mailFrom, mailReplyTo };
  }
  const parsed = parseSmtpUrl(smtpUrl, { allowCredentials: false });
  if ('problem' in parsed) throw new SettingsError(`${contextPrefix}smtpUrl ${parsed.problem}`);
  if (!mailFrom) throw new SettingsError(`${contextPrefix}mailFrom is required with ${contextPrefix}smtpUrl: the sender the SMTP server accepts`);
  for (const [key, value] of [
    ['mailFrom', mailFrom],
    ['mailReplyTo', mailReplyTo],
  ] as const) {
    const problem = value ? mailboxProblem(value) : undefined;
    if (problem) throw new SettingsError(`${contextPrefix}${key} ${problem}`);
  }
  // The URL as the worker reads it, with the default port made explicit.
  return { smtpUrl: describeSmtpServer(parsed), smtpSecretName, mailFrom, mailReplyTo };
}

/** An object (or JSON text) setting as compact JSON text, checked by `validate`; '' when absent. */
function jsonSetting(read: Reader, key: keyof Settings, validate: (text: string) => void): string {
  const value = read(key);
  if (value === undefined || value === null || value === '') return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    validate(text);
  } catch (error) {
    throw new SettingsError(`${contextPrefix}${key} is invalid: ${(error as Error).message}`);
  }
  if (text.length > 3000)
    throw new SettingsError(`${contextPrefix}${key} is ${text.length} characters; Lambda environments hold 4 KB in all, so keep it under 3000`);
  return text;
}
