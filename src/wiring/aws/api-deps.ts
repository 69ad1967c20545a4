import { fileURLToPath } from 'node:url';
import { apiGatewayAuthenticator } from '../../adapters/jwt/jose-authenticator';
import type { SchedulerPort } from '../../domain/schedules/ports';
import type { ApiDeps } from '../../handlers/api/deps';
import { healthProbes } from '../../handlers/api/routes/health';
import { lazyPort } from '../lazy-port';
import { awsCommon, awsWebhookPolicy } from './aws-common';
import { awsSmtpMail } from './smtp-mail';

/** The API function's dependencies on AWS. The JWT authorizer has verified every token. */
export async function awsApiDeps(env: Record<string, string | undefined> = process.env): Promise<ApiDeps> {
  const common = awsCommon(env);
  const { config } = common;
  // With SMTP_URL, the health check also says whether the mail server answers and accepts the credentials.
  const mail = awsSmtpMail(config, common.logger);
  return {
    ...common,
    // Only the schedule routes need EventBridge Scheduler: its client loads on their first call.
    scheduler: lazyPort<SchedulerPort>({ create: true, update: true, delete: true }, async () =>
      (await import('./eventbridge-scheduler')).eventBridgeScheduler(config, common.tracer),
    ),
    authenticate: apiGatewayAuthenticator(config.AUTH_OWNER_CLAIM, config.AUTH_SCOPE_PREFIX),
    health: [...healthProbes(common), ...(mail ? [mail.probe] : [])],
    webhookPolicy: awsWebhookPolicy,
    settings: {
      downloadUrlTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS,
      maxActiveRunsPerOwner: config.MAX_QUEUED_RUNS_PER_OWNER,
      // The YAML parser loads only when the deployment has a price list.
      defaultPriceList:
        config.PRICE_LIST === undefined ? undefined : (await import('../../report-engine/load-price-list')).loadPriceList(config.PRICE_LIST, 'PRICE_LIST'),
      publicBaseUrl: config.PUBLIC_BASE_URL,
      // The worker parses BRANDING; here its presence decides whether `theme: "brand"` is accepted.
      brandingConfigured: config.BRANDING !== undefined,
      // The worker sends through SES with a sender, or through SMTP; with neither it can send nothing.
      emailConfigured: Boolean(config.SES_FROM || config.SMTP_URL),
      // The bundling copies swagger-ui-dist's files next to index.mjs (infra/constructs/api.ts).
      swaggerUiDir: fileURLToPath(new URL('./swagger-ui-dist/', import.meta.url)),
    },
  };
}
