import { AppError } from '../../../domain/errors';
import type { ServiceType } from '../service-type';

/**
 * The service answered with a success status but a body this client cannot read (not JSON, or
 * not the documented shape). Not retryable: the same server gives the same body.
 */
export class OpenStackResponseError extends AppError {
  override name = 'OpenStackResponseError';
  readonly service: ServiceType;
  readonly url: string;

  constructor(details: { service: ServiceType; method: string; url: string; problem: string }, options?: { cause?: unknown }) {
    super('openstack_invalid_response', `Unexpected response: ${details.method} ${details.url}: ${details.problem}`, {
      cause: options?.cause,
      retryable: false,
    });
    this.service = details.service;
    this.url = details.url;
  }
}
