import type { Image } from '../../core/domain';
import { collectAll } from '../pagination/pager';
import type { ServiceClient } from '../service-client';
import { imagesPageSchema } from './results';
import { imagesUrl } from './urls';

/** Glance's default `api_limit_max`. */
const PAGE_LIMIT = 1000;

/** `GET /v2/images`, following the relative `next` path. */
export function listImages(client: ServiceClient): Promise<Image[]> {
  return collectAll(client, imagesUrl(client, { limit: PAGE_LIMIT }), imagesPageSchema);
}
