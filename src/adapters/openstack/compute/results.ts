import * as z from 'zod';
import type { Flavor, Server, ServerAddress, ServerUsage } from '../../../domain/cloud';
import { linkArray, nextHref, nullableTimestamp, quotaLines, timestamp, toIsoTimestamp, versionSchema, versionShowSchema, versionsSchema } from '../wire';
import { isWireServer } from './server-fast-path';
import { swap, extraSpecs, swapMb, wireEmbeddedFlavor, wireAddress, wireServerSchema, stringValues, type WireServer } from './wire-server';

/** Nova (compute v2.1) wire formats, renamed once. Admin-only and microversioned keys are optional. */

/** A server as parsed, before its flavor reference (pre-2.47) is resolved against the flavor list. */
export type ParsedServer = Server & { flavorRef?: string };

/** Renames a checked server once: the one mapping behind both the zod path and the fast path. */
export function toParsedServer(s: WireServer): ParsedServer {
  // Hot path (50k servers a run): plain assignments, no throw-away spread objects.
  const server: ParsedServer = {
    id: s.id,
    name: s.name ?? '',
    projectId: s.tenant_id ?? '',
    status: s.status,
    flavor: null,
    imageId: s.image && typeof s.image === 'object' ? s.image.id : null,
    addresses: flattenAddresses(s.addresses),
    metadata: stringRecord(s.metadata),
    tags: s.tags ?? [],
    created: s.created === undefined ? '' : toIsoTimestamp(s.created),
    volumeIds: (s['os-extended-volumes:volumes_attached'] ?? []).map((v) => v.id),
    // Down-cell records carry only id, status UNKNOWN, created, tenant_id and links.
    partial: s.name === undefined || s.flavor === undefined,
  };
  const flavor = s.flavor;
  if (flavor) {
    // The union tries the embedded shape first: a flavor with `original_name` is embedded.
    if ('original_name' in flavor) server.flavor = embeddedFlavor(flavor);
    else server.flavorRef = flavor.id;
  }
  if (s.user_id !== undefined) server.userId = s.user_id;
  if (s['OS-EXT-STS:power_state'] !== undefined) server.powerState = s['OS-EXT-STS:power_state'];
  if (s['OS-EXT-STS:task_state'] !== undefined) server.taskState = s['OS-EXT-STS:task_state'];
  if (s['OS-EXT-AZ:availability_zone']) server.availabilityZone = s['OS-EXT-AZ:availability_zone'];
  if (s['OS-EXT-SRV-ATTR:host']) server.host = s['OS-EXT-SRV-ATTR:host'];
  if (s['OS-EXT-SRV-ATTR:hypervisor_hostname']) server.hypervisorHostname = s['OS-EXT-SRV-ATTR:hypervisor_hostname'];
  if (s.updated !== undefined) server.updated = toIsoTimestamp(s.updated);
  const launched = s['OS-SRV-USG:launched_at'];
  if (launched !== undefined) server.launchedAt = launched === null ? null : toIsoTimestamp(launched);
  return server;
}

function embeddedFlavor(f: z.output<typeof wireEmbeddedFlavor>): Flavor {
  const flavor: Flavor = {
    name: f.original_name,
    vcpus: f.vcpus,
    ramMb: f.ram,
    diskGb: f.disk,
    ephemeralGb: f.ephemeral ?? 0,
    swapMb: swapMb(f.swap),
  };
  if (f.extra_specs) flavor.extraSpecs = stringValues(f.extra_specs);
  return flavor;
}

/** A `servers/detail` entry, checked and renamed. */
export const serverSchema = wireServerSchema.transform((s) => toParsedServer(s));

/** Nova metadata values are strings; the parsed object is kept as it is unless one is not. */
function stringRecord(record: Record<string, unknown> | undefined): Record<string, string> {
  if (record === undefined) return {};
  for (const key in record) if (typeof record[key] !== 'string') return stringValues(record);
  return record as Record<string, string>;
}

function flattenAddresses(addresses: Record<string, z.output<typeof wireAddress>[]> | undefined): ServerAddress[] {
  const result: ServerAddress[] = [];
  for (const network in addresses) {
    for (const a of addresses[network]!) {
      const entry: ServerAddress = {
        network,
        addr: a.addr,
        version: a.version === 6 ? 6 : 4,
        type: a['OS-EXT-IPS:type'] === 'floating' ? 'floating' : 'fixed',
      };
      if (a['OS-EXT-IPS-MAC:mac_addr']) entry.mac = a['OS-EXT-IPS-MAC:mac_addr'];
      result.push(entry);
    }
  }
  return result;
}

/**
 * `GET /servers/detail`: next link in `servers_links` (absent on the last page). Each entry takes
 * the hand-written check of its usual shape (a 2 MB page holds 1,000 of them); anything else,
 * and every error message, comes from {@link wireServerSchema}.
 */
export const serversPageSchema = z.looseObject({ servers: z.array(z.unknown()), servers_links: linkArray.optional() }).transform((p, ctx) => {
  const items: ParsedServer[] = [];
  for (let i = 0; i < p.servers.length; i++) {
    const raw = p.servers[i];
    if (isWireServer(raw)) {
      items.push(toParsedServer(raw));
      continue;
    }
    const checked = serverSchema.safeParse(raw);
    if (checked.success) {
      items.push(checked.data);
      continue;
    }
    for (const issue of checked.error.issues) {
      ctx.issues.push({ code: 'custom', message: issue.message, input: raw, path: ['servers', i, ...issue.path] });
    }
    return z.NEVER;
  }
  return { items, next: nextHref(p.servers_links) };
});

/** `GET /servers` (summary list): `{id, name, links}`; down-cell entries have no name. */
export const serversSummaryPageSchema = z
  .looseObject({
    servers: z.array(z.looseObject({ id: z.string(), name: z.string().optional(), status: z.string().optional() })),
    servers_links: linkArray.optional(),
  })
  .transform((p) => ({ items: p.servers, next: nextHref(p.servers_links) }));

/** `GET /servers/{id}`. */
export const serverShowSchema = z.looseObject({ server: serverSchema }).transform((b) => b.server);

/** A `flavors/detail` entry. `rxtx_factor` and `OS-FLV-DISABLED:disabled` are gone from 2.102. */
export const flavorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    vcpus: z.number(),
    ram: z.number(),
    disk: z.number(),
    'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
    swap: swap.optional(),
    'os-flavor-access:is_public': z.boolean().optional(),
    extra_specs: extraSpecs.optional(),
  })
  .transform((f): Flavor => ({
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ramMb: f.ram,
    diskGb: f.disk,
    ephemeralGb: f['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
    swapMb: f.swap ?? 0,
    ...(f['os-flavor-access:is_public'] !== undefined ? { isPublic: f['os-flavor-access:is_public'] } : {}),
    ...(f.extra_specs ? { extraSpecs: f.extra_specs } : {}),
  }));

export const flavorsPageSchema = z
  .looseObject({ flavors: z.array(flavorSchema), flavors_links: linkArray.optional() })
  .transform((p) => ({ items: p.flavors, next: nextHref(p.flavors_links) }));

const serverUsageSchema = z
  .object({
    instance_id: z.string(),
    name: z.string(),
    tenant_id: z.string(),
    flavor: z.string(),
    vcpus: z.number(),
    memory_mb: z.number(),
    local_gb: z.number(),
    hours: z.number(),
    started_at: timestamp,
    ended_at: nullableTimestamp,
    state: z.string(),
  })
  .transform((u): ServerUsage => ({
    instanceId: u.instance_id,
    name: u.name,
    projectId: u.tenant_id,
    flavor: u.flavor,
    vcpus: u.vcpus,
    memoryMb: u.memory_mb,
    localGb: u.local_gb,
    hours: u.hours,
    startedAt: u.started_at,
    endedAt: u.ended_at,
    state: u.state,
  }));

/** One tenant's usage on one page; with 2.40 paging the same tenant may continue on the next page. */
const tenantUsageSchema = z
  .object({
    tenant_id: z.string(),
    start: timestamp,
    stop: timestamp,
    total_hours: z.number(),
    total_vcpus_usage: z.number(),
    total_memory_mb_usage: z.number(),
    total_local_gb_usage: z.number(),
    server_usages: z.array(serverUsageSchema).optional(),
  })
  .transform((u) => ({
    projectId: u.tenant_id,
    start: u.start,
    stop: u.stop,
    totalHours: u.total_hours,
    vcpuHours: u.total_vcpus_usage,
    memoryMbHours: u.total_memory_mb_usage,
    diskGbHours: u.total_local_gb_usage,
    servers: u.server_usages ?? [],
  }));
export type TenantUsagePart = z.output<typeof tenantUsageSchema>;

/** `GET /os-simple-tenant-usage`: `tenant_usages_links` from 2.40. */
export const tenantUsagesPageSchema = z
  .looseObject({ tenant_usages: z.array(tenantUsageSchema), tenant_usages_links: linkArray.optional() })
  .transform((p) => ({ items: p.tenant_usages, next: nextHref(p.tenant_usages_links) }));

/**
 * `GET /os-simple-tenant-usage/{tenant_id}`: `tenant_usage` is `{}` for a project without usage,
 * and the link key is singular (`tenant_usage_links`).
 */
export const tenantUsageShowPageSchema = z
  .looseObject({
    tenant_usage: z.union([z.strictObject({}).transform(() => undefined), tenantUsageSchema]),
    tenant_usage_links: linkArray.optional(),
  })
  .transform((p) => ({ items: p.tenant_usage ? [p.tenant_usage] : [], next: nextHref(p.tenant_usage_links) }));

/** `GET /os-quota-sets/{id}/detail`: `{in_use, limit, reserved}` per resource. */
export const computeQuotaSetSchema = z.looseObject({ quota_set: z.record(z.string(), z.unknown()) }).transform((b) => quotaLines(b.quota_set));

/** `GET /limits`: absolute limits and usage (`-1` unlimited); keys vary by microversion. */
export const limitsSchema = z
  .looseObject({
    limits: z.looseObject({ absolute: z.record(z.string(), z.number()), rate: z.array(z.unknown()).optional() }),
  })
  .transform((b) => b.limits.absolute);

/** `GET /os-availability-zone[/detail]`. */
export const availabilityZonesSchema = z
  .looseObject({
    availabilityZoneInfo: z.array(
      z.looseObject({
        zoneName: z.string(),
        zoneState: z.looseObject({ available: z.boolean() }),
        hosts: z.record(z.string(), z.unknown()).nullable().optional(),
      }),
    ),
  })
  .transform((b) => b.availabilityZoneInfo.map((z) => ({ name: z.zoneName, available: z.zoneState.available, hosts: Object.keys(z.hosts ?? {}) })));

/** `GET /os-hypervisors/detail`: id int before 2.53, UUID after; `cpu_info` a JSON string before 2.28. */
export const hypervisorsPageSchema = z
  .looseObject({
    hypervisors: z.array(
      z.looseObject({
        id: z.union([z.string(), z.number()]).transform(String),
        hypervisor_hostname: z.string(),
        state: z.string().optional(),
        status: z.string().optional(),
        vcpus: z.number().optional(),
        vcpus_used: z.number().optional(),
        memory_mb: z.number().optional(),
        memory_mb_used: z.number().optional(),
        local_gb: z.number().optional(),
        local_gb_used: z.number().optional(),
        running_vms: z.number().optional(),
        cpu_info: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
      }),
    ),
    hypervisors_links: linkArray.optional(),
  })
  .transform((p) => ({ items: p.hypervisors, next: nextHref(p.hypervisors_links) }));

/** `GET /os-hypervisors/statistics` (404 from 2.88: use placement). */
export const hypervisorStatisticsSchema = z.looseObject({ hypervisor_statistics: z.record(z.string(), z.number()) });

/** Nova's version documents: `{versions: [...]}` at `/`, `{version: {...}}` at `/v2.1/`. */
export const computeVersionDocumentSchema = z
  .union([versionShowSchema.transform((d) => [d.version]), versionsSchema.transform((d) => d.versions)])
  .transform((versions: z.output<typeof versionSchema>[]) => versions);
