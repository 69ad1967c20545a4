import type { InventorySource, Logger } from '../core/ports';
import { createInventorySource } from '../openstack';
import { SecretsManagerCloudConfigLoader } from '../openstack/config/secrets-manager-cloud-config-loader';

/** The cloud the worker reports on, configured by a Secrets Manager secret (read once per cold start). */
export async function openStackFromSecret(secretId: string, logger: Logger): Promise<InventorySource> {
  const config = await new SecretsManagerCloudConfigLoader({ secretId }).load();
  return createInventorySource(config, { logger });
}
