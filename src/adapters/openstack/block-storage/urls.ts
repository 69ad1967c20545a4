import type { Query, ServiceClient } from '../service-client';

/**
 * Cinder URL builders. The endpoint often embeds the project id (`/v3/<project>`); it is used as
 * the catalog gives it, since cinder routes by the URL's project and the token's scope alike.
 */
export const volumesDetailUrl = (c: ServiceClient, query: Query) => c.url('volumes/detail', query);
export const snapshotsDetailUrl = (c: ServiceClient, query: Query) => c.url('snapshots/detail', query);
export const volumeQuotaSetUrl = (c: ServiceClient, projectId: string) => c.url(`os-quota-sets/${encodeURIComponent(projectId)}`, { usage: 'True' });
