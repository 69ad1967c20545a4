import * as z from 'zod';

/**
 * zod building blocks shared by every service's `results.ts`: timestamps, links and version
 * documents look the same across OpenStack, quirks included.
 */

/** `2016-03-08T20:19:41`, `…41.578887`, `…41Z`, `…41.5+00:00`: UTC with optional fraction. */
const CANONICAL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00:?00)?$/;

/**
 * OpenStack mixes `2015-11-07T02:58:43.578887Z`, naive `2016-03-08T20:19:41` (UTC by convention)
 * and `2016-10-12 18:22:04`. All become ISO 8601 with `Z`; an unreadable value is kept as sent
 * rather than failing a whole page.
 */
export function toIsoTimestamp(value: string): string {
  // Fast path for the usual shapes (nova lists carry three timestamps per server).
  const m = CANONICAL.exec(value);
  if (m) return `${m[1]}.${((m[2] ?? '') + '000').slice(0, 3)}Z`;
  let v = value.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(v)) v += 'Z';
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

export const timestamp = z.string().transform(toIsoTimestamp);
export const nullableTimestamp = z
  .string()
  .nullable()
  .transform((v) => (v === null ? null : toIsoTimestamp(v)));

/** `{href, rel}` as in nova, cinder, neutron and version documents. */
export const linkSchema = z.looseObject({ href: z.string(), rel: z.string().optional(), type: z.string().optional() });
export const linkArray = z.array(linkSchema);

/** The href of the `rel: next` link in a `*_links` array, if any. */
export function nextHref(links: readonly { href: string; rel?: string }[] | undefined): string | undefined {
  return links?.find((l) => l.rel === 'next')?.href;
}

/** One entry of a `{versions: [...]}` document (nova, cinder, neutron, glance, placement). */
export const versionSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  links: linkArray.optional(),
  /** Highest microversion; `""` on nova's deprecated v2.0 entry. */
  version: z.string().optional(),
  min_version: z.string().optional(),
  /** Placement spells it `max_version`. */
  max_version: z.string().optional(),
  updated: z.string().optional(),
});
export const versionsSchema = z.looseObject({ versions: z.array(versionSchema) });
/** What nova and cinder return at their versioned root: one `version` object. */
export const versionShowSchema = z.looseObject({ version: versionSchema });

/** Strings in one API and numbers in another, e.g. ids in YAML or quota values. */
export const idString = z.union([z.string(), z.number()]).transform(String);

/** Lines of `{in_use|used, limit, reserved}` (or bare limits) keyed by resource; `id` is skipped. */
export const quotaValue = z.union([
  z.number(),
  z.looseObject({
    limit: z.number(),
    in_use: z.number().optional(),
    used: z.number().optional(),
    reserved: z.number().optional(),
  }),
]);

/** Renames a quota set into domain quota lines; non-quota keys (`id`, nested objects) are skipped. */
export function quotaLines(set: Record<string, unknown>): Record<string, { limit: number; inUse: number; reserved?: number }> {
  const lines: Record<string, { limit: number; inUse: number; reserved?: number }> = {};
  for (const [key, raw] of Object.entries(set)) {
    if (key === 'id') continue;
    const parsed = quotaValue.safeParse(raw);
    if (!parsed.success) continue;
    const v = parsed.data;
    if (typeof v === 'number') lines[key] = { limit: v, inUse: 0 };
    else lines[key] = { limit: v.limit, inUse: v.in_use ?? v.used ?? 0, ...(v.reserved !== undefined ? { reserved: v.reserved } : {}) };
  }
  return lines;
}
