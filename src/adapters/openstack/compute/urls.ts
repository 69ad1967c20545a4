import type { Query, ServiceClient } from '../service-client';

/** Nova URL builders (gophercloud `urls.go`). */

export const serversDetailUrl = (c: ServiceClient, query: Query) => c.url('servers/detail', query);
export const flavorsDetailUrl = (c: ServiceClient, query: Query) => c.url('flavors/detail', query);
export const tenantUsagesUrl = (c: ServiceClient, query: Query) => c.url('os-simple-tenant-usage', query);
export const tenantUsageUrl = (c: ServiceClient, projectId: string, query: Query) => c.url(`os-simple-tenant-usage/${encodeURIComponent(projectId)}`, query);
export const quotaSetDetailUrl = (c: ServiceClient, projectId: string) => c.url(`os-quota-sets/${encodeURIComponent(projectId)}/detail`);
export const limitsUrl = (c: ServiceClient, projectId?: string) => c.url('limits', { tenant_id: projectId });
export const availabilityZonesUrl = (c: ServiceClient, detail: boolean) => c.url(detail ? 'os-availability-zone/detail' : 'os-availability-zone');
