import { AppError } from '../../../domain/errors';
import type { EndpointInterface } from '../config/cloud-config';
import type { CatalogEntry } from '../identity/results';
import type { ServiceType } from '../service-type';

/**
 * Catalog types per service, most preferred first (service-types-authority aliases). Old clouds
 * register cinder as `volumev3`/`volumev2`/`volume`; `volume` at a `/v1` URL is the long-gone v1
 * API and is skipped. `compute_legacy` (nova's v2 endpoint) is never used.
 */
export const SERVICE_TYPE_ALIASES: Record<ServiceType, readonly string[]> = {
  identity: ['identity'],
  compute: ['compute'],
  'block-storage': ['block-storage', 'volumev3', 'volume', 'volumev2', 'block-store'],
  network: ['network'],
  image: ['image'],
  placement: ['placement'],
  // Swift registers as `object-store` (named `swift`); service-types-authority lists no alias.
  'object-store': ['object-store'],
};

/** No endpoint for a service: usually a wrong region or interface. Not retryable. */
export class EndpointNotFoundError extends AppError {
  override name = 'EndpointNotFoundError';
  readonly service: ServiceType;
  constructor(service: ServiceType, message: string) {
    super('openstack_endpoint_not_found', message, { retryable: false });
    this.service = service;
  }
}

/**
 * The URL of `service` in the catalog for `iface` and `region` (any region when none is set),
 * trying each alias in order.
 *
 * @throws EndpointNotFoundError listing what the catalog does have.
 */
export function findEndpoint(catalog: readonly CatalogEntry[], service: ServiceType, iface: EndpointInterface, region?: string): string {
  for (const type of SERVICE_TYPE_ALIASES[service]) {
    for (const entry of catalog.filter((e) => e.type === type)) {
      const endpoint = entry.endpoints.find(
        (e) =>
          e.interface.toLowerCase().replace(/url$/, '') === iface &&
          (region === undefined || e.region === region) &&
          !(type === 'volume' && /^[a-z]+:\/\/[^/]*\/(.*\/)?v1(\/|$)/i.test(e.url)),
      );
      if (endpoint) return endpoint.url.replace(/\/+$/, '');
    }
  }
  const types = [...new Set(catalog.map((e) => e.type))].join(', ') || '(empty catalog)';
  throw new EndpointNotFoundError(
    service,
    `no ${service} endpoint (catalog types ${SERVICE_TYPE_ALIASES[service].join('/')}) for interface ${iface}${
      region ? ` in region ${region}` : ''
    }; the catalog has: ${types}`,
  );
}
