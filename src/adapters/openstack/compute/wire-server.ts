import * as z from 'zod';
import { linkArray } from '../wire';

/** Nova's `servers/detail` entry as sent, and the wire pieces it shares with flavors. */

/** `swap` is `""` for 0 before 2.75 and an integer afterwards. */
export const wireSwap = z.union([z.number(), z.literal('')]);
export const swap = wireSwap.transform(swapMb);
export const wireExtraSpecs = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const extraSpecs = wireExtraSpecs.transform(stringValues);

export function swapMb(swap: number | '' | undefined): number {
  return swap === '' || swap === undefined ? 0 : swap;
}

/** From 2.47 a server embeds a copy of its flavor, without id (the name is `original_name`). */
export const wireEmbeddedFlavor = z.object({
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
  ephemeral: z.number().optional(),
  swap: wireSwap.optional(),
  original_name: z.string(),
  extra_specs: wireExtraSpecs.optional(),
});
/** Before 2.47: a reference `{id, links}` to look up in `flavors/detail`. */
export const wireFlavorRef = z.object({ id: z.string(), links: linkArray.optional() });

export const wireAddress = z.object({
  addr: z.string(),
  version: z.number(),
  'OS-EXT-IPS:type': z.string().optional(),
  'OS-EXT-IPS-MAC:mac_addr': z.string().optional(),
});

/**
 * A `servers/detail` entry as sent, including partial records from down cells (2.69+). Only
 * checked here: `toParsedServer` in `results.ts` renames it, and `server-fast-path.ts` checks the common
 * shape by hand with the same rules.
 */
export const wireServerSchema = z.object({
  id: z.string(),
  // Missing for partial records from a down cell.
  name: z.string().optional(),
  status: z.string(),
  tenant_id: z.string().optional(),
  user_id: z.string().optional(),
  'OS-EXT-STS:power_state': z.number().optional(),
  'OS-EXT-STS:task_state': z.string().nullable().optional(),
  flavor: z.union([wireEmbeddedFlavor, wireFlavorRef]).optional(),
  // `""` for boot-from-volume servers (api-ref), `{id, links[, properties]}` otherwise.
  image: z.union([z.literal(''), z.null(), z.looseObject({ id: z.string() })]).optional(),
  'OS-EXT-AZ:availability_zone': z.string().nullable().optional(),
  'OS-EXT-SRV-ATTR:host': z.string().nullable().optional(),
  'OS-EXT-SRV-ATTR:hypervisor_hostname': z.string().nullable().optional(),
  addresses: z.record(z.string(), z.array(wireAddress)).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  'OS-SRV-USG:launched_at': z.string().nullable().optional(),
  'os-extended-volumes:volumes_attached': z.array(z.looseObject({ id: z.string() })).optional(),
});
export type WireServer = z.output<typeof wireServerSchema>;

/** Extra specs as strings, whatever JSON type the wire gave them. */
export function stringValues(record: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key in record) result[key] = String(record[key]);
  return result;
}
