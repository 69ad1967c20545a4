import type { Image } from '../../../domain/cloud';
import { OpenStackHttpError } from '../errors/openstack-http-error';
import { collectAll } from '../pagination/pager';
import type { ServiceClient } from '../service-client';
import { imagesPageSchema } from './results';
import { imagesUrl } from './urls';

/** Glance's default `api_limit_max`. */
const PAGE_LIMIT = 1000;

/**
 * `GET /v2/images?visibility=all`, following the relative `next` path. Without
 * `visibility=all` glance leaves out community images, which servers may well boot from; glance
 * older than image API 2.5 rejects the value, and then the default listing is used.
 */
export async function listImages(client: ServiceClient): Promise<Image[]> {
  try {
    return await collectAll(client, imagesUrl(client, { visibility: 'all', limit: PAGE_LIMIT }), imagesPageSchema);
  } catch (error) {
    if (!(error instanceof OpenStackHttpError) || error.status !== 400) throw error;
    return collectAll(client, imagesUrl(client, { limit: PAGE_LIMIT }), imagesPageSchema);
  }
}
