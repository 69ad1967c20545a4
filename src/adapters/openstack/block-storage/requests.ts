import type { QuotaLine, Snapshot, Volume } from '../../../domain/cloud';
import { paginate } from '../pagination/pager';
import type { ServiceClient } from '../service-client';
import { snapshotsPageSchema, volumeQuotaSetSchema, volumesPageSchema } from './results';
import { snapshotsDetailUrl, volumeQuotaSetUrl, volumesDetailUrl } from './urls';

/** Cinder calls. */

const PAGE_LIMIT = 1000;

/** `GET /volumes/detail` (`all_tenants=1` for admins), following `volumes_links`. */
export function listVolumesDetail(client: ServiceClient, options: { allTenants: boolean; projectId?: string }): AsyncGenerator<Volume[], void, undefined> {
  const url = volumesDetailUrl(client, {
    all_tenants: options.allTenants ? 1 : undefined,
    project_id: options.projectId,
    limit: PAGE_LIMIT,
  });
  return paginate(client, url, volumesPageSchema, { linksKey: 'volumes_links' });
}

/** `GET /snapshots/detail` (`all_tenants=1` for admins), following `snapshots_links`. */
export function listSnapshotsDetail(client: ServiceClient, options: { allTenants: boolean; projectId?: string }): AsyncGenerator<Snapshot[], void, undefined> {
  const url = snapshotsDetailUrl(client, {
    all_tenants: options.allTenants ? 1 : undefined,
    project_id: options.projectId,
    limit: PAGE_LIMIT,
  });
  return paginate(client, url, snapshotsPageSchema, { linksKey: 'snapshots_links' });
}

/** `GET /os-quota-sets/{project}?usage=True`. */
export function getVolumeQuotas(client: ServiceClient, projectId: string): Promise<Record<string, QuotaLine>> {
  return client.getParsed(volumeQuotaSetUrl(client, projectId), volumeQuotaSetSchema, [200]);
}
