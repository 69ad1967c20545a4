import type { z } from 'zod';
import { webhookUrlProblem, type WebhookPolicy } from './delivery/webhook-policy';
import { ValidationError, type FieldIssue } from './errors';
import { toFieldIssues } from './validate';

/** What a deployment allows beyond what the schema checks: which webhooks, whether a brand theme or e-mail exists. */
export interface DeploymentPolicy {
  webhooks: WebhookPolicy;
  /** A brand theme is configured (`branding` in cdk.json, BRANDING_FILE locally). */
  brandingConfigured: boolean;
  /** Someone can send e-mail (SES with a sender, or an SMTP server). */
  emailConfigured: boolean;
}

/** Why `theme: "brand"` cannot be used where no brand theme is configured. */
export const brandThemeUnavailable =
  'is "brand", but this deployment has no brand theme configured (branding in cdk.json, BRANDING_FILE locally); use "default" or configure one';

/** Why `delivery.email` cannot be used where nothing can send e-mail. */
export const emailUnavailable =
  'e-mail delivery is not configured on this deployment (sesFromAddress or smtpUrl in cdk.json, SMTP_URL locally); leave it out or ask an operator';

type Body = { theme?: unknown; report?: { theme?: unknown }; delivery?: { email?: unknown; webhook?: { url?: unknown } } } | null | undefined;

/**
 * The fields of a body this deployment cannot honour, though the schema accepts them. `spec` says
 * where the report spec sits: the body itself (`POST /v1/reports`) or its `report` (schedules).
 */
export function deploymentIssues(body: unknown, policy: DeploymentPolicy, spec: 'body' | 'report'): FieldIssue[] {
  const b = body as Body;
  const issues: FieldIssue[] = [];
  const url = b?.delivery?.webhook?.url;
  const webhookProblem = typeof url === 'string' ? webhookUrlProblem(url, policy.webhooks) : undefined;
  if (webhookProblem) issues.push({ path: 'delivery.webhook.url', message: webhookProblem });
  if (!policy.emailConfigured && b?.delivery?.email !== undefined) issues.push({ path: 'delivery.email', message: emailUnavailable });
  const theme = spec === 'body' ? b?.theme : b?.report?.theme;
  if (!policy.brandingConfigured && theme === 'brand') issues.push({ path: spec === 'body' ? 'theme' : 'report.theme', message: brandThemeUnavailable });
  return issues;
}

/**
 * Throws a `ValidationError` when the body asks for what this deployment cannot do, listing every
 * such field together with the body's other invalid fields (per `schema`); does nothing otherwise.
 */
export function assertDeploymentAllows(body: unknown, policy: DeploymentPolicy, schema: z.ZodType, spec: 'body' | 'report'): void {
  const issues = deploymentIssues(body, policy, spec);
  if (issues.length === 0) return;
  const parsed = schema.safeParse(body);
  throw new ValidationError([...(parsed.success ? [] : toFieldIssues(parsed.error)), ...issues]);
}
