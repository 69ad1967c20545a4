/**
 * The typed OpenStack client: configuration like the OpenStack CLI, Keystone v3 sessions, and
 * Nova, Cinder, Neutron and Glance calls behind the `InventorySource` port, and Swift uploads.
 */
export { OpenStackClient, type AuthInfo } from './client';
export type { OpenStackClientOptions } from './client-options';
export { OpenStackInventorySource, createInventorySource } from './inventory-source';
export { ServiceClient } from './service-client';
export type { ServiceType } from './service-type';

export type { CloudConfig, CloudAuth, AuthMethod, EndpointInterface } from './config/cloud-config';
export { loadCloudConfig, type LoadCloudConfigOptions } from './config/load-cloud-config';
export { cloudConfigFromDocument, parseCloudDocumentText } from './config/cloud-config-from-document';
export { SecretsManagerCloudConfigLoader, type SecretsManagerCloudConfigLoaderOptions } from '../aws/secrets-manager-cloud-config-loader';
export { CloudConfigError } from './config/cloud-config-error';
export { Secret } from './config/secret';

export { OpenStackHttpError } from './errors/openstack-http-error';
export { OpenStackNetworkError } from './errors/openstack-network-error';
export { OpenStackTimeoutError } from './errors/openstack-timeout-error';
export { OpenStackResponseError } from './errors/openstack-response-error';
export { EndpointNotFoundError } from './auth/catalog';

export { TtlCache, sharedCache } from './cache/ttl-cache';

/** Per-service calls (gophercloud-style `requests`), for what the port does not cover (limits, zones, ...). */
export * as computeRequests from './compute/requests';
export * as blockStorageRequests from './block-storage/requests';
export * as networkingRequests from './networking/requests';
export * as imageRequests from './image/requests';
export * as identityRequests from './identity/requests';
export * as objectStoreRequests from './object-store/requests';
