import type { FloatingIp, Port, ProjectScope } from '../../../domain/cloud';
import type { OpenStackClient } from '../client';
import { listFloatingIps as listFloatingIpsPages, listPorts as listPortsPages } from '../networking/requests';
import type { ServiceClient } from '../service-client';
import { chunk, drain, runPerProject } from './run-per-project';
import { planScope } from './scope-plan';

type Lister<T> = (client: ServiceClient, options: { projectIds?: readonly string[] }) => AsyncGenerator<T[], void, undefined>;

/** Project ids per filtered neutron listing: ~40 × 45 bytes keeps the URL under 2 KiB. */
const IDS_PER_REQUEST = 40;

/** Neutron floating IPs of a scope; empty when the cloud has no neutron. */
export function listFloatingIps(client: OpenStackClient, scope: ProjectScope): Promise<FloatingIp[]> {
  return listNetworkResources(client, scope, listFloatingIpsPages);
}

/** Neutron ports of a scope. */
export function listPorts(client: OpenStackClient, scope: ProjectScope): Promise<Port[]> {
  return listNetworkResources(client, scope, listPortsPages);
}

/**
 * Neutron shows admins every project without a flag and filters on repeated `project_id`, so a
 * few named projects cost one filtered listing, and many projects one listing filtered here.
 */
async function listNetworkResources<T extends { projectId: string }>(client: OpenStackClient, scope: ProjectScope, list: Lister<T>): Promise<T[]> {
  const plan = await planScope(client, scope);
  if (plan.kind === 'scoped') {
    return runPerProject(plan.projectIds, async (projectId) => {
      const neutron = await client.optionalService('network', projectId);
      if (!neutron) return [];
      // Members also see some shared resources of other projects: keep only their own.
      return (await drain(list(neutron, { projectIds: [projectId] }))).filter((r) => r.projectId === projectId);
    });
  }
  const neutron = await client.optionalService('network');
  if (!neutron) return [];
  if (plan.kind === 'all-projects') {
    const all = await drain(list(neutron, {}));
    return plan.keep ? all.filter((r) => plan.keep!.has(r.projectId)) : all;
  }
  const keep = new Set(plan.projectIds);
  const chunks = chunk(plan.projectIds, IDS_PER_REQUEST);
  const results = await Promise.all(chunks.map((projectIds) => drain(list(neutron, { projectIds }))));
  return results.flat().filter((r) => keep.has(r.projectId));
}
