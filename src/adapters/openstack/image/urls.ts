import type { Query, ServiceClient } from '../service-client';

/** Glance URL builders; the client's endpoint ends in `/v2`. */
export const imagesUrl = (c: ServiceClient, query: Query) => c.url('images', query);

/** The catalog usually lists glance without a version (`http://glance:9292`); requests need `/v2`. */
export function imageV2Root(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/\/v2(\.\d+)?$/, '')}/v2`;
}
