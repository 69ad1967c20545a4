import { AppError } from '../../../domain/errors';
import type { ServiceType } from '../service-type';

/** What an operator needs to find a failed call in the service's logs. */
export interface OpenStackHttpErrorDetails {
  service: ServiceType;
  method: string;
  /** The URL as requested (never carries a token: tokens travel in headers). */
  url: string;
  status: number;
  /** `x-openstack-request-id` or `x-compute-request-id`. */
  requestId?: string;
  /** The message extracted from the service's own error body. */
  serviceMessage?: string;
  /** The wait the server asked for with `Retry-After`, capped, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * An OpenStack API answered with a status the request does not accept. 5xx, 408 and 429 are
 * retryable (the service may recover); other 4xx are not (asking again gives the same answer).
 */
export class OpenStackHttpError extends AppError {
  override name = 'OpenStackHttpError';
  readonly service: ServiceType;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly requestId?: string;
  readonly serviceMessage?: string;
  readonly retryAfterMs?: number;

  constructor(details: OpenStackHttpErrorDetails, options?: { cause?: unknown }) {
    const id = details.requestId ? ` (request id ${details.requestId})` : '';
    const said = details.serviceMessage ? `: ${details.serviceMessage}` : '';
    super(`openstack_http_${details.status}`, `Request failed with ${details.status}: ${details.method} ${details.url}${id}${said}`, {
      cause: options?.cause,
      retryable: isRetryableStatus(details.status),
    });
    this.service = details.service;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.requestId = details.requestId;
    this.serviceMessage = details.serviceMessage;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx, 408 (request timeout) and 429 (rate limited) are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
