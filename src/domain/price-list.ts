import * as z from 'zod';
import { freeRecord } from './free-record';

/** A non-negative decimal given as a number or a string ("0.0125"); kept as a string for exact arithmetic. */
export const decimalString = z
  .union([z.number().nonnegative().finite(), z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal such as 0.0125')])
  .transform((v) => String(v));

/** Dimensions a usage or cost report groups by, besides `metadata:<key>` and `tag:<key>`. */
export const groupDimensions = ['project', 'domain', 'flavor', 'availabilityZone'] as const;

/** True for `project`, `domain`, `flavor`, `availabilityZone`, `metadata:<key>` and `tag:<key>` (key not empty). */
export function isGroupDimension(value: string): boolean {
  return (groupDimensions as readonly string[]).includes(value) || /^(metadata|tag):.+$/s.test(value);
}

/**
 * A grouping dimension. Tags are grouped by a `key=value` or `key:value` convention: `tag:team` puts a
 * server tagged `team=storage` (or `team:storage`) in group `storage`.
 */
export const groupDimensionSchema = z
  .string()
  .max(260)
  .refine(isGroupDimension, 'must be project, domain, flavor, availabilityZone, metadata:<key> or tag:<key>');

/** A positive decimal amount (a budget). */
const positiveAmount = decimalString.refine((v) => Number(v) > 0, 'must be more than zero');

/** A budget for one group: its keys (one per grouping dimension, or the first only) and the amount for a period. */
export const budgetSchema = z.strictObject({
  keys: z.array(z.string().min(1).max(255)).min(1).max(2),
  amount: positiveAmount,
});
export type Budget = z.output<typeof budgetSchema>;

/**
 * A price list: per flavor per hour, and/or per unit. A flavor price wins over unit prices for
 * that server's compute; volumes and floating IPs always use unit prices.
 */
export const priceListSchema = z.strictObject({
  name: z.string().max(200).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or BRL'),
  /** Price per hour by flavor name; every name is kept, `__proto__` and `constructor` included. */
  flavors: freeRecord(z.string().min(1).max(255), decimalString).optional(),
  units: z
    .strictObject({
      vcpuHour: decimalString.optional(),
      ramGbHour: decimalString.optional(),
      diskGbHour: decimalString.optional(),
      volumeGbMonth: decimalString.optional(),
      floatingIpHour: decimalString.optional(),
    })
    .optional(),
  discountPercent: z.number().min(0).max(100).optional(),
  taxPercent: z.number().min(0).max(100).optional(),
  /** Budgets per group, in `currency`; `groupBy`, when set, limits one to reports grouped exactly so. */
  budgets: z
    .array(budgetSchema.extend({ groupBy: z.array(groupDimensionSchema).min(1).max(2).optional() }))
    .max(500)
    .optional(),
});
export type PriceList = z.output<typeof priceListSchema>;
