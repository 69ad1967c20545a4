import * as z from 'zod';
import { freeRecord } from './free-record';

/** A non-negative decimal given as a number or a string ("0.0125"); kept as a string for exact arithmetic. */
export const decimalString = z
  .union([z.number().nonnegative().finite(), z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal such as 0.0125')])
  .transform((v) => String(v));

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
});
export type PriceList = z.output<typeof priceListSchema>;
