import { AppError } from '../../../domain/errors';
import type { ServiceType } from '../service-type';

/** No complete answer within the per-request timeout. Retryable: the service may just be slow. */
export class OpenStackTimeoutError extends AppError {
  override name = 'OpenStackTimeoutError';
  readonly service: ServiceType;
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;

  constructor(details: { service: ServiceType; method: string; url: string; timeoutMs: number }) {
    super('openstack_timeout', `Request timed out after ${details.timeoutMs} ms: ${details.method} ${details.url}`, {
      retryable: true,
    });
    this.service = details.service;
    this.method = details.method;
    this.url = details.url;
    this.timeoutMs = details.timeoutMs;
  }
}
