import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudConfig } from '../openstack/config/cloud-config';
import { CloudConfigError } from '../openstack/config/cloud-config-error';
import { cloudConfigFromDocument } from '../openstack/config/cloud-config-from-document';

export interface SecretsManagerCloudConfigLoaderOptions {
  /** Name or ARN of the secret holding the clouds.yaml entry (JSON or YAML). */
  secretId: string;
  /** Which cloud to take when the secret holds a whole clouds.yaml. */
  cloud?: string;
  /** Defaults to a client for the Lambda's own region. */
  client?: Pick<SecretsManagerClient, 'send'>;
}

/**
 * Loads the cloud configuration from AWS Secrets Manager once per cold start: the first `load()`
 * fetches and parses the secret, later calls reuse it. A failed fetch is not cached, so the next
 * invocation tries again.
 */
export class SecretsManagerCloudConfigLoader {
  readonly #options: SecretsManagerCloudConfigLoaderOptions;
  #config?: Promise<CloudConfig>;

  constructor(options: SecretsManagerCloudConfigLoaderOptions) {
    this.#options = options;
  }

  load(): Promise<CloudConfig> {
    this.#config ??= this.fetch().catch((error: unknown) => {
      this.#config = undefined;
      throw error;
    });
    return this.#config;
  }

  private async fetch(): Promise<CloudConfig> {
    const { secretId, cloud } = this.#options;
    const client = this.#options.client ?? new SecretsManagerClient({});
    let output;
    try {
      output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      // Missing secret or missing permission will not fix itself; throttling and outages may.
      if (name === 'ResourceNotFoundException' || name === 'AccessDeniedException' || name === 'DecryptionFailure') {
        throw new CloudConfigError(`cannot read secret ${secretId}: ${name}`, { cause: error });
      }
      throw error;
    }
    const text = output.SecretString ?? (output.SecretBinary ? Buffer.from(output.SecretBinary).toString('utf8') : undefined);
    if (text === undefined) throw new CloudConfigError(`secret ${secretId} has no value`);
    try {
      return cloudConfigFromDocument(text, cloud);
    } catch (error) {
      if (error instanceof CloudConfigError) {
        throw new CloudConfigError(`secret ${secretId}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}
