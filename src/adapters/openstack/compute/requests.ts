import type { Flavor, ProjectUsage, QuotaLine } from '../../../domain/cloud';
import { OpenStackHttpError } from '../errors/openstack-http-error';
import { collectAll, paginate } from '../pagination/pager';
import type { ServiceClient } from '../service-client';
import { computeVersionUrl } from './microversion';
import {
  availabilityZonesSchema,
  computeQuotaSetSchema,
  computeVersionDocumentSchema,
  flavorsPageSchema,
  limitsSchema,
  serversPageSchema,
  tenantUsageShowPageSchema,
  tenantUsagesPageSchema,
  type ParsedServer,
} from './results';
import { stitchTenantUsages } from './stitch-usage';
import { availabilityZonesUrl, flavorsDetailUrl, limitsUrl, quotaSetDetailUrl, serversDetailUrl, tenantUsageUrl, tenantUsagesUrl } from './urls';

/** Nova calls (gophercloud `requests.go`). Each declares the statuses it accepts. */

/** Page size: nova's default `max_limit`; a lower server limit just means more next links. */
export const PAGE_LIMIT = 1000;

/** Asks nova for its microversion range (both undefined for a legacy v2.0 endpoint). */
export async function discoverComputeVersion(client: ServiceClient): Promise<{ min?: string; max?: string }> {
  const url = computeVersionUrl(client.endpoint);
  let versions;
  try {
    versions = await client.getParsed(url, computeVersionDocumentSchema, [200]);
  } catch (error) {
    // Some deployments hide the version document; then no microversion header is sent (2.1 behaviour).
    if (error instanceof OpenStackHttpError && (error.status === 404 || error.status === 403)) return {};
    throw error;
  }
  const current = versions.find((v) => v.id === 'v2.1') ?? versions.find((v) => v.status === 'CURRENT');
  const min = current?.min_version || undefined;
  const max = current?.version || undefined;
  return { min, max };
}

/** Headers that select a compute microversion (the legacy header for pre-2.27 clouds too). */
export function microversionHeaders(version: string): Record<string, string> {
  return { 'OpenStack-API-Version': `compute ${version}`, 'X-OpenStack-Nova-API-Version': version };
}

/** `GET /servers/detail`, following `servers_links` page by page. */
export function listServersDetail(
  client: ServiceClient,
  options: { allTenants: boolean; projectId?: string },
): AsyncGenerator<ParsedServer[], void, undefined> {
  const url = serversDetailUrl(client, {
    all_tenants: options.allTenants ? 1 : undefined,
    project_id: options.projectId,
    limit: PAGE_LIMIT,
  });
  return paginate(client, url, serversPageSchema, { linksKey: 'servers_links' });
}

/** `GET /flavors/detail`; `is_public=None` makes nova include private flavors for admins. */
export function listFlavorsDetail(client: ServiceClient, options: { includePrivate: boolean }): Promise<Flavor[]> {
  const url = flavorsDetailUrl(client, { is_public: options.includePrivate ? 'None' : undefined, limit: PAGE_LIMIT });
  return collectAll(client, url, flavorsPageSchema, { linksKey: 'flavors_links' });
}

/** Nova reads naive UTC timestamps (`%Y-%m-%dT%H:%M:%S`). */
function novaTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/**
 * `GET /os-simple-tenant-usage?detailed=1` for all projects, following `tenant_usages_links`
 * (2.40+) and stitching a project split across pages into one entry.
 */
export async function listTenantUsages(client: ServiceClient, period: { start: Date; end: Date }): Promise<ProjectUsage[]> {
  const url = tenantUsagesUrl(client, {
    start: novaTime(period.start),
    end: novaTime(period.end),
    detailed: 1,
    limit: PAGE_LIMIT,
  });
  return stitchTenantUsages(await collectAll(client, url, tenantUsagesPageSchema, { linksKey: 'tenant_usages_links' }));
}

/** `GET /os-simple-tenant-usage/{project}` (always detailed), following `tenant_usage_links`. */
export async function getTenantUsage(client: ServiceClient, projectId: string, period: { start: Date; end: Date }): Promise<ProjectUsage | undefined> {
  const url = tenantUsageUrl(client, projectId, { start: novaTime(period.start), end: novaTime(period.end), limit: PAGE_LIMIT });
  // The show calls its links `tenant_usage_links` (singular) and its body is one object, not a list.
  return stitchTenantUsages(await collectAll(client, url, tenantUsageShowPageSchema, { linksKey: 'tenant_usage_links' }))[0];
}

/** `GET /os-quota-sets/{project}/detail`. */
export function getComputeQuotas(client: ServiceClient, projectId: string): Promise<Record<string, QuotaLine>> {
  return client.getParsed(quotaSetDetailUrl(client, projectId), computeQuotaSetSchema, [200]);
}

/** `GET /limits` (optionally `?tenant_id=` as admin): absolute limits and usage. */
export function getComputeLimits(client: ServiceClient, projectId?: string): Promise<Record<string, number>> {
  return client.getParsed(limitsUrl(client, projectId), limitsSchema, [200]);
}

/** `GET /os-availability-zone[/detail]` (detail is admin only). */
export function listAvailabilityZones(client: ServiceClient, detail = false) {
  return client.getParsed(availabilityZonesUrl(client, detail), availabilityZonesSchema, [200]);
}
