import type { FloatingIp, Port, QuotaLine } from '../../../domain/cloud';
import { paginate } from '../pagination/pager';
import type { ServiceClient } from '../service-client';
import { floatingIpsPageSchema, networkQuotaDetailsSchema, portsPageSchema } from './results';
import { floatingIpsUrl, portsUrl, quotaDetailsUrl } from './urls';

/** Neutron calls. Admins see every project's resources without any all_tenants flag. */

const PAGE_LIMIT = 1000;

/** `GET /v2.0/floatingips`, optionally filtered by projects (`project_id` repeats), following `floatingips_links`. */
export function listFloatingIps(client: ServiceClient, options: { projectIds?: readonly string[] } = {}): AsyncGenerator<FloatingIp[], void, undefined> {
  return paginate(client, floatingIpsUrl(client, { project_id: options.projectIds, limit: PAGE_LIMIT }), floatingIpsPageSchema, {
    linksKey: 'floatingips_links',
  });
}

/** `GET /v2.0/ports`, optionally filtered by projects, following `ports_links`. */
export function listPorts(client: ServiceClient, options: { projectIds?: readonly string[] } = {}): AsyncGenerator<Port[], void, undefined> {
  return paginate(client, portsUrl(client, { project_id: options.projectIds, limit: PAGE_LIMIT }), portsPageSchema, { linksKey: 'ports_links' });
}

/** `GET /v2.0/quotas/{project}/details`. */
export function getNetworkQuotas(client: ServiceClient, projectId: string): Promise<Record<string, QuotaLine>> {
  return client.getParsed(quotaDetailsUrl(client, projectId), networkQuotaDetailsSchema, [200]);
}
