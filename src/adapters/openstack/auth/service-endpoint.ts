import type { CloudConfig } from '../config/cloud-config';
import type { TokenInfo } from '../identity/results';
import { identityV3Root } from '../identity/urls';
import { imageV2Root } from '../image/urls';
import { networkV2Root } from '../networking/urls';
import type { ServiceType } from '../service-type';
import { findEndpoint } from './catalog';

/**
 * The request root of `service` for this token: the `<service>_endpoint_override` if set (with
 * the token's project filled in), keystone's `auth_url` for identity, else the catalog entry for
 * the configured interface and region.
 *
 * @throws EndpointNotFoundError when the catalog has no such service.
 */
export function serviceEndpoint(config: CloudConfig, token: TokenInfo, service: ServiceType): string {
  const override = config.endpointOverrides[service];
  const raw = override
    ? fillProjectId(override, token.project?.id)
    : service === 'identity'
      ? config.auth.authUrl
      : findEndpoint(token.catalog, service, config.interface, config.regionName);
  return normalizeEndpoint(service, raw);
}

/** `%(project_id)s` / `$(project_id)s` (and the tenant_id spellings) in endpoint overrides. */
function fillProjectId(url: string, projectId: string | undefined): string {
  if (projectId === undefined) return url;
  return url.replace(/[%$]\((project_id|tenant_id)\)s/g, projectId);
}

/** Each service's request root: neutron needs `/v2.0`, glance `/v2`, keystone `/v3`; nova and cinder are used as listed. */
function normalizeEndpoint(service: ServiceType, url: string): string {
  switch (service) {
    case 'network':
      return networkV2Root(url);
    case 'image':
      return imageV2Root(url);
    case 'identity':
      return identityV3Root(url);
    default:
      return url.replace(/\/+$/, '');
  }
}
