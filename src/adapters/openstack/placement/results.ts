import * as z from 'zod';
import { linkArray } from '../wire';

/** Placement wire formats (only parsed; reports do not call placement yet). */

/** `GET /`: `max_version` must be read from the live server (the api-ref sample is stale). */
export const placementRootSchema = z.looseObject({
  versions: z.array(z.looseObject({ id: z.string(), min_version: z.string(), max_version: z.string(), status: z.string(), links: linkArray.optional() })),
});

const counts = z.record(z.string(), z.number());

/**
 * `GET /usages?project_id=`: a flat `{RC: n}` before 1.38; from 1.38 grouped by consumer type,
 * with `consumer_count` mixed into each group. Both become `{consumerType: {RC: n}}` (`all` for
 * the flat shape) plus consumer counts.
 */
export const placementUsagesSchema = z.looseObject({ usages: z.union([counts, z.record(z.string(), counts)]) }).transform((b) => {
  const values = Object.values(b.usages);
  if (values.every((v) => typeof v === 'number')) {
    return { byConsumerType: { all: b.usages as Record<string, number> }, consumerCounts: {} as Record<string, number> };
  }
  const byConsumerType: Record<string, Record<string, number>> = {};
  const consumerCounts: Record<string, number> = {};
  for (const [type, group] of Object.entries(b.usages as Record<string, Record<string, number>>)) {
    const { consumer_count: count, ...resources } = group;
    byConsumerType[type] = resources;
    if (count !== undefined) consumerCounts[type] = count;
  }
  return { byConsumerType, consumerCounts };
});

/** `GET /resource_providers/{uuid}/usages`. */
export const providerUsagesSchema = z.looseObject({ resource_provider_generation: z.number(), usages: counts });

/** `GET /resource_providers/{uuid}/inventories`: capacity = (total - reserved) * allocation_ratio. */
export const inventoriesSchema = z.looseObject({
  resource_provider_generation: z.number(),
  inventories: z.record(
    z.string(),
    z.looseObject({
      total: z.number(),
      reserved: z.number(),
      min_unit: z.number(),
      max_unit: z.number(),
      step_size: z.number(),
      allocation_ratio: z.number(),
    }),
  ),
});

/** `GET /resource_providers`: relative links; `parent_provider_uuid` null for roots (1.14+). */
export const resourceProvidersSchema = z.looseObject({
  resource_providers: z.array(
    z.looseObject({
      uuid: z.string(),
      name: z.string(),
      generation: z.number(),
      parent_provider_uuid: z.string().nullable().optional(),
      root_provider_uuid: z.string().optional(),
      links: linkArray.optional(),
    }),
  ),
});
