import { AppError } from '../../../domain/errors';
import type { ServiceType } from '../service-type';

/**
 * Error codes of TLS verification failures: retrying cannot help, the configuration must change
 * (`cacert` or `verify: false`).
 */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The request never got an HTTP answer: connection refused or reset, DNS, TLS. */
export class OpenStackNetworkError extends AppError {
  override name = 'OpenStackNetworkError';
  readonly service: ServiceType;
  readonly method: string;
  readonly url: string;
  /** The system or TLS error code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`, ...). */
  readonly causeCode?: string;

  constructor(details: { service: ServiceType; method: string; url: string }, options: { cause: unknown }) {
    const code = networkErrorCode(options.cause);
    const tls = code !== undefined && TLS_CODES.has(code);
    const hint = tls ? ' (set cacert to the CA bundle of the cloud, or verify: false)' : '';
    super('openstack_network_error', `Network error: ${details.method} ${details.url}: ${describeCause(options.cause)}${hint}`, {
      cause: options.cause,
      retryable: !tls,
    });
    this.service = details.service;
    this.method = details.method;
    this.url = details.url;
    this.causeCode = code;
  }
}

/** The system or TLS code of the error, or of an error it wraps (`cause`), e.g. `ECONNRESET`. */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current instanceof Error) parts.push(current.message);
    else parts.push(String(current));
    current = current && typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return parts.filter((p, i) => p && parts.indexOf(p) === i).join(': ');
}
