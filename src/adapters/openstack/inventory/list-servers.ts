import type { ProjectScope, Server } from '../../../domain/cloud';
import type { OpenStackClient } from '../client';
import { listServersDetail } from '../compute/requests';
import type { ParsedServer } from '../compute/results';
import { needsFlavorList, resolveFlavors } from './resolve-flavors';
import { drain, runPerProject } from './run-per-project';
import { planScope } from './scope-plan';

/**
 * Servers of a scope, complete or not at all. Admins read every project with one `all_tenants`
 * listing (O(pages)); partial records from down cells are kept (`partial: true`).
 */
export async function listServers(client: OpenStackClient, scope: ProjectScope): Promise<Server[]> {
  const plan = await planScope(client, scope);
  let parsed: ParsedServer[];
  switch (plan.kind) {
    case 'all-projects': {
      const compute = await client.service('compute');
      const all = await drain(listServersDetail(compute, { allTenants: true }));
      // Down-cell records may lack tenant_id; keep them when no filter is asked for.
      parsed = plan.keep ? all.filter((s) => plan.keep!.has(s.projectId)) : all;
      break;
    }
    case 'filtered': {
      const compute = await client.service('compute');
      parsed = await runPerProject(plan.projectIds, (projectId) => drain(listServersDetail(compute, { allTenants: true, projectId })));
      break;
    }
    case 'scoped':
      parsed = await runPerProject(plan.projectIds, async (projectId) => {
        const compute = await client.service('compute', projectId);
        const servers = await drain(listServersDetail(compute, { allTenants: false }));
        return servers.map((s) => (s.projectId ? s : { ...s, projectId }));
      });
      break;
  }
  return needsFlavorList(parsed) ? resolveFlavors(parsed, await client.flavors()) : parsed;
}
