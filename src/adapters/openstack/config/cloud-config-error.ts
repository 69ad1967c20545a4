import { AppError } from '../../../domain/errors';

/**
 * The cloud configuration is missing, ambiguous or invalid. Not retryable: someone has to fix
 * clouds.yaml, the environment or the secret. Messages name files and keys, never values.
 */
export class CloudConfigError extends AppError {
  override name = 'CloudConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('openstack_config_invalid', message, { cause: options?.cause, retryable: false });
  }
}
