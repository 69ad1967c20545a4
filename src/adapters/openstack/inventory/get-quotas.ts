import type { ProjectQuota, QuotaLine } from '../../../domain/cloud';
import { getVolumeQuotas } from '../block-storage/requests';
import type { OpenStackClient } from '../client';
import { getComputeQuotas } from '../compute/requests';
import { getNetworkQuotas } from '../networking/requests';
import type { ServiceClient } from '../service-client';

/**
 * Quotas with usage per project from nova (`os-quota-sets/{id}/detail`), cinder
 * (`os-quota-sets/{id}?usage=True`) and neutron (`quotas/{id}/details`). Admins read any project
 * with their own token; members read each project with a token scoped to it. A service the cloud
 * lacks contributes an empty record.
 */
export async function getQuotas(client: OpenStackClient, projectIds: readonly string[]): Promise<ProjectQuota[]> {
  const { isAdmin } = await client.authenticate();
  const shared = isAdmin ? await servicesFor(client) : undefined;
  return Promise.all(
    [...new Set(projectIds)].map(async (projectId): Promise<ProjectQuota> => {
      const services = shared ?? (await servicesFor(client, projectId));
      const [compute, volume, network] = await Promise.all([
        getComputeQuotas(services.compute, projectId),
        services.volume ? getVolumeQuotas(services.volume, projectId) : empty(),
        services.network ? getNetworkQuotas(services.network, projectId) : empty(),
      ]);
      return { projectId, compute, volume, network };
    }),
  );
}

async function servicesFor(client: OpenStackClient, projectId?: string) {
  const [compute, volume, network] = await Promise.all([
    client.service('compute', projectId),
    client.optionalService('block-storage', projectId),
    client.optionalService('network', projectId),
  ]);
  return { compute, volume, network } satisfies Record<string, ServiceClient | undefined>;
}

async function empty(): Promise<Record<string, QuotaLine>> {
  return {};
}
