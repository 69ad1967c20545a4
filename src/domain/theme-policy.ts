import type { z } from 'zod';
import { ValidationError } from './errors';
import { toFieldIssues } from './validate';

/** Why `theme: "brand"` cannot be used where no brand theme is configured. */
export const brandThemeUnavailable =
  'is "brand", but this deployment has no brand theme configured (branding in cdk.json, BRANDING_FILE locally); use "default" or configure one';

/**
 * Throws a `ValidationError` when the body asks for the brand theme (at `path`: `theme` in a report
 * request, `report.theme` in a schedule) and none is configured, listing the body's other invalid
 * fields (per `schema`) with it; does nothing otherwise. Without the check the report would quietly
 * use the default theme.
 */
export function assertThemeAvailable(body: unknown, brandingConfigured: boolean, schema: z.ZodType, path: 'theme' | 'report.theme'): void {
  if (brandingConfigured) return;
  const holder = path === 'theme' ? body : (body as { report?: unknown } | null)?.report;
  if ((holder as { theme?: unknown } | null | undefined)?.theme !== 'brand') return;
  const parsed = schema.safeParse(body);
  throw new ValidationError([...(parsed.success ? [] : toFieldIssues(parsed.error)), { path, message: brandThemeUnavailable }]);
}
