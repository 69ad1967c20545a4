import type { Period, ProjectScope, ProjectUsage } from '../../../domain/cloud';
import type { OpenStackClient } from '../client';
import { getTenantUsage, listTenantUsages } from '../compute/requests';
import { runPerProject } from './run-per-project';
import { planScope } from './scope-plan';

/**
 * os-simple-tenant-usage for a scope over `period`, one entry per project with usage (projects
 * without any are absent, as in nova's own listing), stitched across pages.
 */
export async function getUsage(client: OpenStackClient, scope: ProjectScope, period: Period): Promise<ProjectUsage[]> {
  const plan = await planScope(client, scope);
  switch (plan.kind) {
    case 'all-projects': {
      const all = await listTenantUsages(await client.service('compute'), period);
      return plan.keep ? all.filter((u) => plan.keep!.has(u.projectId)) : all;
    }
    case 'filtered': {
      const compute = await client.service('compute');
      return runPerProject(plan.projectIds, async (id) => optional(await getTenantUsage(compute, id, period)));
    }
    case 'scoped':
      return runPerProject(plan.projectIds, async (id) => optional(await getTenantUsage(await client.service('compute', id), id, period)));
  }
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
