import type { InventorySource, Logger } from '../../domain/ports';
import { createInventorySource } from '../../adapters/openstack';
import { SecretsManagerCloudConfigLoader } from '../../adapters/aws/secrets-manager-cloud-config-loader';

/** The cloud the worker reports on, configured by a Secrets Manager secret (read once per cold start). */
export async function openStackFromSecret(secretId: string, logger: Logger): Promise<InventorySource> {
  const config = await new SecretsManagerCloudConfigLoader({ secretId }).load();
  return createInventorySource(config, { logger });
}
