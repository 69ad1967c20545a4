import * as z from 'zod';

/**
 * Configuration, parsed once at cold start. Nothing outside `src/wiring/` reads `process.env`.
 * A missing or malformed value fails fast with its name.
 */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Settings the API and worker share on AWS. The CDK stack sets every one of them. */
export const awsConfigSchema = z.object({
  RUNS_TABLE: z.string().min(1),
  SCHEDULES_TABLE: z.string().min(1),
  ARTIFACTS_BUCKET: z.string().min(1),
  JOBS_QUEUE_URL: z.string().url(),
  JOBS_QUEUE_ARN: z.string().min(1),
  /** Receives per message before SQS dead-letters it; the worker marks the run failed on the last. */
  MAX_RECEIVE_COUNT: positiveInt(3),
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
});
export type AwsConfig = z.output<typeof awsConfigSchema>;

/** Settings of the local runtime (`npm start`, `openstack-reports serve`). */
export const localConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Where local runs, artifacts and the outbox are kept. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Named cloud from clouds.yaml; without it (and without OS_AUTH_URL) the demo cloud is used. */
  OS_CLOUD: z.string().min(1).optional(),
  OS_AUTH_URL: z.string().optional(),
  MAX_RECEIVE_COUNT: positiveInt(3),
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
});
export type LocalConfig = z.output<typeof localConfigSchema>;

/** Parses a config schema from an environment, naming every missing or invalid variable. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration: ${lines.join('; ')}`);
}
