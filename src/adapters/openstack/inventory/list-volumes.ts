import type { ProjectScope, Snapshot, Volume } from '../../../domain/cloud';
import { listSnapshotsDetail, listVolumesDetail } from '../block-storage/requests';
import type { OpenStackClient } from '../client';
import type { ServiceClient } from '../service-client';
import { drain, runPerProject } from './run-per-project';
import { planScope } from './scope-plan';

type Lister<T> = (client: ServiceClient, options: { allTenants: boolean; projectId?: string }) => AsyncGenerator<T[], void, undefined>;

/** Cinder volumes of a scope (`all_tenants=1` for admins); empty when the cloud has no cinder. */
export function listVolumes(client: OpenStackClient, scope: ProjectScope): Promise<Volume[]> {
  return listBlockStorage(client, scope, listVolumesDetail);
}

/** Cinder snapshots of a scope. */
export function listSnapshots(client: OpenStackClient, scope: ProjectScope): Promise<Snapshot[]> {
  return listBlockStorage(client, scope, listSnapshotsDetail);
}

async function listBlockStorage<T extends { projectId?: string }>(client: OpenStackClient, scope: ProjectScope, list: Lister<T>): Promise<T[]> {
  const plan = await planScope(client, scope);
  switch (plan.kind) {
    case 'all-projects': {
      const cinder = await client.optionalService('block-storage');
      if (!cinder) return [];
      const all = await drain(list(cinder, { allTenants: true }));
      return plan.keep ? all.filter((v) => v.projectId !== undefined && plan.keep!.has(v.projectId)) : all;
    }
    case 'filtered': {
      const cinder = await client.optionalService('block-storage');
      if (!cinder) return [];
      return runPerProject(plan.projectIds, async (projectId) => {
        const items = await drain(list(cinder, { allTenants: true, projectId }));
        return items.map((v) => (v.projectId ? v : { ...v, projectId }));
      });
    }
    case 'scoped':
      return runPerProject(plan.projectIds, async (projectId) => {
        const cinder = await client.optionalService('block-storage', projectId);
        if (!cinder) return [];
        // A member's view hides os-vol-tenant-attr, but every item belongs to the scoped project.
        const items = await drain(list(cinder, { allTenants: false }));
        return items.map((v) => (v.projectId ? v : { ...v, projectId }));
      });
  }
}
