import type { Query, ServiceClient } from '../service-client';

/** Neutron URL builders; the client's endpoint already ends in `/v2.0`. */
export const floatingIpsUrl = (c: ServiceClient, query: Query) => c.url('floatingips', query);
export const portsUrl = (c: ServiceClient, query: Query) => c.url('ports', query);
export const quotaDetailsUrl = (c: ServiceClient, projectId: string) => c.url(`quotas/${encodeURIComponent(projectId)}/details`);

/** The catalog may list neutron with or without `/v2.0`; requests always need it. */
export function networkV2Root(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/\/v2\.0$/, '')}/v2.0`;
}
