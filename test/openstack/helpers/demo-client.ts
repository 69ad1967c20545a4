import type { DemoCloud } from '../../../src/demo-cloud/index';
import { TtlCache } from '../../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackClient } from '../../../src/adapters/openstack/client';
import type { OpenStackClientOptions } from '../../../src/adapters/openstack/client-options';
import { cloudConfigFromDocument } from '../../../src/adapters/openstack/config/cloud-config-from-document';

/**
 * Our client against a running demo cloud as `who`, with fast deterministic retries and its own
 * cache; `extra` adds clouds.yaml keys (endpoint overrides, ...).
 */
export function demoClient(
  cloud: DemoCloud,
  who: 'admin' | 'member' = 'admin',
  options: OpenStackClientOptions = {},
  extra: Record<string, unknown> = {},
): OpenStackClient {
  const config = cloudConfigFromDocument({ ...cloud.cloudEntry(who), ...extra });
  return new OpenStackClient(config, { cache: new TtlCache(), retryBaseDelayMs: 1, retryMaxDelayMs: 5, random: () => 0.5, timeoutMs: 5_000, ...options });
}
