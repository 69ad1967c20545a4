import type { ProjectScope } from '../../../domain/cloud';
import type { OpenStackClient } from '../client';

/**
 * How to read a scope without asking per project when one listing will do:
 * - `all-projects`: admin, one `all_tenants` listing (O(pages)); `keep` filters it here;
 * - `filtered`: admin, a few named projects, one server-side-filtered listing each;
 * - `scoped`: not admin, one project-scoped token per project, each listing its own project.
 */
export type ScopePlan =
  { kind: 'all-projects'; keep?: ReadonlySet<string> } | { kind: 'filtered'; projectIds: string[] } | { kind: 'scoped'; projectIds: string[] };

export async function planScope(client: OpenStackClient, scope: ProjectScope): Promise<ScopePlan> {
  const me = await client.authenticate();
  if (me.isAdmin) {
    if (scope.kind === 'all') return { kind: 'all-projects' };
    const ids = unique(scope.projectIds);
    return ids.length <= client.options.perProjectThreshold ? { kind: 'filtered', projectIds: ids } : { kind: 'all-projects', keep: new Set(ids) };
  }
  if (scope.kind === 'projects') return { kind: 'scoped', projectIds: unique(scope.projectIds) };
  // A member's "all" is every project it may scope to; an application credential has just one.
  if (!client.canRescope || me.projectId === undefined) return { kind: 'scoped', projectIds: me.projectId ? [me.projectId] : [] };
  const projects = await client.projects();
  const ids = projects.filter((p) => p.enabled).map((p) => p.id);
  return { kind: 'scoped', projectIds: unique([me.projectId, ...ids]) };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
