import * as z from 'zod';
import { mailboxProblem, parseSmtpUrl } from './smtp-url';

/**
 * Configuration, parsed once at cold start. Nothing outside `src/wiring/` reads `process.env`.
 * A missing or malformed value fails fast with its name.
 */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An SMTP server URL (see smtp-url.ts); the issue never repeats the value, which may hold a password. */
const smtpUrl = (allowCredentials: boolean) =>
  z.string().superRefine((value, ctx) => {
    const parsed = parseSmtpUrl(value, { allowCredentials });
    if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
  });

/** `reports@example.com` or `Reports <reports@example.com>`. */
const mailbox = z.string().superRefine((value, ctx) => {
  const problem = mailboxProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** MAIL_FROM goes with SMTP_URL: a real server needs a sender it accepts. */
function requireSenderWithSmtp(config: { SMTP_URL?: string; MAIL_FROM?: string }, ctx: z.RefinementCtx): void {
  if (config.SMTP_URL && !config.MAIL_FROM) {
    ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required with SMTP_URL: the sender address the SMTP server accepts mail from' });
  }
}

/** Settings the API and worker share on AWS. The CDK stack sets every one of them. */
const awsConfigFields = z.object({
  RUNS_TABLE: z.string().min(1),
  SCHEDULES_TABLE: z.string().min(1),
  ARTIFACTS_BUCKET: z.string().min(1),
  JOBS_QUEUE_URL: z.string().url(),
  JOBS_QUEUE_ARN: z.string().min(1),
  /** Receives per message before SQS dead-letters it; the worker marks the run failed on the last. */
  MAX_RECEIVE_COUNT: positiveInt(3),
  /** Runs one owner may have queued or running; more POST /v1/reports (and schedule run-now) answer 429 (0: no limit). */
  MAX_QUEUED_RUNS_PER_OWNER: z.coerce.number().int().min(0).default(20),
  /** Lifetime of presigned download URLs (default 15 minutes, at most 7 days). */
  DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(900),
  /** Secrets Manager secret holding the clouds.yaml entry (JSON or YAML) the worker uses. */
  OPENSTACK_SECRET_ID: z.string().min(1).optional(),
  SCHEDULE_GROUP: z.string().min(1),
  SCHEDULER_ROLE_ARN: z.string().min(1),
  SCHEDULER_DLQ_ARN: z.string().min(1),
  SES_FROM: z.string().optional(),
  SES_REPLY_TO: z.string().optional(),
  EMAIL_ATTACHMENT_MAX_BYTES: positiveInt(7 * 1024 * 1024),
  /** JWT claim that names the owner of reports and schedules (default `sub`). */
  AUTH_OWNER_CLAIM: z.string().min(1).default('sub'),
  /**
   * The Cognito resource server's identifier, which prefixes the scopes it issues
   * (`openstack-reports/reports:read`). Unset: only bare scopes (`reports:read`) count.
   */
  AUTH_SCOPE_PREFIX: z.string().min(1).optional(),
  /** Where the API documents it is reachable, for links. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** The default price list of cost reports, as JSON or YAML text (cdk.json `priceList`). */
  PRICE_LIST: z.string().min(1).optional(),
  /** Brand theme settings as JSON: name, colours, title, a small logo data URL (cdk.json `branding`). */
  BRANDING: z.string().min(1).optional(),
  /** E-mail through this SMTP server instead of SES (cdk.json `smtpUrl`): `smtp://host:port`, without credentials. */
  SMTP_URL: smtpUrl(false).optional(),
  /** Secrets Manager secret with the SMTP credentials, `{"username": …, "password": …}` (cdk.json `smtpSecretName`). */
  SMTP_SECRET_ID: z.string().min(1).optional(),
  /** Sender of e-mail through SMTP_URL (cdk.json `mailFrom`). */
  MAIL_FROM: mailbox.optional(),
  /** Reply-To of e-mail through SMTP_URL (cdk.json `mailReplyTo`). */
  MAIL_REPLY_TO: mailbox.optional(),
  /** The function's name in logs (set per function by the stack), and its traces' default `service.name`. */
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  /**
   * OpenTelemetry's standard variable: spans go as OTLP/HTTP to `<endpoint>/v1/traces`. Unset: no
   * tracing, and the SDK is not even loaded. The exporter reads OTEL_EXPORTER_OTLP_HEADERS and the
   * other OTEL_EXPORTER_OTLP_* variables itself.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** The traces' `service.name` (default: the function's service name). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});
export const awsConfigSchema = awsConfigFields.superRefine(requireSenderWithSmtp);
export type AwsConfig = z.output<typeof awsConfigSchema>;

/** Settings of the local runtime (`npm start`, `openstack-reports serve`). */
const localConfigFields = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Where local runs, artifacts and the outbox are kept. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Named cloud from clouds.yaml; without it (and without OS_AUTH_URL) the demo cloud is used. */
  OS_CLOUD: z.string().min(1).optional(),
  OS_AUTH_URL: z.string().optional(),
  MAX_RECEIVE_COUNT: positiveInt(3),
  /** Runs one owner may have queued or running; more requests answer 429 with Retry-After (0: no limit). */
  MAX_QUEUED_RUNS_PER_OWNER: z.coerce.number().int().min(0).default(20),
  /** Seconds a received job stays invisible before the local queue redelivers it. */
  VISIBILITY_TIMEOUT_SECONDS: positiveInt(900),
  DOWNLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(604_800).default(900),
  DEMO_SERVERS: positiveInt(60),
  DEMO_PROJECTS: positiveInt(6),
  AUTH_OWNER_CLAIM: z.string().min(1).default('sub'),
  /** A price list file (YAML or JSON) cost reports use when their spec has none. */
  PRICE_LIST_FILE: z.string().min(1).optional(),
  /** A JSON file with the brand theme: name, logoDataUrl, primaryColor, accentColor, title. */
  BRANDING_FILE: z.string().min(1).optional(),
  /** Largest PDF attached to an e-mail; larger ones are linked (default 7 MiB). */
  EMAIL_ATTACHMENT_MAX_BYTES: positiveInt(7 * 1024 * 1024),
  /**
   * E-mail through this SMTP server: `smtp://host:port` (STARTTLS required), `smtps://host:port`,
   * `?tls=off` to send in the clear; credentials in it or in SMTP_USERNAME/SMTP_PASSWORD. Without
   * it, e-mail lands in the local outbox.
   */
  SMTP_URL: smtpUrl(true).optional(),
  SMTP_USERNAME: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** Sender of e-mail (required with SMTP_URL; the outbox takes any). */
  MAIL_FROM: mailbox.optional(),
  MAIL_REPLY_TO: mailbox.optional(),
  /** The local outbox's SMTP port on 127.0.0.1 (0: any free port). */
  OUTBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(2525),
  /** The local outbox's web page port on 127.0.0.1 (0: any free port). */
  OUTBOX_WEB_PORT: z.coerce.number().int().min(0).max(65_535).default(2526),
  /**
   * OpenTelemetry's standard variable: spans go as OTLP/HTTP to `<endpoint>/v1/traces`. Unset: no
   * tracing, and the SDK is not even loaded. The exporter reads OTEL_EXPORTER_OTLP_HEADERS and the
   * other OTEL_EXPORTER_OTLP_* variables itself.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** The traces' `service.name` (default: the function's service name). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});
export const localConfigSchema = localConfigFields.superRefine((config, ctx) => {
  requireSenderWithSmtp(config, ctx);
  if (Boolean(config.SMTP_USERNAME) !== Boolean(config.SMTP_PASSWORD)) {
    ctx.addIssue({ code: 'custom', path: [config.SMTP_USERNAME ? 'SMTP_PASSWORD' : 'SMTP_USERNAME'], message: 'SMTP_USERNAME and SMTP_PASSWORD go together' });
  }
  if ((config.SMTP_USERNAME || config.SMTP_PASSWORD) && !config.SMTP_URL) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_USERNAME'], message: 'is set without SMTP_URL: the local outbox needs no credentials' });
  }
  const parsed = config.SMTP_URL ? parseSmtpUrl(config.SMTP_URL, { allowCredentials: true }) : undefined;
  if (parsed && !('problem' in parsed) && parsed.username && config.SMTP_USERNAME) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_USERNAME'], message: 'is set and SMTP_URL holds credentials too: give them once' });
  }
});
export type LocalConfig = z.output<typeof localConfigSchema>;

/** Parses a config schema from an environment, naming every missing or invalid variable. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration: ${lines.join('; ')}`);
}
