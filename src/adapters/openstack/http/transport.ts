import type { Logger, Metrics, Tracer } from '../../../domain/ports';
import { noMetrics, noTracer } from '../../../domain/telemetry';
import { OpenStackHttpError } from '../errors/openstack-http-error';
import { OpenStackNetworkError } from '../errors/openstack-network-error';
import { OpenStackResponseError } from '../errors/openstack-response-error';
import { OpenStackTimeoutError } from '../errors/openstack-timeout-error';
import { extractServiceMessage } from '../errors/service-error-message';
import type { ServiceType } from '../service-type';
import { type BackoffPolicy, backoffDelayMs, retryAfterMs, sleep } from './backoff';
import { safeUrl } from './safe-url';
import { Semaphore } from './semaphore';
import type { Exchange, ResponseHeaders, WireResponse } from '../../http/http-exchange';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'HEAD';

/** One HTTP exchange with an OpenStack API. */
export interface HttpRequest {
  service: ServiceType;
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is instead of `body` (object uploads); `headers` carry its Content-Type. */
  payload?: Uint8Array;
  /** Statuses that count as success (gophercloud's `OkCodes`); anything else throws. */
  okCodes: readonly number[];
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** The body as sent. */
  text: string;
  /**
   * The body parsed as JSON (undefined when empty), on first access: the pager can read the next
   * link and send the next request before paying for parsing a 2 MB page.
   *
   * @throws OpenStackResponseError when the body is not JSON.
   */
  readonly body: unknown;
}

export interface TransportOptions {
  exchange: Exchange;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffPolicy;
  concurrency: number;
  logger?: Logger;
  /** Requests, retries and errors by service and status (`openstack_*` in `metricCatalogue`). */
  metrics?: Metrics;
  /** A client span per request on the wire, with its status and `x-openstack-request-id`. */
  tracer?: Tracer;
}

/** Counters for benchmarks and tests: every attempt on the wire is one request. */
export interface TransportStats {
  requests: number;
  retries: number;
}

/**
 * Sends requests: per-request timeout, bounded concurrency, retries with backoff on 5xx, 429,
 * timeouts and connection failures (honouring `Retry-After`), and typed errors that name the
 * service, URL and request id. Authentication lives a layer above (`ServiceClient`), because a 401
 * needs a new token rather than the same request again.
 */
export class HttpTransport {
  readonly #options: TransportOptions;
  readonly #semaphore: Semaphore;
  readonly stats: TransportStats = { requests: 0, retries: 0 };

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#semaphore = new Semaphore(options.concurrency);
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const metrics = this.#options.metrics ?? noMetrics;
    for (let retry = 0; ; retry++) {
      try {
        // The slot is held for one attempt only, never across a backoff sleep.
        return await this.#semaphore.run(() => this.attempt(request));
      } catch (error) {
        const retryable = (error as { retryable?: unknown }).retryable === true;
        if (!retryable || retry >= this.#options.maxRetries) {
          metrics.count('openstack_errors_total', { openstack_service: request.service, status: statusLabel(error) });
          throw error;
        }
        const delay = this.delayFor(error, retry);
        this.stats.retries++;
        metrics.count('openstack_retries_total', { openstack_service: request.service });
        this.#options.logger?.warn('openstack request failed, retrying', {
          service: request.service,
          method: request.method,
          url: safeUrl(request.url),
          status: error instanceof OpenStackHttpError ? error.status : undefined,
          requestId: error instanceof OpenStackHttpError ? error.requestId : undefined,
          error: (error as Error).name,
          retry: retry + 1,
          delayMs: delay,
        });
        await sleep(delay);
      }
    }
  }

  private delayFor(error: unknown, retry: number): number {
    const policy = this.#options.backoff;
    if (error instanceof OpenStackHttpError && error.retryAfterMs !== undefined) return error.retryAfterMs;
    return backoffDelayMs(policy, retry);
  }

  /**
   * One attempt, following same-origin redirects (http→https fronts, trailing slashes). A
   * redirect to another origin is not followed: the X-Auth-Token header would go along with it.
   */
  private async attempt(request: HttpRequest): Promise<HttpResponse> {
    const { method, service } = request;
    let target = request.url;
    for (let hop = 0; ; hop++) {
      const response = await this.exchange(request, target);
      const url = safeUrl(target);
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location && !request.okCodes.includes(response.status)) {
        const next = new URL(location, target);
        // 301/302/303 turn a POST or PUT into a GET in clients that follow them; only 307/308 keep the body.
        const followable = next.origin === new URL(target).origin && (method === 'GET' || method === 'HEAD' || response.status >= 307);
        if (followable && hop < MAX_REDIRECTS) {
          target = next.toString();
          continue;
        }
        throw this.httpError(request, url, response, `redirected to ${safeUrl(next.toString())}; not followed`);
      }
      if (!request.okCodes.includes(response.status)) {
        throw this.httpError(request, url, response, extractServiceMessage(service, response.text));
      }
      return lazyJsonResponse(response, { service, method, url });
    }
  }

  private async exchange(request: HttpRequest, target: string): Promise<WireResponse> {
    const { method, service } = request;
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': USER_AGENT, ...request.headers };
    let body: string | Uint8Array | undefined;
    if (request.payload !== undefined) {
      body = request.payload;
    } else if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const controller = new AbortController();
    // The timeout covers the body too: a stalled page must not hang a report.
    const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs);
    this.stats.requests++;
    const url = safeUrl(target);
    const server = new URL(target);
    const attributes = {
      'http.request.method': method,
      'url.full': url,
      'server.address': server.hostname,
      'server.port': Number(server.port) || (server.protocol === 'https:' ? 443 : 80),
      'openstack.service': service,
    };
    let status = 'network';
    try {
      return await (this.#options.tracer ?? noTracer).span(method, { kind: 'client', attributes }, async (span) => {
        try {
          const response = await this.#options.exchange({ method, url: target, headers, body, signal: controller.signal });
          status = String(response.status);
          span.setAttributes({ 'http.response.status_code': response.status, 'openstack.request_id': requestIdOf(response.headers) });
          return response;
        } catch (error) {
          if (controller.signal.aborted) {
            status = 'timeout';
            throw new OpenStackTimeoutError({ service, method, url, timeoutMs: this.#options.timeoutMs });
          }
          throw new OpenStackNetworkError({ service, method, url }, { cause: error });
        }
      });
    } finally {
      clearTimeout(timer);
      this.#options.metrics?.count('openstack_requests_total', { openstack_service: service, method, status });
    }
  }

  private httpError(request: HttpRequest, url: string, response: WireResponse, serviceMessage: string | undefined): OpenStackHttpError {
    return new OpenStackHttpError({
      service: request.service,
      method: request.method,
      url,
      status: response.status,
      requestId: requestIdOf(response.headers),
      serviceMessage,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.#options.backoff.maxRetryAfterMs),
    });
  }
}

/** `x-openstack-request-id`, else nova's `x-compute-request-id`, else swift's `x-trans-id`. */
export function requestIdOf(headers: ResponseHeaders): string | undefined {
  return headers.get('x-openstack-request-id') ?? headers.get('x-compute-request-id') ?? headers.get('x-trans-id') ?? undefined;
}

/** The status label of a failed request: its HTTP status, or what kept it from having one. */
function statusLabel(error: unknown): string {
  if (error instanceof OpenStackHttpError) return String(error.status);
  if (error instanceof OpenStackTimeoutError) return 'timeout';
  if (error instanceof OpenStackNetworkError) return 'network';
  return 'error';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;
const USER_AGENT = 'openstack-reports (typed OpenStack client; Node.js)';

function lazyJsonResponse(response: WireResponse, where: { service: ServiceType; method: string; url: string }): HttpResponse {
  let parsed: { value: unknown } | undefined;
  const { status, headers, text } = response;
  return {
    status,
    headers,
    text,
    get body() {
      parsed ??= { value: parseJson(text, where) };
      return parsed.value;
    },
  };
}

function parseJson(text: string, where: { service: ServiceType; method: string; url: string }): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OpenStackResponseError({ ...where, problem: 'the body is not JSON' }, { cause: error });
  }
}
