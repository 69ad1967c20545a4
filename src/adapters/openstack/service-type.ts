/**
 * The OpenStack services this client talks to, named by their official service type
 * (service-types-authority), not by whatever alias a catalog uses.
 */
export type ServiceType = 'identity' | 'compute' | 'block-storage' | 'network' | 'image' | 'placement' | 'object-store';

/** Every service type, in a stable order (for messages and override keys). */
export const SERVICE_TYPES: readonly ServiceType[] = ['identity', 'compute', 'block-storage', 'network', 'image', 'placement', 'object-store'];
