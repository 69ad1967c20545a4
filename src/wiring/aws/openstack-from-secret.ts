import { SecretsManagerCloudConfigLoader } from '../../adapters/aws/secrets-manager-cloud-config-loader';
import { createInventorySource } from '../../adapters/openstack/inventory-source';
import type { InventorySource, Logger, Metrics, Tracer } from '../../domain/ports';

/**
 * The OpenStack client for the cloud whose clouds.yaml entry the Secrets Manager secret holds, for
 * the wiring to `import()` on first use: with it come the Secrets Manager client, the OpenStack wire
 * schemas and the YAML parser, which the API needs only for its health check.
 */
export async function openStackFromSecret(secretId: string, logger: Logger, telemetry: { metrics?: Metrics; tracer?: Tracer } = {}): Promise<InventorySource> {
  const cloud = await new SecretsManagerCloudConfigLoader({ secretId }).load();
  return createInventorySource(cloud, { logger, ...telemetry });
}
