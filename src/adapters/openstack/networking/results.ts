import * as z from 'zod';
import type { FloatingIp, Port, QuotaLine } from '../../../domain/cloud';
import { linkArray, nextHref, quotaLines, timestamp, versionsSchema } from '../wire';

/** Neutron (network v2.0) wire formats, renamed once. */

/**
 * Both `project_id` and the older `tenant_id` are sent; either may be `""` on system-owned
 * resources (a router gateway port).
 */
const owner = {
  project_id: z.string().nullable().optional(),
  tenant_id: z.string().nullable().optional(),
};
const ownerOf = (r: { project_id?: string | null; tenant_id?: string | null }) => r.project_id || r.tenant_id || '';

/** A floating IP: `port_id`, `fixed_ip_address`, `router_id` are null when unassociated. */
export const floatingIpSchema = z
  .object({
    id: z.string(),
    floating_ip_address: z.string(),
    status: z.string(),
    port_id: z.string().nullable().optional(),
    fixed_ip_address: z.string().nullable().optional(),
    router_id: z.string().nullable().optional(),
    floating_network_id: z.string(),
    created_at: timestamp.optional(),
    // An object, null or missing; not used by reports.
    port_details: z.unknown().optional(),
    ...owner,
  })
  .transform((f): FloatingIp => ({
    id: f.id,
    address: f.floating_ip_address,
    projectId: ownerOf(f),
    status: f.status,
    portId: f.port_id ?? null,
    fixedIpAddress: f.fixed_ip_address ?? null,
    routerId: f.router_id ?? null,
    floatingNetworkId: f.floating_network_id,
    ...(f.created_at !== undefined ? { createdAt: f.created_at } : {}),
  }));

/** `GET /v2.0/floatingips`: `floatingips_links` with `next` (and `previous`) when paginated. */
export const floatingIpsPageSchema = z
  .looseObject({ floatingips: z.array(floatingIpSchema), floatingips_links: linkArray.optional() })
  .transform((p) => ({ items: p.floatingips, next: nextHref(p.floatingips_links) }));

export const portSchema = z
  .object({
    id: z.string(),
    network_id: z.string(),
    device_id: z.string().optional(),
    device_owner: z.string().nullable().optional(),
    status: z.string(),
    fixed_ips: z.array(z.object({ subnet_id: z.string(), ip_address: z.string() })).optional(),
    ...owner,
  })
  .transform((p): Port => ({
    id: p.id,
    projectId: ownerOf(p),
    networkId: p.network_id,
    deviceId: p.device_id ?? '',
    deviceOwner: p.device_owner ?? '',
    status: p.status,
    fixedIps: (p.fixed_ips ?? []).map((ip) => ({ subnetId: ip.subnet_id, ipAddress: ip.ip_address })),
  }));

/** `GET /v2.0/ports`: `ports_links`. */
export const portsPageSchema = z
  .looseObject({ ports: z.array(portSchema), ports_links: linkArray.optional() })
  .transform((p) => ({ items: p.ports, next: nextHref(p.ports_links) }));

/** A network; `provider:*` keys are admin only, multi-segment networks have `segments[]` instead. */
const networkSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  shared: z.boolean().optional(),
  'router:external': z.boolean().optional(),
  subnets: z.array(z.string()).optional(),
  'provider:network_type': z.string().nullable().optional(),
  segments: z.array(z.looseObject({ 'provider:network_type': z.string().nullable().optional() })).optional(),
  ...owner,
});

export const networksPageSchema = z
  .looseObject({ networks: z.array(networkSchema), networks_links: linkArray.optional() })
  .transform((p) => ({ items: p.networks, next: nextHref(p.networks_links) }));

export const networkShowSchema = z.looseObject({ network: networkSchema }).transform((b) => b.network);

/** `GET /v2.0/quotas/{project}/details`: `{limit, used, reserved}` per resource. */
export const networkQuotaDetailsSchema = z
  .looseObject({ quota: z.record(z.string(), z.unknown()) })
  .transform((b): Record<string, QuotaLine> => quotaLines(b.quota));

/** `GET /` version document (one v2.0 entry, no microversions). */
export const networkVersionsSchema = versionsSchema;
