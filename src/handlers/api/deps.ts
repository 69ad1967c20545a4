import type { Authenticate } from '../../domain/caller';
import type { Ports, Telemetry } from '../../domain/deps';
import type { DeploymentPolicy } from '../../domain/deployment-policy';
import type { WebhookPolicy } from '../../domain/delivery/webhook-policy';
import type { PriceList } from '../../domain/price-list';
import type { HealthProbe } from './routes/health';

/** Everything the API function needs; built by `apiDeps` in each environment's wiring. */
export type ApiDeps = Pick<
  Ports,
  'runs' | 'artifacts' | 'queue' | 'clock' | 'logger' | 'newId' | 'idempotency' | 'schedules' | 'scheduler' | 'inventory' | 'statistics'
> &
  Telemetry & {
    authenticate: Authenticate;
    health: HealthProbe[];
    /** Which webhook URLs requests may name. */
    webhookPolicy: WebhookPolicy;
    settings: ApiSettings;
  };

export interface ApiSettings {
  /** Lifetime of presigned download links. */
  downloadUrlTtlSeconds: number;
  /** The price list cost reports use when their spec has none; without one, a cost request must bring its own. */
  defaultPriceList?: PriceList;
  /** Runs one owner may have queued or running; more requests (and schedule run-now) answer 429 (0 or none: no limit). */
  maxActiveRunsPerOwner?: number;
  /** Whether a brand theme is configured; without one, `theme: "brand"` is refused (400 naming `theme`). */
  brandingConfigured: boolean;
  /** Whether anything can send e-mail; without it, `delivery.email` is refused (400 naming it). */
  emailConfigured: boolean;
  /** Largest accepted request body (default 256 KiB); larger ones are answered 413. */
  maxBodyBytes?: number;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins?: string[];
  /** The URL clients reach the API at (links in responses, the OpenAPI `servers`); default: the request's origin. */
  publicBaseUrl?: string;
  /** Folder holding swagger-ui-dist's files; default: the installed package. */
  swaggerUiDir?: string;
}

/** What this deployment allows that the schemas cannot know: checked on every request that names a report or a delivery. */
export function deploymentPolicy(deps: ApiDeps): DeploymentPolicy {
  return { webhooks: deps.webhookPolicy, brandingConfigured: deps.settings.brandingConfigured, emailConfigured: deps.settings.emailConfigured };
}
